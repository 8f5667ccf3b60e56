/** The demo logins `npm start` prints and the sign-in page hints at; every password is `demo`. */
export const demoLogins = [
  { username: 'peter.edwards', description: 'Developer (Development); orders for himself' },
  { username: 'barbara.andrews', description: "Development manager; approves Peter's orders" },
  { username: 'alice.nguyen', description: "Executive assistant; Barbara's delegate" },
  { username: 'frank.castle', description: 'Sales employee on another carrier' },
  { username: 'svc.servicedesk', description: 'Service account (client servicedesk-app); may act for anyone' },
  { username: 'hank.scorpio', description: 'GLOBEX (tenant GLOBEX), a second company' },
];

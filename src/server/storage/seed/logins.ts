/**
 * The demo logins `npm start` prints and the sign-in page hints at; every password is `demo`. Only
 * people who sign in through the web app: the service account needs a confidential client's
 * secret, which a browser cannot keep, so it is not among them.
 */
export const demoLogins: { username: string; description: string; tenant?: string }[] = [
  { username: 'peter.edwards', description: 'Developer (Development); orders for himself' },
  { username: 'barbara.andrews', description: "Development manager; approves Peter's orders" },
  { username: 'alice.nguyen', description: "Executive assistant; Barbara's delegate" },
  { username: 'daniel.okafor', description: "CTO, Barbara's manager; decides what passes up from her" },
  { username: 'nina.patel', description: 'IT Mobility approver group (orders of $1,000 or more)' },
  { username: 'luis.ortega', description: 'Director of IT; IT Mobility approver group' },
  { username: 'kevin.zhao', description: 'Developer under Barbara; can be named her approval delegate' },
  { username: 'frank.castle', description: 'Sales employee on another carrier' },
  { username: 'sam.rivera', description: 'IT service desk; may act for anyone in ACME' },
  { username: 'hank.scorpio', description: 'Globex, a second company (company GLOBEX)', tenant: 'GLOBEX' },
];

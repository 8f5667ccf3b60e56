/** The demo companies' people, offices and departments. Names and addresses are fictional. */
import { demoIds } from './ids.ts';

const { unitedStates, canada, unitedKingdom } = demoIds.regions;
const { summit, meridian, beacon, maple, albion } = demoIds.vendors;

export type Office = {
  name: string;
  regionId: number;
  address: { id: string; value: string }[];
  /** Desk phones are `deskPrefix` + 3 digits. */
  deskPrefix: string;
  /** Mobile numbers are `mobilePrefix` + 3 digits, from 120 up to 199. */
  mobilePrefix: string;
  /** The carrier of the office's company lines. */
  carrierId: number;
};

const address = (line1: string, line2: string, city: string, state: string | null, postalCode: string) => [
  { id: 'LINE_1', value: line1 },
  ...(line2 ? [{ id: 'LINE_2', value: line2 }] : []),
  { id: 'CITY', value: city },
  ...(state ? [{ id: 'STATE', value: state }] : []),
  { id: 'POSTAL_CODE', value: postalCode },
];

// Mobile numbers stay in ranges reserved for fiction: 555-0100…0199 in North America, 07700 900xxx in the UK.
export const offices = {
  SEA: { name: 'Seattle HQ', regionId: unitedStates, address: address('1200 Fifth Avenue', 'Floor 14', 'Seattle', 'WA', '98101'), deskPrefix: '+1 206 555 2', mobilePrefix: '2065550', carrierId: summit },
  NYC: { name: 'New York', regionId: unitedStates, address: address('250 Park Avenue South', 'Floor 7', 'New York', 'NY', '10003'), deskPrefix: '+1 212 555 2', mobilePrefix: '2125550', carrierId: meridian },
  AUS: { name: 'Austin', regionId: unitedStates, address: address('500 West 2nd Street', 'Suite 900', 'Austin', 'TX', '78701'), deskPrefix: '+1 512 555 2', mobilePrefix: '5125550', carrierId: beacon },
  TOR: { name: 'Toronto', regionId: canada, address: address('100 King Street West', 'Suite 3200', 'Toronto', 'ON', 'M5X 1A9'), deskPrefix: '+1 416 555 2', mobilePrefix: '4165550', carrierId: maple },
  LON: { name: 'London', regionId: unitedKingdom, address: address('30 Finsbury Square', '', 'London', null, 'EC2A 1AG'), deskPrefix: '+44 20 7946 0', mobilePrefix: '07700900', carrierId: albion },
  PDX: { name: 'Globex Portland', regionId: unitedStates, address: address('900 SW Fifth Avenue', 'Suite 2100', 'Portland', 'OR', '97204'), deskPrefix: '+1 503 555 2', mobilePrefix: '5035550', carrierId: summit },
} satisfies Record<string, Office>;

export type OfficeKey = keyof typeof offices;

const d = demoIds.departments;
export const departmentRows = [
  { id: d.executive, tenantId: demoIds.tenants.acme, name: 'Executive' },
  { id: d.development, tenantId: demoIds.tenants.acme, name: 'Development' },
  { id: d.sales, tenantId: demoIds.tenants.acme, name: 'Sales' },
  { id: d.finance, tenantId: demoIds.tenants.acme, name: 'Finance' },
  { id: d.operations, tenantId: demoIds.tenants.acme, name: 'Operations' },
  { id: d.it, tenantId: demoIds.tenants.acme, name: 'IT' },
  { id: d.marketing, tenantId: demoIds.tenants.acme, name: 'Marketing' },
  { id: d.globexExecutive, tenantId: demoIds.tenants.globex, name: 'Executive' },
  { id: d.globexResearch, tenantId: demoIds.tenants.globex, name: 'Research' },
  { id: d.globexFieldOperations, tenantId: demoIds.tenants.globex, name: 'Field Operations' },
];

export const costCentres: Record<number, string> = {
  [d.executive]: 'CC-1000',
  [d.development]: 'CC-2100',
  [d.sales]: 'CC-3100',
  [d.finance]: 'CC-4100',
  [d.operations]: 'CC-5100',
  [d.it]: 'CC-6100',
  [d.marketing]: 'CC-7100',
  [d.globexExecutive]: 'GX-100',
  [d.globexResearch]: 'GX-300',
  [d.globexFieldOperations]: 'GX-500',
};

export type Person = {
  id: number;
  first: string;
  last: string;
  department: number;
  manager: number | null;
  title: string;
  office: OfficeKey;
  status?: 'INACTIVE';
  username?: string;
  email?: string;
  canMoveService?: boolean;
  isServiceAccount?: boolean;
};

const e = demoIds.employees;
const p = (id: number, first: string, last: string, department: number, manager: number | null, title: string, office: OfficeKey, extra: Partial<Person> = {}): Person => ({
  id, first, last, department, manager, title, office, ...extra,
});

export const acmePeople: Person[] = [
  p(e.peter, 'Peter', 'Edwards', d.development, e.barbara, 'Software Developer', 'SEA'),
  p(e.barbara, 'Barbara', 'Andrews', d.development, e.cto, 'Development Manager', 'SEA', { canMoveService: true }),
  p(e.alice, 'Alice', 'Nguyen', d.executive, e.ceo, 'Executive Assistant', 'SEA'),
  p(e.serviceDesk, 'Service', 'Desk', d.it, null, 'Service account (IT service desk integration)', 'SEA', {
    username: 'svc.servicedesk', email: 'servicedesk@acme.example', canMoveService: true, isServiceAccount: true,
  }),
  p(e.frank, 'Frank', 'Castle', d.sales, e.salesDirector, 'Account Executive', 'NYC'),
  p(e.ceo, 'Margaret', 'Holloway', d.executive, null, 'Chief Executive Officer', 'SEA'),
  p(e.cto, 'Daniel', 'Okafor', d.executive, e.ceo, 'Chief Technology Officer', 'SEA'),
  p(e.salesDirector, 'Rachel', 'Kim', d.sales, e.ceo, 'Vice President, Sales', 'NYC'),
  p(1009, 'Thomas', 'Brennan', d.finance, e.ceo, 'Chief Financial Officer', 'NYC'),
  p(1010, 'Priya', 'Raman', d.operations, e.ceo, 'Chief Operating Officer', 'AUS'),
  p(e.luis, 'Luis', 'Ortega', d.it, e.cto, 'Director of IT', 'SEA', { canMoveService: true }),
  p(1012, 'Hannah', 'Weiss', d.marketing, e.ceo, 'Marketing Director', 'NYC'),
  p(e.kevin, 'Kevin', 'Zhao', d.development, e.barbara, 'Senior Software Engineer', 'SEA'),
  p(1014, 'Sofia', 'Marquez', d.development, e.barbara, 'Software Engineer', 'SEA'),
  p(1015, 'Omar', 'Haddad', d.development, e.barbara, 'Staff Engineer', 'SEA'),
  p(1016, 'Emily', 'Carter', d.development, e.barbara, 'QA Engineer', 'SEA'),
  p(1017, 'Jun', 'Park', d.development, e.barbara, 'Software Engineer', 'SEA'),
  p(1018, 'Grace', 'Liu', d.development, e.cto, 'Engineering Manager, Platform', 'SEA'),
  p(1019, 'Nathan', 'Brooks', d.development, 1018, 'Site Reliability Engineer', 'SEA'),
  p(1020, 'Aisha', 'Bello', d.development, 1018, 'Software Engineer', 'SEA'),
  p(1021, 'Mateo', 'Rossi', d.development, 1018, 'DevOps Engineer', 'SEA'),
  p(1022, 'Chloé', 'Dubois', d.development, 1018, 'Software Engineer', 'TOR', { email: 'chloe.dubois@acme.example', username: 'chloe.dubois' }),
  p(1023, 'Marcus', 'Bell', d.sales, e.salesDirector, 'Regional Sales Manager, South', 'AUS'),
  p(1024, 'Jessica', 'Moore', d.sales, 1023, 'Account Executive', 'AUS'),
  p(1025, 'Tyler', 'Grant', d.sales, 1023, 'Sales Development Representative', 'AUS'),
  p(1026, 'Olivia', 'Bennett', d.sales, e.salesDirector, 'Account Executive', 'NYC'),
  p(1027, 'Ethan', 'Wright', d.sales, e.salesDirector, 'Sales Engineer', 'NYC'),
  p(1028, 'Isabelle', 'Tremblay', d.sales, e.salesDirector, 'Account Manager, Canada', 'TOR'),
  p(1029, 'Liam', 'Walsh', d.sales, 1030, 'Account Executive', 'LON'),
  p(1030, 'Charlotte', 'Davies', d.sales, e.salesDirector, 'UK Sales Manager', 'LON'),
  p(1031, 'George', 'Whitfield', d.sales, 1030, 'Account Executive', 'LON'),
  p(1032, 'Robert', 'Chen', d.finance, 1009, 'Controller', 'NYC'),
  p(1033, 'Maria', 'Gonzalez', d.finance, 1032, 'Senior Accountant', 'NYC'),
  p(1034, 'David', 'Levine', d.finance, 1032, 'Financial Analyst', 'NYC'),
  p(1035, 'Sarah', 'Mitchell', d.finance, 1032, 'Payroll Specialist', 'NYC'),
  p(1036, 'James', 'Porter', d.operations, 1010, 'Operations Manager', 'AUS'),
  p(1037, 'Angela', 'Rivera', d.operations, 1036, 'Logistics Coordinator', 'AUS'),
  p(1038, 'Brian', 'Foster', d.operations, 1036, 'Field Technician', 'AUS'),
  p(1039, 'Keisha', 'Johnson', d.operations, 1036, 'Field Technician', 'AUS'),
  p(1040, 'Victor', 'Novak', d.operations, 1010, 'Facilities Supervisor', 'SEA'),
  p(1041, 'Wei', 'Zhang', d.operations, 1010, 'Procurement Specialist', 'SEA'),
  p(1042, 'Samantha', 'Hughes', d.it, 1011, 'IT Support Lead', 'SEA'),
  p(1043, 'Raj', 'Patel', d.it, 1011, 'Systems Administrator', 'SEA'),
  p(1044, 'Lucas', 'Meyer', d.it, 1042, 'Mobility Administrator', 'SEA', { canMoveService: true }),
  p(1045, 'Fatima', 'Yusuf', d.it, 1042, 'Service Desk Analyst', 'SEA'),
  p(1046, 'Natalie', 'Fischer', d.marketing, 1012, 'Content Marketing Manager', 'NYC'),
  p(1047, 'Carlos', 'Mendes', d.marketing, 1012, 'Product Marketing Manager', 'SEA'),
  p(1048, 'Emma', 'Lawson', d.marketing, 1012, 'Graphic Designer', 'NYC'),
  p(1049, 'Noah', 'Sinclair', d.marketing, 1046, 'Marketing Coordinator', 'NYC'),
  p(1050, 'Ava', 'Robinson', d.marketing, 1012, 'Events Manager', 'AUS'),
  p(e.samRivera, 'Sam', 'Rivera', d.it, 1042, 'IT Service Desk Agent', 'SEA', { canMoveService: true }),
  p(e.nina, 'Nina', 'Patel', d.it, e.luis, 'IT Mobility Specialist', 'SEA'),
  p(1051, 'Benjamin', 'Hart', d.sales, e.salesDirector, 'Account Executive (left the company)', 'NYC', { status: 'INACTIVE' }),
];

export const globexPeople: Person[] = [
  p(e.hank, 'Hank', 'Scorpio', d.globexExecutive, null, 'Chief Executive Officer', 'PDX'),
  p(e.globexEngineer, 'Lena', 'Marsh', d.globexResearch, e.hank, 'Head of Research', 'PDX'),
  p(9003, 'Owen', 'Pike', d.globexFieldOperations, e.hank, 'Field Operations Manager', 'PDX'),
  p(9004, 'Dana', 'Ruiz', d.globexFieldOperations, 9003, 'Field Technician', 'PDX'),
  p(9005, 'Marcus', 'Webb', d.globexResearch, e.globexEngineer, 'Research Scientist', 'PDX'),
  p(9006, 'Ivy', 'Okoro', d.globexResearch, e.globexEngineer, 'Lab Technician', 'PDX'),
];

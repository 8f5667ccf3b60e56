/**
 * The vendor-shaped server's own demo company: Tidewater Surveying (tenant `TIDEWATER`), two
 * carriers on different access methods, a small catalog and a few people. Invented for this
 * fixture; nothing here is taken from the vendor's samples or from the project's own seed.
 */

export type AccessMethod = 'GSM' | 'CDMA';
export type Recurrence = 'ONETIME' | 'MONTHLY';

export const TENANT = 'TIDEWATER';
/** The public client of the web app: password grant without a secret. */
export const PUBLIC_CLIENT_ID = 'tidewater-web';
export const SOURCE_SYSTEM = 'TIDEWATER-PROCUREMENT';

export type Department = { id: string; name: string };
export const departments: Department[] = [
  { id: '4401', name: 'Field Survey' },
  { id: '4402', name: 'Drafting' },
  { id: '4403', name: 'Office' },
];

export type Employee = {
  id: string;
  companyEmployeeId: string;
  firstName: string;
  lastName: string;
  email: string;
  officePhone: string;
  departmentId: string;
  managerId?: string;
  username: string;
  password: string;
  isApprover: boolean;
  canMoveService: boolean;
};

export const seedEmployees: Employee[] = [
  {
    id: '7100001',
    companyEmployeeId: 'odalys.fenwick',
    firstName: 'Odalys',
    lastName: 'Fenwick',
    email: 'odalys.fenwick@tidewater.example',
    officePhone: '2075550140',
    departmentId: '4403',
    username: 'odalys.fenwick',
    password: 'tide-demo',
    isApprover: true,
    canMoveService: true,
  },
  {
    id: '7100002',
    companyEmployeeId: 'bram.oyelaran',
    firstName: 'Bram',
    lastName: 'Oyelaran',
    email: 'bram.oyelaran@tidewater.example',
    officePhone: '2075550141',
    departmentId: '4401',
    managerId: '7100001',
    username: 'bram.oyelaran',
    password: 'tide-demo',
    isApprover: false,
    canMoveService: false,
  },
  {
    id: '7100003',
    companyEmployeeId: 'wren.castellano',
    firstName: 'Wren',
    lastName: 'Castellano',
    email: 'wren.castellano@tidewater.example',
    officePhone: '2075550142',
    departmentId: '4402',
    managerId: '7100001',
    username: 'wren.castellano',
    password: 'tide-demo',
    isApprover: false,
    canMoveService: false,
  },
];

export type Vendor = { id: string; name: string; carrier: boolean; accessMethod?: AccessMethod };
export const vendors: Vendor[] = [
  { id: '610', name: 'Gullwing Mobile', carrier: true, accessMethod: 'GSM' },
  { id: '620', name: 'Lighthouse Cellular', carrier: true, accessMethod: 'CDMA' },
  { id: '690', name: 'Chartroom Supply', carrier: false },
];

export type Model = { id: string; name: string };
export type Manufacturer = { id: string; name: string; models: Model[] };
export const manufacturers: Manufacturer[] = [
  {
    id: 'Kestrel',
    name: 'Kestrel',
    models: [
      { id: 'K-20', name: 'Kestrel K20' },
      { id: 'K-40', name: 'Kestrel K40 Pro' },
    ],
  },
  {
    id: 'Plover',
    name: 'Plover',
    models: [
      { id: 'P-9', name: 'Plover Nine' },
      { id: 'P-11', name: 'Plover Eleven' },
    ],
  },
  { id: 'Other', name: 'Other', models: [{ id: 'Other', name: 'Other' }] },
];

export type CatalogDevice = {
  id: string;
  name: string;
  manufacturerId: string;
  modelId: string;
  vendorId: string;
  accessMethod: AccessMethod;
  price: number;
};
export const catalogDevices: CatalogDevice[] = [
  { id: '83001', name: 'Kestrel K20 (128GB) - Harbor Grey', manufacturerId: 'Kestrel', modelId: 'K-20', vendorId: '610', accessMethod: 'GSM', price: 289 },
  { id: '83002', name: 'Kestrel K40 Pro (256GB) - Storm Blue', manufacturerId: 'Kestrel', modelId: 'K-40', vendorId: '610', accessMethod: 'GSM', price: 649 },
  { id: '83003', name: 'Plover Nine (64GB) - Sand', manufacturerId: 'Plover', modelId: 'P-9', vendorId: '620', accessMethod: 'CDMA', price: 159.5 },
  { id: '83004', name: 'Plover Eleven (128GB) - Kelp', manufacturerId: 'Plover', modelId: 'P-11', vendorId: '620', accessMethod: 'CDMA', price: 349.99 },
];

export type Feature = { id: string; description: string; price: number };
export type CatalogPlan = {
  id: string;
  name: string;
  vendorId: string;
  price: number;
  included: string[];
  optional: Feature[];
};
export const catalogPlans: CatalogPlan[] = [
  {
    id: '85001',
    name: 'Gullwing Crew 15GB',
    vendorId: '610',
    price: 32.5,
    included: ['Unlimited talk and text', '15GB shared data'],
    optional: [
      { id: '8601', description: 'Coastal roaming pass', price: 9 },
      { id: '8602', description: 'Voicemail to text', price: 2.5 },
    ],
  },
  {
    id: '85002',
    name: 'Gullwing Field Unlimited',
    vendorId: '610',
    price: 54,
    included: ['Unlimited talk, text and data', 'Mobile hotspot 20GB'],
    optional: [{ id: '8603', description: 'Satellite messaging', price: 6 }],
  },
  {
    id: '85003',
    name: 'Lighthouse Shared 25GB',
    vendorId: '620',
    price: 41,
    included: ['Unlimited talk and text', '25GB shared data'],
    optional: [
      { id: '8604', description: 'Priority network access', price: 12 },
      { id: '8605', description: 'Device protection', price: 8.25 },
    ],
  },
];

export type Accessory = { id: string; name: string; manufacturerId: string; vendorId: string; price: number; fitsModels: string[] | 'all' };
export const catalogAccessories: Accessory[] = [
  { id: '87001', name: 'Kestrel K20 Rugged Case', manufacturerId: 'Kestrel', vendorId: '690', price: 34, fitsModels: ['K-20'] },
  { id: '87002', name: 'Kestrel K40 Pro Folio', manufacturerId: 'Kestrel', vendorId: '690', price: 42, fitsModels: ['K-40'] },
  { id: '87003', name: 'Plover Waterproof Pouch', manufacturerId: 'Plover', vendorId: '690', price: 19.75, fitsModels: ['P-9', 'P-11'] },
  { id: '87004', name: 'USB-C Vehicle Charger 30W', manufacturerId: 'Other', vendorId: '690', price: 24, fitsModels: 'all' },
];

export const US = { id: '50010', name: 'United States', abbreviation: 'US' };

/** Every US state and DC, name and postal abbreviation: the STATE options of the address format. */
export const usStates: Array<[string, string]> = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
  ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'],
  ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'],
  ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'],
  ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
  ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'],
  ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'],
  ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
];

export type PropertyField = {
  id: string;
  label: string;
  type: 'TEXT' | 'DATE' | 'CHOICE';
  validation: 'REQUIRED' | 'OPTIONAL';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  regEx?: string;
  choices?: Array<{ id: string; label: string; isOther: boolean }>;
  /** Filled in per request: the actor's phone, the service's number, the current carrier. */
  defaultFrom?: 'contactNumber' | 'serviceNumber' | 'currentCarrier';
};

const contactNumber: PropertyField = { id: 'CONTACT_NUMBER', label: 'Contact phone number', type: 'TEXT', validation: 'REQUIRED', minLength: 10, maxLength: 20, defaultFrom: 'contactNumber' };
const serviceNumber: PropertyField = { id: 'SERVICE_NUMBER', label: 'Line number', type: 'TEXT', validation: 'REQUIRED', minLength: 10, maxLength: 15, defaultFrom: 'serviceNumber' };
const instructions: PropertyField = { id: 'ADDITIONAL_INSTRUCTIONS', label: 'Notes for the carrier', type: 'TEXT', validation: 'OPTIONAL', minLength: 0, maxLength: 500 };
const date = (id: string, label: string, validation: PropertyField['validation']): PropertyField => ({ id, label, type: 'DATE', validation, pattern: 'yyyy-mm-dd' });

/** Order properties per transaction type, in one MISCELLANEOUS group. */
const transferIn: PropertyField[] = [
  { id: 'SERVICE_NUMBER', label: 'Number to bring over', type: 'TEXT', validation: 'REQUIRED', minLength: 10, maxLength: 15 },
  { id: 'CARRIER_ACCT_NUMBER', label: 'Account number at the current carrier', type: 'TEXT', validation: 'REQUIRED', minLength: 4, maxLength: 30 },
  { id: 'NAME_ON_INVOICE', label: 'Name on the current invoice', type: 'TEXT', validation: 'REQUIRED', minLength: 1, maxLength: 80 },
  contactNumber,
];

export const propertiesByType: Record<string, PropertyField[]> = {
  NEW_ACTIVATION: [
    contactNumber,
    { id: 'PREFERRED_AREA_CODE', label: 'Area code you would like', type: 'TEXT', validation: 'OPTIONAL', minLength: 3, maxLength: 3, regEx: '[2-9][0-9]{2}' },
    instructions,
  ],
  UPGRADE: [
    contactNumber,
    serviceNumber,
    {
      id: 'Reason',
      label: 'Why the upgrade',
      type: 'CHOICE',
      validation: 'REQUIRED',
      choices: [
        { id: '31', label: 'Phone is damaged', isOther: false },
        { id: '32', label: 'Due for a new phone', isOther: false },
        { id: '33', label: 'Something else', isOther: true },
      ],
    },
  ],
  PORT_NUMBER: [
    { id: 'CARRIER_ACCT_NUMBER', label: 'Account number at the current carrier', type: 'TEXT', validation: 'REQUIRED', minLength: 4, maxLength: 30 },
    { id: 'NAME_ON_INVOICE', label: 'Name on the current invoice', type: 'TEXT', validation: 'REQUIRED', minLength: 1, maxLength: 80 },
    contactNumber,
    { id: 'CURRENT_CARRIER', label: 'Current carrier', type: 'TEXT', validation: 'OPTIONAL', maxLength: 80, defaultFrom: 'currentCarrier' },
    serviceNumber,
  ],
  ORDER_ACCESSORIES: [contactNumber, instructions],
  SUSPEND: [
    contactNumber,
    serviceNumber,
    date('PREFERRED_SUSPENSION_DATE', 'Suspend from', 'REQUIRED'),
    {
      id: 'HOLD_SERVICE',
      label: 'Keep the number while suspended',
      type: 'CHOICE',
      validation: 'OPTIONAL',
      choices: [
        { id: 'KEEP', label: 'Keep it', isOther: false },
        { id: 'RELEASE', label: 'Release it', isOther: false },
      ],
    },
    instructions,
  ],
  UNSUSPEND: [contactNumber, serviceNumber, date('PREFERRED_UNSUSPEND_DATE', 'Reactivate on', 'OPTIONAL')],
  DEACTIVATE: [contactNumber, serviceNumber, date('PREFERRED_DEACTIVATION_DATE', 'End the line on', 'REQUIRED')],
  UPDATE_FEATURES: [contactNumber, serviceNumber],
  SWAP_DEVICES: [contactNumber, serviceNumber],
  XFER_SERVICE_OUT: [contactNumber, serviceNumber, { id: 'PERSONAL_EMAIL', label: 'Personal email', type: 'TEXT', validation: 'REQUIRED', minLength: 3, maxLength: 120, regEx: '[^@\\s]+@[^@\\s]+' }],
  XFER_SERVICE_IN: transferIn,
  XFER_SERVICE_IN_AND_PORT: transferIn,
};

export type AcknowledgementSet = {
  infoblocks: Array<{ header: string; paragraphs: Array<{ text: string }> }>;
  acknowledgements: Array<{ id: string; label: string; type: 'BOOLEAN'; validation: 'REQUIRED' | 'OPTIONAL' }>;
};

/** What the carriers ask a person to read and accept before a personal number becomes a company line. */
export const transferAcknowledgements: AcknowledgementSet = {
  infoblocks: [
    {
      header: 'Before you bring your number',
      paragraphs: [
        { text: 'Settle any balance with your current carrier first; an unpaid account can hold up the transfer.' },
        { text: 'Once the number is a company line, Tidewater pays for it and decides what happens to it.' },
      ],
    },
  ],
  acknowledgements: [
    { id: 'BALANCE_SETTLED', label: 'My personal account has no unpaid balance.', type: 'BOOLEAN', validation: 'REQUIRED' },
    { id: 'NUMBER_TO_COMPANY', label: 'I hand this number over to Tidewater Surveying.', type: 'BOOLEAN', validation: 'REQUIRED' },
  ],
};

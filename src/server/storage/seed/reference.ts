/**
 * Reference data shared by every tenant: countries with their address formats, carriers,
 * manufacturers and device models. Carrier and brand names of the carriers are fictional.
 */
import { demoIds } from './ids.ts';

export type AddressComponent = {
  id: string;
  label: string;
  minLength: number;
  maxLength: number;
  validation: 'REQUIRED' | 'OPTIONAL';
  pattern?: string;
  regEx?: string;
  options?: { label: string; value: string }[];
};

export type AccessMethod = 'GSM' | 'CDMA' | 'CDMA_PCS' | 'IDEN';

const usStates: [name: string, abbreviation: string][] = [
  ['Alabama', 'AL'], ['Alaska', 'AK'], ['Arizona', 'AZ'], ['Arkansas', 'AR'], ['California', 'CA'],
  ['Colorado', 'CO'], ['Connecticut', 'CT'], ['Delaware', 'DE'], ['District of Columbia', 'DC'],
  ['Florida', 'FL'], ['Georgia', 'GA'], ['Hawaii', 'HI'], ['Idaho', 'ID'], ['Illinois', 'IL'],
  ['Indiana', 'IN'], ['Iowa', 'IA'], ['Kansas', 'KS'], ['Kentucky', 'KY'], ['Louisiana', 'LA'],
  ['Maine', 'ME'], ['Maryland', 'MD'], ['Massachusetts', 'MA'], ['Michigan', 'MI'], ['Minnesota', 'MN'],
  ['Mississippi', 'MS'], ['Missouri', 'MO'], ['Montana', 'MT'], ['Nebraska', 'NE'], ['Nevada', 'NV'],
  ['New Hampshire', 'NH'], ['New Jersey', 'NJ'], ['New Mexico', 'NM'], ['New York', 'NY'],
  ['North Carolina', 'NC'], ['North Dakota', 'ND'], ['Ohio', 'OH'], ['Oklahoma', 'OK'], ['Oregon', 'OR'],
  ['Pennsylvania', 'PA'], ['Rhode Island', 'RI'], ['South Carolina', 'SC'], ['South Dakota', 'SD'],
  ['Tennessee', 'TN'], ['Texas', 'TX'], ['Utah', 'UT'], ['Vermont', 'VT'], ['Virginia', 'VA'],
  ['Washington', 'WA'], ['West Virginia', 'WV'], ['Wisconsin', 'WI'], ['Wyoming', 'WY'],
];

const canadianProvinces: [name: string, abbreviation: string][] = [
  ['Alberta', 'AB'], ['British Columbia', 'BC'], ['Manitoba', 'MB'], ['New Brunswick', 'NB'],
  ['Newfoundland and Labrador', 'NL'], ['Northwest Territories', 'NT'], ['Nova Scotia', 'NS'],
  ['Nunavut', 'NU'], ['Ontario', 'ON'], ['Prince Edward Island', 'PE'], ['Quebec', 'QC'],
  ['Saskatchewan', 'SK'], ['Yukon', 'YT'],
];

export const US_ZIP_REGEX = '^\\d{5}(-\\d{4})?$';
// Canada Post never uses D, F, I, O, Q or U, and W and Z never start a postal code.
export const CA_POSTAL_REGEX = '^[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d$';
export const UK_POSTCODE_REGEX = '^([A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|GIR ?0AA)$';

const line = (id: string, label: string, validation: 'REQUIRED' | 'OPTIONAL'): AddressComponent => ({
  id,
  label,
  minLength: validation === 'REQUIRED' ? 1 : 0,
  maxLength: 100,
  validation,
});

const toOptions = (list: [string, string][]) => list.map(([label, value]) => ({ label, value }));

export const addressFormats: Record<'US' | 'CA' | 'GB', AddressComponent[]> = {
  US: [
    line('LINE_1', 'Street address', 'REQUIRED'),
    line('LINE_2', 'Apartment, suite, etc.', 'OPTIONAL'),
    { id: 'CITY', label: 'City', minLength: 1, maxLength: 50, validation: 'REQUIRED' },
    { id: 'STATE', label: 'State', minLength: 2, maxLength: 2, validation: 'REQUIRED', options: toOptions(usStates) },
    { id: 'POSTAL_CODE', label: 'ZIP code', minLength: 5, maxLength: 10, validation: 'REQUIRED', pattern: '12345 or 12345-6789', regEx: US_ZIP_REGEX },
  ],
  CA: [
    line('LINE_1', 'Street address', 'REQUIRED'),
    line('LINE_2', 'Apartment, suite, etc.', 'OPTIONAL'),
    { id: 'CITY', label: 'City', minLength: 1, maxLength: 50, validation: 'REQUIRED' },
    { id: 'STATE', label: 'Province', minLength: 2, maxLength: 2, validation: 'REQUIRED', options: toOptions(canadianProvinces) },
    { id: 'POSTAL_CODE', label: 'Postal code', minLength: 6, maxLength: 7, validation: 'REQUIRED', pattern: 'A1A 1A1', regEx: CA_POSTAL_REGEX },
  ],
  GB: [
    line('LINE_1', 'Address line 1', 'REQUIRED'),
    line('LINE_2', 'Address line 2', 'OPTIONAL'),
    { id: 'CITY', label: 'Town or city', minLength: 1, maxLength: 50, validation: 'REQUIRED' },
    { id: 'COUNTY', label: 'County', minLength: 0, maxLength: 50, validation: 'OPTIONAL' },
    { id: 'POSTAL_CODE', label: 'Postcode', minLength: 5, maxLength: 8, validation: 'REQUIRED', pattern: 'SW1A 1AA', regEx: UK_POSTCODE_REGEX },
  ],
};

const { unitedStates, canada, unitedKingdom } = demoIds.regions;

export const regionRows = [
  {
    id: unitedStates, type: 'COUNTRY' as const, name: 'United States', abbreviation: 'US', parentId: null, countryCode: 'US',
    currencyCode: 'USD', currencyName: 'US Dollar', currencySymbol: '$',
    postalCodePattern: '12345 or 12345-6789', postalCodeRegEx: US_ZIP_REGEX, addressFormat: addressFormats.US,
  },
  {
    id: canada, type: 'COUNTRY' as const, name: 'Canada', abbreviation: 'CA', parentId: null, countryCode: 'CA',
    currencyCode: 'CAD', currencyName: 'Canadian Dollar', currencySymbol: 'CA$',
    postalCodePattern: 'A1A 1A1', postalCodeRegEx: CA_POSTAL_REGEX, addressFormat: addressFormats.CA,
  },
  {
    id: unitedKingdom, type: 'COUNTRY' as const, name: 'United Kingdom', abbreviation: 'GB', parentId: null, countryCode: 'GB',
    currencyCode: 'GBP', currencyName: 'Pound Sterling', currencySymbol: '£',
    postalCodePattern: 'SW1A 1AA', postalCodeRegEx: UK_POSTCODE_REGEX, addressFormat: addressFormats.GB,
  },
  // Child regions are numbered 100 + n (US) and 200 + n (Canada) in alphabetical order.
  ...usStates.map(([name, abbreviation], index) => ({
    id: 101 + index, type: 'STATE_PROVINCE' as const, name, abbreviation, parentId: unitedStates, countryCode: 'US',
  })),
  ...canadianProvinces.map(([name, abbreviation], index) => ({
    id: 201 + index, type: 'STATE_PROVINCE' as const, name, abbreviation, parentId: canada, countryCode: 'CA',
  })),
];

export const currencyOfRegion: Record<number, string> = { [unitedStates]: 'USD', [canada]: 'CAD', [unitedKingdom]: 'GBP' };

export type Carrier = {
  id: number;
  name: string;
  slug: string;
  regionId: number;
  accessMethod: AccessMethod;
  /** Two digits of the ICCID's issuer part. */
  simIssuer: string;
};

const v = demoIds.vendors;
export const carriers: Carrier[] = [
  { id: v.summit, name: 'Summit Wireless', slug: 'summit-wireless', regionId: unitedStates, accessMethod: 'GSM', simIssuer: '41' },
  { id: v.meridian, name: 'Meridian Mobile', slug: 'meridian-mobile', regionId: unitedStates, accessMethod: 'CDMA', simIssuer: '48' },
  { id: v.beacon, name: 'Beacon Cellular', slug: 'beacon-cellular', regionId: unitedStates, accessMethod: 'CDMA_PCS', simIssuer: '26' },
  { id: v.maple, name: 'Maple Mobility', slug: 'maple-mobility', regionId: canada, accessMethod: 'GSM', simIssuer: '30' },
  { id: v.albion, name: 'Albion Telecom', slug: 'albion-telecom', regionId: unitedKingdom, accessMethod: 'GSM', simIssuer: '44' },
];

export const carrierById = new Map(carriers.map((carrier) => [carrier.id, carrier]));

export const vendorRows = carriers.map((carrier) => ({
  id: carrier.id,
  name: carrier.name,
  logoUrl: `/images/carriers/${carrier.slug}.svg`,
  type: 'CARRIER',
  regionId: carrier.regionId,
  accessMethod: carrier.accessMethod,
}));

const m = demoIds.manufacturers;
export const manufacturerRows = [
  { id: m.apple, name: 'Apple', logoUrl: '/images/manufacturers/apple.svg' },
  { id: m.samsung, name: 'Samsung', logoUrl: '/images/manufacturers/samsung.svg' },
  { id: m.google, name: 'Google', logoUrl: '/images/manufacturers/google.svg' },
  { id: m.motorola, name: 'Motorola', logoUrl: '/images/manufacturers/motorola.svg' },
  { id: m.nokia, name: 'Nokia', logoUrl: '/images/manufacturers/nokia.svg' },
  { id: m.other, name: 'Other', logoUrl: '/images/manufacturers/other.svg' },
];

export type DeviceModel = {
  id: number;
  manufacturerId: number;
  name: string;
  slug: string;
  /** First six digits of the model's IMEI type allocation code. */
  tac: string;
  usbC: boolean;
  wirelessCharging: boolean;
};

const model = (id: number, manufacturerId: number, name: string, slug: string, tac: string, usbC = true, wirelessCharging = true): DeviceModel => ({
  id, manufacturerId, name, slug, tac, usbC, wirelessCharging,
});

export const deviceModels: DeviceModel[] = [
  model(101, m.apple, 'iPhone 16 Pro', 'iphone-16-pro', '356605'),
  model(102, m.apple, 'iPhone 16', 'iphone-16', '356604'),
  model(103, m.apple, 'iPhone 15', 'iphone-15', '353263'),
  model(104, m.apple, 'iPhone SE (3rd generation)', 'iphone-se', '356497', false),
  model(105, m.apple, 'iPhone 13', 'iphone-13', '352012', false),
  model(201, m.samsung, 'Galaxy S25 Ultra', 'galaxy-s25-ultra', '350934'),
  model(202, m.samsung, 'Galaxy S25', 'galaxy-s25', '350931'),
  model(203, m.samsung, 'Galaxy A55 5G', 'galaxy-a55', '351566', true, false),
  model(204, m.samsung, 'Galaxy Z Flip6', 'galaxy-z-flip6', '350462'),
  model(205, m.samsung, 'Galaxy Z Fold6', 'galaxy-z-fold6', '350463'),
  model(206, m.samsung, 'Galaxy XCover7', 'galaxy-xcover7', '352884', true, false),
  model(207, m.samsung, 'Galaxy S23', 'galaxy-s23', '350215'),
  model(301, m.google, 'Pixel 9 Pro', 'pixel-9-pro', '359223'),
  model(302, m.google, 'Pixel 9', 'pixel-9', '359222'),
  model(303, m.google, 'Pixel 8a', 'pixel-8a', '358910'),
  model(304, m.google, 'Pixel 7', 'pixel-7', '355392'),
  model(401, m.motorola, 'moto g power 5G (2025)', 'moto-g-power', '354127', true, false),
  model(402, m.motorola, 'motorola edge (2025)', 'motorola-edge', '354128'),
  model(403, m.motorola, 'motorola razr (2024)', 'motorola-razr', '354129'),
  model(501, m.nokia, 'Nokia G42 5G', 'nokia-g42', '357834', true, false),
  model(502, m.nokia, 'Nokia XR21', 'nokia-xr21', '357835', true, false),
];

export const modelById = new Map(deviceModels.map((entry) => [entry.id, entry]));

export const modelRows = [
  ...deviceModels.map((entry) => ({
    id: entry.id,
    manufacturerId: entry.manufacturerId,
    name: entry.name,
    imageUrl: `/images/devices/${entry.slug}.svg`,
  })),
  { id: demoIds.models.other, manufacturerId: m.other, name: 'Other', imageUrl: '/images/devices/other.svg' },
];

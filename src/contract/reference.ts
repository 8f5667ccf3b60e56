import { z } from 'zod';
import { id, objectMeta } from './common.ts';
import { transactionTypes } from './transaction-types.ts';

// The list lives in a module without zod, for screens that need only the names (the start page).
export { transactionTypes } from './transaction-types.ts';
export const transactionType = z.enum(transactionTypes).meta({ id: 'TransactionType' });
export type TransactionType = z.infer<typeof transactionType>;

/** A device works on a carrier exactly when the two access methods are equal. */
export const accessMethod = z.enum(['GSM', 'CDMA', 'CDMA_PCS', 'IDEN']).meta({ id: 'AccessMethod' });
export type AccessMethod = z.infer<typeof accessMethod>;

export const validation = z.enum(['REQUIRED', 'OPTIONAL']).meta({ id: 'Validation' });

// ---------------------------------------------------------------------------------------------
// Regions

export const regionType = z.enum(['COUNTRY', 'STATE_PROVINCE']);

/** How other objects point at a region. */
export const regionSummary = z.object({ id, name: z.string(), _meta: objectMeta.optional() }).meta({ id: 'RegionSummary' });

export const region = z
  .object({
    id,
    name: z.string(),
    type: regionType,
    abbreviation: z.string().nullish(),
    parentId: id.nullish(),
    _meta: objectMeta,
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof region>;

export const addressComponent = z
  .object({
    id: z.string().describe('LINE_1, LINE_2, LINE_3, CITY, STATE, POSTAL_CODE, …'),
    label: z.string(),
    minLength: z.number().int(),
    maxLength: z.number().int(),
    validation,
    pattern: z.string().optional().describe('A hint for people.'),
    regEx: z.string().optional().describe('Must match the whole value.'),
    options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  })
  .meta({ id: 'AddressComponent' });
export type AddressComponent = z.infer<typeof addressComponent>;

export const regionDetail = region
  .extend({
    countryCode: z.string().nullish(),
    currency: z.object({ code: z.string(), name: z.string(), symbol: z.string() }).nullish(),
    postalCodePattern: z.string().nullish(),
    postalCodeRegEx: z.string().nullish(),
    addressFormat: z.array(addressComponent).describe('In display order.'),
  })
  .meta({ id: 'RegionDetail' });
export type RegionDetail = z.infer<typeof regionDetail>;

export const regionsQuery = z.object({
  parentRegion: id.optional().describe('Lists the states/provinces of this country.'),
});
export const regionsResponse = z.object({ regions: z.array(region) }).meta({ id: 'RegionList' });

// ---------------------------------------------------------------------------------------------
// Vendors

export const vendor = z
  .object({
    id,
    name: z.string(),
    logoUrl: z.string().nullish(),
    type: z.string().describe('CARRIER for mobile carriers.'),
    region: regionSummary.nullish(),
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'Vendor' });
export type Vendor = z.infer<typeof vendor>;

export const vendorDetail = vendor.extend({ accessMethod }).meta({ id: 'VendorDetail' });
export type VendorDetail = z.infer<typeof vendorDetail>;

export const vendorsQuery = z.object({
  type: z.string().max(40).optional().describe('CARRIER for carriers only.'),
  region: id.optional().describe('Vendors of this country; a state stands for its country.'),
});
export const vendorsResponse = z.object({ vendors: z.array(vendor) }).meta({ id: 'VendorList' });

// ---------------------------------------------------------------------------------------------
// Manufacturers and models

export const manufacturerSummary = z
  .object({ id, name: z.string(), logoUrl: z.string().nullish(), _meta: objectMeta.optional() })
  .meta({ id: 'ManufacturerSummary' });

export const manufacturer = z
  .object({ id, name: z.string(), logoUrl: z.string().nullish(), _meta: objectMeta.optional() })
  .meta({ id: 'Manufacturer' });
export type Manufacturer = z.infer<typeof manufacturer>;

export const model = z.object({ id, name: z.string(), imageUrl: z.string().nullish() }).meta({ id: 'Model' });
export type Model = z.infer<typeof model>;

export const manufacturerDetail = manufacturer.extend({ models: z.array(model) }).meta({ id: 'ManufacturerDetail' });
export type ManufacturerDetail = z.infer<typeof manufacturerDetail>;

export const modelDetail = model.extend({ manufacturer: manufacturerSummary }).meta({ id: 'ModelDetail' });

export const manufacturersResponse = z.object({ manufacturers: z.array(manufacturer) }).meta({ id: 'ManufacturerList' });

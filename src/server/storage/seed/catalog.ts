/**
 * The per-tenant catalog: devices (one catalog item per device–carrier pair), plans with included
 * and optional features, care features, and accessories with the models they fit.
 *
 * Catalog device IDs are `base + 10 × product number + carrier id` (ACME base 3000, GLOBEX 3500),
 * so an ID says which product and carrier it is and stays fixed when the list grows.
 */
import { demoIds } from './ids.ts';
import { carrierById, currencyOfRegion, deviceModels, modelById } from './reference.ts';
import { foldForSearch } from '../search-fold.ts';

const { summit, meridian, beacon, maple, albion } = demoIds.vendors;
const US = [summit, meridian, beacon];

type Choice = [id: string, label: string, extraUsdCents?: number];

type Product = {
  number: number;
  modelId: number;
  priceUsdCents: number;
  carriers: number[];
  description: string;
  specifications: [label: string, value: string][];
  colours: Choice[];
  storage?: Choice[];
  /** Department keys that may order it; absent = everyone. */
  departments?: (keyof typeof demoIds.departments)[];
};

const storage = (base: string, ...upgrades: [string, number][]): Choice[] => [
  [`STORAGE_${base}`, `${base} GB`],
  ...upgrades.map(([size, cents]): Choice => [`STORAGE_${size}`, size.endsWith('TB') ? size.replace('TB', ' TB') : `${size} GB`, cents]),
];

const products: Product[] = [
  {
    number: 1, modelId: 101, priceUsdCents: 99900, carriers: US,
    description: 'Apple\'s pro iPhone with a titanium design, the A18 Pro chip and a 5x telephoto camera.',
    specifications: [['Display', '6.3-inch Super Retina XDR, 120 Hz'], ['Processor', 'A18 Pro'], ['Camera', '48 MP main, 48 MP ultra wide, 12 MP 5x telephoto'], ['Battery', 'Up to 27 hours video playback'], ['Connector', 'USB-C (USB 3)']],
    colours: [['COLOR_BLACK_TITANIUM', 'Black Titanium'], ['COLOR_NATURAL_TITANIUM', 'Natural Titanium'], ['COLOR_DESERT_TITANIUM', 'Desert Titanium']],
    storage: storage('128', ['256', 10000], ['512', 30000]),
  },
  {
    number: 2, modelId: 102, priceUsdCents: 79900, carriers: [summit, meridian, beacon, maple, albion],
    description: 'The everyday iPhone with the A18 chip, Camera Control and all-day battery life.',
    specifications: [['Display', '6.1-inch Super Retina XDR'], ['Processor', 'A18'], ['Camera', '48 MP Fusion, 12 MP ultra wide'], ['Battery', 'Up to 22 hours video playback'], ['Connector', 'USB-C']],
    colours: [['COLOR_BLACK', 'Black'], ['COLOR_WHITE', 'White'], ['COLOR_TEAL', 'Teal'], ['COLOR_ULTRAMARINE', 'Ultramarine']],
    storage: storage('128', ['256', 10000], ['512', 30000]),
  },
  {
    number: 3, modelId: 104, priceUsdCents: 42900, carriers: [summit, beacon],
    description: 'A compact iPhone with Touch ID and the A15 Bionic chip — a good fit for shared and shift devices.',
    specifications: [['Display', '4.7-inch Retina HD'], ['Processor', 'A15 Bionic'], ['Camera', '12 MP wide'], ['Battery', 'Up to 15 hours video playback'], ['Connector', 'Lightning']],
    colours: [['COLOR_MIDNIGHT', 'Midnight'], ['COLOR_STARLIGHT', 'Starlight']],
    storage: storage('64', ['128', 5000]),
  },
  {
    number: 4, modelId: 202, priceUsdCents: 79999, carriers: [summit, meridian, maple, albion],
    description: 'Samsung\'s compact flagship with Galaxy AI, a bright 120 Hz display and seven years of updates.',
    specifications: [['Display', '6.2-inch Dynamic AMOLED 2X, 120 Hz'], ['Processor', 'Snapdragon 8 Elite for Galaxy'], ['Camera', '50 MP wide, 12 MP ultra wide, 10 MP 3x telephoto'], ['Battery', '4,000 mAh'], ['Storage', '128 GB or 256 GB']],
    colours: [['COLOR_NAVY', 'Navy'], ['COLOR_ICYBLUE', 'Icyblue'], ['COLOR_SILVER_SHADOW', 'Silver Shadow'], ['COLOR_MINT', 'Mint']],
    storage: storage('128', ['256', 6000]),
  },
  {
    number: 5, modelId: 201, priceUsdCents: 129999, carriers: [summit, meridian],
    description: 'The largest Galaxy with a built-in S Pen, a 200 MP camera and a titanium frame.',
    specifications: [['Display', '6.9-inch Dynamic AMOLED 2X, 120 Hz'], ['Processor', 'Snapdragon 8 Elite for Galaxy'], ['Camera', '200 MP wide, 50 MP ultra wide, 50 MP 5x, 10 MP 3x'], ['Battery', '5,000 mAh'], ['S Pen', 'Included']],
    colours: [['COLOR_TITANIUM_SILVERBLUE', 'Titanium Silverblue'], ['COLOR_TITANIUM_BLACK', 'Titanium Black'], ['COLOR_TITANIUM_GRAY', 'Titanium Gray']],
    storage: storage('256', ['512', 12000], ['1TB', 36000]),
  },
  {
    number: 6, modelId: 302, priceUsdCents: 79900, carriers: [summit, meridian, beacon, albion],
    description: 'Google\'s Pixel 9 with Gemini built in, the Tensor G4 chip and seven years of OS updates.',
    specifications: [['Display', '6.3-inch Actua OLED, 120 Hz'], ['Processor', 'Google Tensor G4'], ['Camera', '50 MP wide, 48 MP ultra wide'], ['Battery', '4,700 mAh'], ['Storage', '128 GB or 256 GB']],
    colours: [['COLOR_OBSIDIAN', 'Obsidian'], ['COLOR_PORCELAIN', 'Porcelain'], ['COLOR_WINTERGREEN', 'Wintergreen'], ['COLOR_PEONY', 'Peony']],
    storage: storage('128', ['256', 10000]),
  },
  {
    number: 7, modelId: 301, priceUsdCents: 99900, carriers: [summit, beacon],
    description: 'The pro Pixel with a 5x telephoto lens, 16 GB of memory and a satin-finish back.',
    specifications: [['Display', '6.3-inch Super Actua LTPO OLED, 1–120 Hz'], ['Processor', 'Google Tensor G4'], ['Camera', '50 MP wide, 48 MP ultra wide, 48 MP 5x telephoto'], ['Battery', '4,700 mAh'], ['Memory', '16 GB RAM']],
    colours: [['COLOR_OBSIDIAN', 'Obsidian'], ['COLOR_PORCELAIN', 'Porcelain'], ['COLOR_HAZEL', 'Hazel'], ['COLOR_ROSE_QUARTZ', 'Rose Quartz']],
    storage: storage('128', ['256', 10000], ['512', 22000]),
  },
  {
    number: 8, modelId: 303, priceUsdCents: 49900, carriers: [summit, meridian, beacon, maple],
    description: 'An affordable Pixel with the Tensor G3 chip and seven years of security updates.',
    specifications: [['Display', '6.1-inch Actua OLED, 120 Hz'], ['Processor', 'Google Tensor G3'], ['Camera', '64 MP wide, 13 MP ultra wide'], ['Battery', '4,492 mAh'], ['Storage', '128 GB or 256 GB']],
    colours: [['COLOR_OBSIDIAN', 'Obsidian'], ['COLOR_PORCELAIN', 'Porcelain'], ['COLOR_BAY', 'Bay'], ['COLOR_ALOE', 'Aloe']],
    storage: storage('128', ['256', 6000]),
  },
  {
    number: 9, modelId: 401, priceUsdCents: 29999, carriers: US,
    description: 'A dependable budget phone with a two-day battery and IP68/IP69 water protection.',
    specifications: [['Display', '6.8-inch FHD+ LCD, 120 Hz'], ['Processor', 'MediaTek Dimensity 6300'], ['Camera', '50 MP main, 8 MP ultra wide'], ['Battery', '5,000 mAh, 30 W charging'], ['Durability', 'IP68/IP69, MIL-STD-810H']],
    colours: [['COLOR_SLATE_GRAY', 'Slate Gray']],
  },
  {
    number: 10, modelId: 403, priceUsdCents: 69999, carriers: [summit, meridian],
    description: 'A flip phone with a large external display for quick replies without opening it.',
    specifications: [['Main display', '6.9-inch pOLED, 165 Hz'], ['External display', '3.6-inch pOLED'], ['Camera', '50 MP main, 13 MP ultra wide'], ['Battery', '4,200 mAh'], ['Storage', '256 GB']],
    colours: [['COLOR_KOALA_GRAY', 'Koala Gray'], ['COLOR_SPRING_GREEN', 'Spring Green'], ['COLOR_BEACH_SAND', 'Beach Sand']],
  },
  {
    number: 11, modelId: 205, priceUsdCents: 189999, carriers: [summit], departments: ['sales'],
    description: 'Samsung\'s book-style foldable for client presentations on the road. Available to the Sales department only.',
    specifications: [['Main display', '7.6-inch Dynamic AMOLED 2X'], ['Cover display', '6.3-inch Dynamic AMOLED 2X'], ['Processor', 'Snapdragon 8 Gen 3 for Galaxy'], ['Camera', '50 MP wide, 12 MP ultra wide, 10 MP 3x'], ['Battery', '4,400 mAh']],
    colours: [['COLOR_SILVER_SHADOW', 'Silver Shadow'], ['COLOR_NAVY', 'Navy'], ['COLOR_PINK', 'Pink']],
    storage: storage('256', ['512', 12000]),
  },
  {
    number: 12, modelId: 502, priceUsdCents: 49900, carriers: [summit, albion],
    description: 'A rugged Nokia for field work: drop-proof to 1.8 m, IP69K, and usable with gloves.',
    specifications: [['Display', '6.49-inch FHD+ with Gorilla Glass Victus'], ['Processor', 'Snapdragon 695'], ['Camera', '64 MP main, 8 MP ultra wide'], ['Battery', '4,800 mAh'], ['Durability', 'IP68/IP69K, MIL-STD-810H']],
    colours: [['COLOR_MIDNIGHT_BLACK', 'Midnight Black'], ['COLOR_PINE_GREEN', 'Pine Green']],
  },
  {
    number: 13, modelId: 206, priceUsdCents: 32999, carriers: [meridian, beacon],
    description: 'An enterprise-ready rugged Galaxy with a replaceable battery and programmable push-to-talk key.',
    specifications: [['Display', '6.6-inch FHD+ TFT'], ['Processor', 'Dimensity 6100+'], ['Camera', '50 MP'], ['Battery', '4,050 mAh, replaceable'], ['Durability', 'IP68, MIL-STD-810H']],
    colours: [['COLOR_BLACK', 'Black']],
  },
  {
    number: 14, modelId: 203, priceUsdCents: 44999, carriers: [maple, albion],
    description: 'A mid-range Galaxy with a 120 Hz Super AMOLED display and a metal frame.',
    specifications: [['Display', '6.6-inch Super AMOLED, 120 Hz'], ['Processor', 'Exynos 1480'], ['Camera', '50 MP main, 12 MP ultra wide, 5 MP macro'], ['Battery', '5,000 mAh'], ['Storage', '128 GB or 256 GB']],
    colours: [['COLOR_AWESOME_NAVY', 'Awesome Navy'], ['COLOR_AWESOME_ICEBLUE', 'Awesome Iceblue']],
    storage: storage('128', ['256', 5000]),
  },
];

/** GLOBEX's smaller, separately priced catalog (product number → carriers). */
const globexOffer: Record<number, number[]> = { 2: [summit, meridian], 4: [summit], 6: [summit], 12: [summit] };

// Prices in other currencies are set per market, not converted daily: rounded up to .99.
const priceIn = (usdCents: number, currency: string): number => {
  if (currency === 'USD') return usdCents;
  const rate = currency === 'CAD' ? 1.36 : 0.79;
  return Math.ceil((usdCents * rate) / 100) * 100 - 1;
};
const extraIn = (usdCents: number, currency: string): number =>
  currency === 'USD' || usdCents === 0 ? usdCents : Math.round((usdCents * (currency === 'CAD' ? 1.36 : 0.79)) / 500) * 500;

type TenantKey = 'acme' | 'globex';

export function catalogDeviceRows(tenant: TenantKey) {
  const tenantId = demoIds.tenants[tenant];
  const base = tenant === 'acme' ? 3000 : 3500;
  return products.flatMap((product) => {
    const offeredOn = tenant === 'acme' ? product.carriers : (globexOffer[product.number] ?? []);
    const deviceModel = modelById.get(product.modelId)!;
    return offeredOn.map((carrierId) => {
      const carrier = carrierById.get(carrierId)!;
      const currency = currencyOfRegion[carrier.regionId]!;
      const price = priceIn(product.priceUsdCents, currency);
      const choice = (feature: string, label: string, choices: Choice[]) => ({
        id: feature,
        label,
        type: 'CHOICE',
        validation: 'REQUIRED',
        options: choices.map(([id, optionLabel, extra = 0], index) => ({
          id,
          label: optionLabel,
          isDefault: index === 0,
          priceCents: extraIn(extra, currency),
        })),
      });
      return {
        id: base + product.number * 10 + carrierId,
        tenantId,
        name: deviceModel.name,
        nameFolded: foldForSearch(deviceModel.name),
        manufacturerId: deviceModel.manufacturerId,
        modelId: deviceModel.id,
        vendorId: carrierId,
        regionId: carrier.regionId,
        // GLOBEX negotiated 5% off list price.
        priceCents: tenant === 'globex' ? Math.round(price * 0.95) : price,
        currencyCode: currency,
        imageUrl: `/images/devices/${deviceModel.slug}.svg`,
        accessMethod: carrier.accessMethod,
        description: product.description,
        specifications: product.specifications.map(([label, value]) => ({ label, value })),
        deviceFeatures: [
          choice('COLOR', 'Colour', product.colours),
          ...(product.storage ? [choice('STORAGE', 'Storage', product.storage)] : []),
        ],
        eligibleDepartmentIds: product.departments ? product.departments.map((key) => demoIds.departments[key]) : null,
      };
    });
  });
}

/** Models a carrier sells to every department (what the demo's assets are mostly drawn from). */
export function modelsSoldBy(carrierId: number): number[] {
  return products.filter((product) => product.carriers.includes(carrierId) && !product.departments).map((product) => product.modelId);
}

type FeatureSpec = [offset: number, description: string, usdCents: number];

// Care features each carrier offers; offsets 1–6 give IDs base + 10 × (carrier − 1) + offset.
const carrierFeatures: Record<number, FeatureSpec[]> = {
  [summit]: [[1, 'International Pass (calls, texts and 5 GB in 200+ countries)', 1000], [2, 'Mobile hotspot, 50 GB high speed', 1000], [3, 'Device protection (loss, theft and damage)', 1500], [4, 'Visual voicemail with transcription', 299], [5, 'Wi-Fi calling', 0], [6, 'Extra 10 GB high-speed data', 1500]],
  [meridian]: [[1, 'TravelPass Americas (Canada and Mexico)', 800], [2, 'Hotspot Plus, 30 GB', 1000], [3, 'Total Device Protection', 1700], [4, 'Premium visual voicemail', 299], [5, 'Call filter with spam blocking', 399]],
  [beacon]: [[1, 'Global roaming day pass', 1000], [2, 'Hotspot, 25 GB', 500], [3, 'Beacon Protect device insurance', 1400], [4, 'Visual voicemail', 199], [5, 'Push-to-talk group calling', 500]],
  [maple]: [[1, 'US and international roaming', 1500], [2, 'Mobile hotspot, 20 GB', 1000], [3, 'Device protection', 1800], [4, 'Visual voicemail', 300]],
  [albion]: [[1, 'EU and worldwide roaming', 800], [2, 'Personal hotspot, unlimited', 500], [3, 'Handset insurance', 900], [4, 'Visual voicemail', 0]],
};

export const featureId = (tenant: TenantKey, carrierId: number, offset: number) =>
  (tenant === 'acme' ? 7000 : 7500) + 10 * (carrierId - 1) + offset;

export function featureRows(tenant: TenantKey) {
  const tenantId = demoIds.tenants[tenant];
  const offered = tenant === 'acme' ? Object.keys(carrierFeatures).map(Number) : [summit, meridian];
  return offered.flatMap((carrierId) => {
    const currency = currencyOfRegion[carrierById.get(carrierId)!.regionId]!;
    return carrierFeatures[carrierId]!.map(([offset, description, usdCents]) => ({
      id: featureId(tenant, carrierId, offset),
      tenantId,
      vendorId: carrierId,
      description,
      priceCents: usdCents === 0 ? 0 : priceIn(usdCents, currency),
      currencyCode: currency,
    }));
  });
}

type PlanSpec = {
  id: number;
  name: string;
  carrierId: number;
  priceCents: number;
  included: string[];
  /** Feature offsets of the carrier that this plan offers as optional features. */
  optional: number[];
};

const acmePlans: PlanSpec[] = [
  { id: 4001, name: 'Summit Business Unlimited', carrierId: summit, priceCents: 6000, included: ['Unlimited talk and text in the US', 'Unlimited 5G data (50 GB premium, then reduced speed)', '15 GB mobile hotspot', 'Talk and text to Mexico and Canada'], optional: [1, 2, 3, 4] },
  { id: 4002, name: 'Summit Essentials 15 GB', carrierId: summit, priceCents: 3500, included: ['Unlimited talk and text in the US', '15 GB 5G data', 'Wi-Fi calling'], optional: [3, 4, 6] },
  { id: 4003, name: 'Summit Unlimited Plus', carrierId: summit, priceCents: 7500, included: ['Unlimited talk, text and premium 5G data', '50 GB mobile hotspot', 'International Pass included in 10 countries', 'Device protection included'], optional: [1, 4] },
  { id: 4004, name: 'Meridian Business Pro', carrierId: meridian, priceCents: 5500, included: ['Unlimited talk and text', 'Unlimited data (30 GB premium)', '10 GB hotspot'], optional: [1, 2, 3, 5] },
  { id: 4005, name: 'Meridian Flex 10 GB', carrierId: meridian, priceCents: 3000, included: ['Unlimited talk and text', '10 GB data'], optional: [2, 4] },
  { id: 4006, name: 'Meridian Unlimited Premium', carrierId: meridian, priceCents: 8000, included: ['Unlimited talk, text and premium data', '30 GB Hotspot Plus', 'TravelPass Americas included'], optional: [3, 4, 5] },
  { id: 4007, name: 'Beacon Share 20 GB', carrierId: beacon, priceCents: 4000, included: ['Unlimited talk and text', '20 GB shared data pool per line'], optional: [1, 2, 3] },
  { id: 4008, name: 'Beacon Unlimited', carrierId: beacon, priceCents: 6500, included: ['Unlimited talk, text and data', '15 GB hotspot', 'Push-to-talk'], optional: [1, 3, 4] },
  { id: 4009, name: 'Beacon Talk & Text', carrierId: beacon, priceCents: 2000, included: ['Unlimited talk and text', '1 GB data'], optional: [4, 5] },
  { id: 4010, name: 'Maple Business 25 GB', carrierId: maple, priceCents: 6500, included: ['Unlimited Canada-wide talk and text', '25 GB 5G data', 'Call display and voicemail'], optional: [1, 2, 3] },
  { id: 4011, name: 'Maple Unlimited', carrierId: maple, priceCents: 8500, included: ['Unlimited Canada-US talk and text', 'Unlimited data (100 GB at 5G speed)', '10 GB hotspot'], optional: [1, 3, 4] },
  { id: 4012, name: 'Albion Business 50 GB', carrierId: albion, priceCents: 2200, included: ['Unlimited UK minutes and texts', '50 GB 5G data', 'EU roaming for 5 days a month'], optional: [1, 2, 3] },
  { id: 4013, name: 'Albion Unlimited', carrierId: albion, priceCents: 3000, included: ['Unlimited UK minutes, texts and data', 'EU roaming included', 'Unlimited hotspot'], optional: [1, 3] },
];

const globexPlans: PlanSpec[] = [
  { id: 4501, name: 'Summit Business Unlimited (Globex)', carrierId: summit, priceCents: 5500, included: ['Unlimited talk and text in the US', 'Unlimited 5G data (50 GB premium)', '15 GB mobile hotspot'], optional: [1, 2, 3] },
  { id: 4502, name: 'Summit Essentials 15 GB (Globex)', carrierId: summit, priceCents: 3200, included: ['Unlimited talk and text in the US', '15 GB 5G data'], optional: [3, 4] },
  { id: 4503, name: 'Meridian Business Pro (Globex)', carrierId: meridian, priceCents: 5000, included: ['Unlimited talk and text', 'Unlimited data (30 GB premium)'], optional: [1, 2] },
];

export const plansOf = (tenant: TenantKey) => (tenant === 'acme' ? acmePlans : globexPlans);

export function planRows(tenant: TenantKey) {
  const tenantId = demoIds.tenants[tenant];
  return plansOf(tenant).map((plan) => {
    const carrier = carrierById.get(plan.carrierId)!;
    return {
      id: plan.id,
      tenantId,
      name: plan.name,
      nameFolded: foldForSearch(plan.name),
      vendorId: plan.carrierId,
      regionId: carrier.regionId,
      priceCents: plan.priceCents,
      currencyCode: currencyOfRegion[carrier.regionId]!,
      includedFeatures: plan.included.map((description) => ({ description })),
    };
  });
}

export function planFeatureRows(tenant: TenantKey) {
  return plansOf(tenant).flatMap((plan) => plan.optional.map((offset) => ({ planId: plan.id, featureId: featureId(tenant, plan.carrierId, offset) })));
}

const allPhoneModels = deviceModels.map((entry) => entry.id);
const usbCModels = deviceModels.filter((entry) => entry.usbC).map((entry) => entry.id);
const wirelessModels = deviceModels.filter((entry) => entry.wirelessCharging).map((entry) => entry.id);
const appleModels = deviceModels.filter((entry) => entry.manufacturerId === demoIds.manufacturers.apple).map((entry) => entry.id);

type AccessorySpec = [id: number, name: string, manufacturer: keyof typeof demoIds.manufacturers, carrierId: number, usdCents: number, image: string, models: number[]];

const m = demoIds.models;
const acmeAccessories: AccessorySpec[] = [
  [2001, 'iPhone 16 Silicone Case with MagSafe', 'apple', summit, 4900, 'case-blue', [m.iphone16]],
  [2002, 'iPhone 16 Pro Clear Case with MagSafe', 'apple', summit, 4900, 'case-clear', [m.iphone16Pro]],
  [2003, 'AirPods Pro 2', 'apple', summit, 24900, 'earbuds-white', allPhoneModels],
  [2004, '20W USB-C Power Adapter', 'apple', meridian, 1900, 'charger-white', appleModels],
  [2005, '30W USB-C Charger', 'google', summit, 2500, 'charger-white', usbCModels],
  [2006, 'Galaxy S25 Silicone Case', 'samsung', meridian, 2999, 'case-navy', [m.galaxyS25]],
  [2007, 'Galaxy S25 Ultra Rugged Armor Case', 'samsung', meridian, 5999, 'case-black', [201]],
  [2008, 'Galaxy Buds3 Pro', 'samsung', meridian, 24999, 'earbuds-black', allPhoneModels],
  [2009, '25W Super Fast Charger', 'samsung', beacon, 1999, 'charger-black', usbCModels],
  [2010, 'Pixel 9 Case', 'google', summit, 4999, 'case-green', [m.pixel9]],
  [2011, 'Pixel 9 Pro Case', 'google', beacon, 4999, 'case-black', [301]],
  [2012, 'Pixel Buds Pro 2', 'google', beacon, 22900, 'earbuds-black', allPhoneModels],
  [2013, 'Pixel 8a Case', 'google', meridian, 2999, 'case-blue', [m.pixel8a]],
  [2014, 'TurboPower 68W Charger', 'motorola', beacon, 3999, 'charger-black', usbCModels],
  [2015, 'moto buds+', 'motorola', summit, 12999, 'earbuds-black', allPhoneModels],
  [2016, 'Nokia XR21 Rugged Holster', 'nokia', summit, 3499, 'holster', [502]],
  [2017, '15W Wireless Charger Duo', 'samsung', summit, 5999, 'wireless-pad', wirelessModels],
  [2018, 'MagSafe Charger (1 m)', 'apple', beacon, 3900, 'wireless-pad', [m.iphone16Pro, m.iphone16, m.iphone15, 105]],
  [2019, 'Pixel 7 Case', 'google', summit, 2999, 'case-clear', [m.pixel7]],
  [2020, 'Galaxy S23 Silicone Case', 'samsung', meridian, 2499, 'case-navy', [m.galaxyS23]],
  [2021, 'USB-C to USB-C Cable (2 m)', 'google', beacon, 1999, 'cable', usbCModels],
  [2022, '25W Super Fast Charger', 'samsung', maple, 1999, 'charger-black', usbCModels],
  [2023, 'iPhone 16 Clear Case with MagSafe', 'apple', maple, 4900, 'case-clear', [m.iphone16]],
  [2024, '30W USB-C Charger', 'google', albion, 2500, 'charger-white', usbCModels],
  [2025, 'Pixel 9 Case', 'google', albion, 4999, 'case-green', [m.pixel9]],
  [2026, 'Nokia XR21 Rugged Holster', 'nokia', albion, 3499, 'holster', [502]],
];

const globexAccessories: AccessorySpec[] = [
  [2501, 'Pixel 9 Case', 'google', summit, 4999, 'case-green', [m.pixel9]],
  [2502, '30W USB-C Charger', 'google', summit, 2500, 'charger-white', usbCModels],
  [2503, 'iPhone 16 Silicone Case with MagSafe', 'apple', meridian, 4900, 'case-blue', [m.iphone16]],
  [2504, 'Galaxy Buds3 Pro', 'samsung', summit, 24999, 'earbuds-black', allPhoneModels],
];

const accessoriesOf = (tenant: TenantKey) => (tenant === 'acme' ? acmeAccessories : globexAccessories);

export function accessoryRows(tenant: TenantKey) {
  const tenantId = demoIds.tenants[tenant];
  return accessoriesOf(tenant).map(([id, name, manufacturer, carrierId, usdCents, image]) => {
    const currency = currencyOfRegion[carrierById.get(carrierId)!.regionId]!;
    return {
      id,
      tenantId,
      name,
      nameFolded: foldForSearch(name),
      manufacturerId: demoIds.manufacturers[manufacturer],
      vendorId: carrierId,
      priceCents: priceIn(usdCents, currency),
      currencyCode: currency,
      imageUrl: `/images/accessories/${image}.svg`,
    };
  });
}

export function accessoryModelRows(tenant: TenantKey) {
  return accessoriesOf(tenant).flatMap(([id, , , , , , models]) => models.map((modelId) => ({ accessoryId: id, modelId })));
}

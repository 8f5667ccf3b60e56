/**
 * What the vendor's public documentation says each MOBPROC answer contains: the member names and
 * their JSON types, written down by us as facts (not the vendor's samples). Our server must send
 * every member listed here with that type; it may send more (our extensions).
 *
 * The notation: a key is a member path; `.` enters an object, `[]` enters every item of an array.
 * Only leaves are listed; every object or array on the way is implied. The value is the JSON type
 * (`string`, `number`, `boolean`, `array`, `object`); a trailing `?` means "present on some items
 * only" (a property value is `text`, `date` or `choice` depending on its field's type) and is then
 * required on at least one item of the answer.
 *
 * When a vendor release adds a member, add its line to the table of the answer that carries it (or
 * to the fragment shared by several answers) and the shape suite demands it.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object';
export type Members = Record<string, JsonType | `${JsonType}?`>;

/** The members of `fragment`, placed under `prefix`. */
export const at = (prefix: string, fragment: Members): Members =>
  Object.fromEntries(Object.entries(fragment).map(([path, type]) => [`${prefix}${path.startsWith('[]') ? '' : '.'}${path}`, type]));

// ---------------------------------------------------------------------------------------------
// Fragments: objects that look the same wherever the vendor shows them

/** The link block most objects carry. */
const link: Members = { '_meta.href': 'string' };
/** An amount of money. */
const money: Members = { amount: 'number', currencyCode: 'string', recurrence: 'string' };
/** A person as orders name them (account holder, requester). */
const person: Members = {
  ...link,
  updated: 'string', // release 1.2.0: every employee object
  id: 'string',
  companyEmployeeId: 'string',
  firstName: 'string',
  lastName: 'string',
  email: 'string',
  officePhone: 'string',
  status: 'string',
  'department.id': 'string',
  'department.name': 'string',
};
/** A carrier or a manufacturer as other objects name it. */
const logoNamed: Members = { id: 'string', name: 'string', logoUrl: 'string' };
const brand: Members = { ...link, ...logoNamed };
/** A region as other objects name it. */
const place: Members = { ...link, id: 'string', name: 'string' };
/** A device model as a described device names it. */
const modelRef: Members = { ...link, id: 'string', name: 'string' };
const serial: Members = { 'serialNumber.type': 'string', 'serialNumber.value': 'string' };

type ValueKind = 'text' | 'date' | 'choice';
/** Property groups with labels; `kinds` are the value members the answer shows on some field. */
const propertyGroups = (...kinds: ValueKind[]): Members => ({
  '[].groupId': 'string',
  '[].fields[].id': 'string',
  '[].fields[].label': 'string',
  '[].fields[].type': 'string',
  ...(kinds.includes('text') ? { '[].fields[].text': 'string?' } : {}),
  ...(kinds.includes('date') ? { '[].fields[].date': 'string?' } : {}),
  ...(kinds.includes('choice') ? { '[].fields[].choice.id': 'string?' } : {}),
});

const shipToAddress: Members = { name: 'string', expedite: 'boolean', 'address[].id': 'string', 'address[].label': 'string', 'address[].value': 'string' };
/** Where the order ships, with the country as an object. */
const shipTo: Members = { ...shipToAddress, ...at('region', place) };

/** The device the service uses now, in the confirmation's own form (the model is a plain name). */
const serviceDevice: Members = {
  id: 'string',
  accessMethod: 'string',
  companyAssetId: 'string',
  macAddress: 'string',
  model: 'string',
  ...at('manufacturer', brand),
  ...serial,
  simId: 'string',
};
const service: Members = {
  ...link,
  id: 'string',
  serviceNumber: 'string',
  status: 'string',
  'contractDates.start': 'string',
  'contractDates.end': 'string',
  'contractDates.activated': 'string',
  'contractDates.lastDeviceUpgrade': 'string',
};
/** A device the request described by manufacturer, model and serial number. */
const describedDevice: Members = { ...at('manufacturer', brand), ...at('model', modelRef), ...serial };

const cartDevice: Members = { ...link, id: 'string', name: 'string', imageUrl: 'string', ...at('price', money), ...at('manufacturer', brand), ...at('vendor', brand) };
const cartAccessory: Members = cartDevice;
const pricedFeature: Members = { id: 'string', description: 'string', ...at('price', money) };
const cartPlan = (withOptionalFeatures: boolean): Members => ({
  ...link,
  id: 'string',
  name: 'string',
  ...at('price', money),
  ...at('vendor', brand),
  'includedFeatures[].description': 'string',
  ...(withOptionalFeatures ? at('optionalFeatures[]', pricedFeature) : { optionalFeatures: 'array' }),
});
const featureChange: Members = { ...pricedFeature, action: 'string' };

/** What every confirmation has. */
const confirmationBase = (...kinds: ValueKind[]): Members => ({
  status: 'string',
  'orderConfirmation.transactionType': 'string',
  'orderConfirmation.externalOrderNumber': 'string',
  ...at('orderConfirmation.accountHolder', person),
  ...at('orderConfirmation.requestedBy', person),
  ...at('orderConfirmation.properties', propertyGroups(...kinds)),
});
/** What every confirmation of an order on an existing service adds. */
const onService: Members = {
  ...at('orderConfirmation.region', place),
  ...at('orderConfirmation.service', service),
  ...at('orderConfirmation.device', serviceDevice),
};
const costSummary: Members = at('orderConfirmation.costSummary[]', money);

/** What every submit answer has. */
const orderBase = (...kinds: ValueKind[]): Members => ({
  status: 'string',
  'order._meta.href': 'string',
  'order.orderId': 'string',
  'order.transactionType': 'string',
  'order.status': 'string',
  'order.dateSubmitted': 'string',
  'order.externalOrderNumber': 'string',
  ...at('order.accountHolder', person),
  ...at('order.requestedBy', person),
  ...at('order.properties', propertyGroups(...kinds)),
});
/** A line of a submitted order; the plan always an object, `{ optionalFeatures: [] }` when none. */
const segment = (parts: { device?: boolean; plan?: 'with optional features' | 'without'; accessories?: boolean; features?: boolean }): Members => ({
  '_meta.hrefHistory': 'string',
  '_meta.hrefShipments': 'string',
  orderSegmentId: 'string',
  status: 'string',
  ...at('vendor', brand),
  ...(parts.device ? at('device', { name: 'string', imageUrl: 'string', ...at('price', money), ...at('manufacturer', brand) }) : {}),
  ...(parts.plan
    ? at('plan', {
        name: 'string',
        ...at('price', money),
        ...(parts.plan === 'without' ? { optionalFeatures: 'array' } : { 'optionalFeatures[].description': 'string', ...at('optionalFeatures[].price', money) }),
      })
    : { 'plan.optionalFeatures': 'array' }),
  ...(parts.accessories ? at('accessories[]', { name: 'string', imageUrl: 'string', ...at('price', money), ...at('manufacturer', brand) }) : { accessories: 'array' }),
  ...(parts.features ? at('features[]', featureChange) : { features: 'array' }),
});
const segments = (parts: Parameters<typeof segment>[0]) => at('order.orderSegments.items[]', segment(parts));
const nothingShips: Members = { 'order.shipTo.address': 'array' };

// ---------------------------------------------------------------------------------------------
// POST /orders?confirm=true and POST /orders, per transaction type

export const orderAnswers: Record<string, { confirmation: Members; order: Members }> = {
  NEW_ACTIVATION: {
    confirmation: {
      ...confirmationBase('text', 'choice'),
      ...at('orderConfirmation.region', place),
      'orderConfirmation.postalCode': 'string',
      ...at('orderConfirmation.shoppingCart.device', cartDevice),
      ...at('orderConfirmation.shoppingCart.plan', cartPlan(true)),
      ...at('orderConfirmation.shoppingCart.accessories[]', cartAccessory),
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...at('orderConfirmation.shipTo', shipTo),
      ...costSummary,
    },
    order: { ...orderBase('text', 'choice'), ...segments({ device: true, plan: 'with optional features', accessories: true }), ...at('order.shipTo', shipTo) },
  },
  UPGRADE: {
    confirmation: {
      ...confirmationBase('text', 'choice'),
      ...onService,
      ...at('orderConfirmation.existingDevice', { ...describedDevice, simId: 'string' }),
      ...at('orderConfirmation.shoppingCart.device', cartDevice),
      ...at('orderConfirmation.shoppingCart.plan', cartPlan(true)),
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...at('orderConfirmation.shipTo', shipTo),
      ...costSummary,
    },
    order: { ...orderBase('text', 'choice'), 'order.serviceNumber': 'string', ...segments({ device: true, plan: 'with optional features' }), ...at('order.shipTo', shipTo) },
  },
  PORT_NUMBER: {
    confirmation: {
      ...confirmationBase('text'),
      ...onService,
      'orderConfirmation.postalCode': 'string',
      ...at('orderConfirmation.shoppingCart.device', cartDevice),
      ...at('orderConfirmation.shoppingCart.plan', cartPlan(true)),
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...at('orderConfirmation.shipTo', shipTo),
      ...costSummary,
    },
    order: { ...orderBase('text'), 'order.serviceNumber': 'string', ...segments({ device: true, plan: 'with optional features' }), ...at('order.shipTo', shipTo) },
  },
  ORDER_ACCESSORIES: {
    confirmation: {
      ...confirmationBase('text'),
      ...onService,
      ...at('orderConfirmation.shoppingCart.accessories[]', cartAccessory),
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...at('orderConfirmation.shipTo', shipTo),
      ...costSummary,
    },
    order: { ...orderBase('text'), 'order.serviceNumber': 'string', ...segments({ accessories: true }), ...at('order.shipTo', shipTo) },
  },
  SUSPEND: {
    confirmation: { ...confirmationBase('text', 'date', 'choice'), ...onService },
    order: { ...orderBase('text', 'date', 'choice'), 'order.serviceNumber': 'string', ...segments({}), ...nothingShips },
  },
  UNSUSPEND: {
    confirmation: { ...confirmationBase('text', 'date'), ...onService },
    order: { ...orderBase('text', 'date'), 'order.serviceNumber': 'string', ...segments({}), ...nothingShips },
  },
  DEACTIVATE: {
    confirmation: { ...confirmationBase('text', 'date', 'choice'), ...at('orderConfirmation.service', service) },
    order: { ...orderBase('text', 'date', 'choice'), 'order.serviceNumber': 'string' },
  },
  UPDATE_FEATURES: {
    confirmation: {
      ...confirmationBase('text'),
      ...onService,
      ...at('orderConfirmation.shoppingCart.features[]', featureChange),
      'orderConfirmation.shoppingCart.featureRequestComment': 'string',
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...costSummary,
    },
    order: { ...orderBase('text'), 'order.serviceNumber': 'string', ...segments({ features: true }), ...nothingShips },
  },
  SWAP_DEVICES: {
    confirmation: {
      ...confirmationBase('text'),
      ...onService,
      ...at('orderConfirmation.existingDevice', { ...describedDevice, otherMakeModelName: 'string', simId: 'string' }),
      ...at('orderConfirmation.newDevice', describedDevice),
    },
    order: { ...orderBase('text'), 'order.serviceNumber': 'string', ...segments({}), ...nothingShips },
  },
  XFER_SERVICE_OUT: {
    confirmation: {
      ...confirmationBase('text'),
      ...at('orderConfirmation.region', place),
      ...at('orderConfirmation.service', service),
      ...at('orderConfirmation.device', serviceDevice),
      'orderConfirmation.acknowledgements': 'array',
    },
    order: { ...orderBase('text'), 'order.updated': 'string', 'order.serviceNumber': 'string', ...segments({}) },
  },
  XFER_SERVICE_IN: {
    confirmation: {
      ...confirmationBase('text'),
      ...at('orderConfirmation.region', place),
      'orderConfirmation.postalCode': 'string',
      ...at('orderConfirmation.currentVendor', logoNamed),
      ...at('orderConfirmation.shoppingCart.device', cartDevice),
      ...at('orderConfirmation.shoppingCart.plan', cartPlan(false)),
      ...at('orderConfirmation.shoppingCart.accessories[]', cartAccessory),
      'orderConfirmation.shoppingCart.quantity': 'number',
      // This one tutorial names the ship-to country by id rather than as an object.
      ...at('orderConfirmation.shipTo', { ...shipToAddress, regionId: 'string' }),
      'orderConfirmation.acknowledgements[].id': 'string',
      'orderConfirmation.acknowledgements[].boolean': 'boolean',
      ...costSummary,
    },
    order: { ...orderBase('text'), 'order.updated': 'string', ...segments({ device: true, plan: 'without' }), ...at('order.shipTo', shipTo) },
  },
  XFER_SERVICE_IN_AND_PORT: {
    confirmation: {
      ...confirmationBase('text'),
      ...at('orderConfirmation.region', place),
      'orderConfirmation.postalCode': 'string',
      ...at('orderConfirmation.currentVendor', logoNamed),
      ...at('orderConfirmation.shoppingCart.device', cartDevice),
      ...at('orderConfirmation.shoppingCart.plan', cartPlan(false)),
      'orderConfirmation.shoppingCart.quantity': 'number',
      ...at('orderConfirmation.shipTo', shipTo),
      'orderConfirmation.acknowledgements[].id': 'string',
      'orderConfirmation.acknowledgements[].type': 'string',
      'orderConfirmation.acknowledgements[].boolean': 'boolean',
      ...costSummary,
    },
    order: { ...orderBase('text'), 'order.updated': 'string', ...segments({ device: true, plan: 'without' }), ...at('order.shipTo', shipTo) },
  },
};

// ---------------------------------------------------------------------------------------------
// The other documented answers

/** POST /oauth/token, password and refresh grants alike. */
export const tokenAnswer: Members = { token_type: 'string', expires_in: 'number', access_token: 'string', refresh_token: 'string' };

/** GET /oauth/validate. The vendor writes `multitenant` as the string "true" or "false". */
export const validateAnswer: Members = {
  scope: 'string',
  expires_in: 'number',
  client_id: 'string',
  'access_token.platform': 'string',
  'access_token.tenant': 'string',
  'access_token.multitenant': 'string',
  'access_token.domain': 'string',
  'access_token.identityProvider': 'string',
  'access_token.identifier': 'string',
};

/** POST /assets/services/{id}/move: the moved service. */
export const moveAnswer: Members = {
  ...service,
  'plan.name': 'string',
  ...at('vendor.billing', brand),
  ...at('vendor.current', brand),
  ...at('device', {
    ...link,
    id: 'string',
    ...at('manufacturer', brand),
    'model.id': 'string',
    'model.name': 'string',
    'model.imageUrl': 'string',
    ...serial,
    simId: 'string',
    accessMethod: 'string',
    macAddress: 'string',
    companyAssetId: 'string',
    'orderActions[]': 'string',
  }),
  ...at('employee', {
    ...link,
    updated: 'string', // release 1.2.0
    id: 'string',
    companyEmployeeId: 'string',
    firstName: 'string',
    lastName: 'string',
    email: 'string',
    status: 'string',
    'department.id': 'string',
    'department.name': 'string',
  }),
  'orderActions[]': 'string',
  upgradeEligibilityDate: 'string', // release 1.2.0: every service asset
  updated: 'string', // release 1.1.0
};

/** GET /regions?parentRegion={country}: its states or provinces. */
export const statesAnswer: Members = at('regions[]', {
  '_meta.href': 'string',
  '_meta.hrefParent': 'string',
  id: 'string',
  name: 'string',
  type: 'string',
  abbreviation: 'string',
  parentId: 'string',
});

/** GET /regions/{id} of a country, with its address format. */
export const countryAnswer: Members = {
  '_meta.href': 'string',
  '_meta.hrefChildren': 'string',
  id: 'string',
  name: 'string',
  type: 'string',
  abbreviation: 'string',
  countryCode: 'string',
  'currency.code': 'string',
  'currency.name': 'string',
  'currency.symbol': 'string',
  postalCodePattern: 'string',
  postalCodeRegEx: 'string',
  ...at('addressFormat[]', {
    id: 'string',
    label: 'string',
    minLength: 'number',
    maxLength: 'number',
    validation: 'string',
    pattern: 'string?',
    regEx: 'string?',
    'options[].label': 'string?',
    'options[].value': 'string?',
  }),
};

/** GET /orders/properties. */
export const propertiesAnswer: Members = {
  'properties._meta.href': 'string',
  ...at('properties.items[]', {
    groupId: 'string',
    'fields[].id': 'string',
    'fields[].label': 'string',
    'fields[].type': 'string',
    'fields[].validation': 'string',
    'fields[].minLength': 'number?',
    'fields[].maxLength': 'number?',
    'fields[].text': 'string?',
    'fields[].choices[].id': 'string?',
    'fields[].choices[].label': 'string?',
    'fields[].choices[].isOther': 'boolean?',
  }),
};

/** GET /acknowledgements. */
export const acknowledgementsAnswer: Members = {
  'infoblocks[].header': 'string',
  'infoblocks[].paragraphs[].text': 'string',
  'acknowledgements[].id': 'string',
  'acknowledgements[].label': 'string',
  'acknowledgements[].type': 'string',
  'acknowledgements[].validation': 'string',
};

/** The `_meta` of a paginated collection, on a page in the middle (every link applies). */
export const pageMetaAnswer: Members = {
  href: 'string',
  limit: 'number',
  offset: 'number',
  totalCount: 'number',
  hrefStart: 'string',
  hrefPrevious: 'string',
  hrefNext: 'string',
  hrefEnd: 'string',
};

/** An item of GET /employees, as the metadata concept page shows one. */
export const employeeItemAnswer: Members = {
  '_meta.href': 'string',
  '_meta.hrefDevices': 'string',
  '_meta.hrefServices': 'string',
  id: 'string',
  companyEmployeeId: 'string',
  firstName: 'string',
  lastName: 'string',
  status: 'string',
  'department.id': 'string',
  'department.name': 'string',
};

/** POST /orders/{id}/approval. */
export const approvalAnswer: Members = { status: 'string' };

// ---------------------------------------------------------------------------------------------
// Members the vendor's release notes add, without a sample

/** GET /vendors: 1.1.0 fixed the missing `_meta` of a carrier's region. */
export const vendorsAnswer: Members = at('vendors[]', { id: 'string', name: 'string', logoUrl: 'string', type: 'string', ...at('region', place) });

/** GET /vendors/{id}: 1.1.0 added `accessMethod`. */
export const vendorDetailAnswer: Members = { id: 'string', name: 'string', accessMethod: 'string' };

/** GET /me: 1.1.0 added `isApprover` and `canMoveService`, and custom attributes. */
export const meAnswer: Members = { isApprover: 'boolean', canMoveService: 'boolean', customAttributes: 'array' };

/** GET /assets/services items: `updated` (1.1.0) and `upgradeEligibilityDate` (1.2.0). */
export const servicesPageAnswer: Members = at('services.items[]', { id: 'string', updated: 'string', upgradeEligibilityDate: 'string' });

/** GET /assets/devices?includeServiceDetails=true&includeUpgradeEligibleDate=true (1.3.1), `updated` (1.1.0). */
export const devicesWithServiceDetailsAnswer: Members = at('devices.items[]', {
  id: 'string',
  updated: 'string',
  'service.upgradeEligibleDate': 'string?',
  'service.contractDates.start': 'string?',
});

/** GET /orders items: `updated` (1.1.0). */
export const ordersPageAnswer: Members = at('orders.items[]', { orderId: 'string', status: 'string', updated: 'string' });

/**
 * Orders (MOBPROC §4): the request body with the per-type member table, the confirmation, the
 * stored order with its segments, history and shipments, approvals and cancellation, and the
 * `GET /orders` query. The checks that need data (catalog, assets, definitions) run on the server;
 * everything that depends on the body alone is here, so the web app gives the same verdicts.
 */
import { z } from 'zod';
import { capitalised, id, isoDateTime, money, objectMeta, page, paginationQuery, queryBoolean, withArticle } from './common.ts';
import { addressLines, orderProperties, propertyFieldTypes } from './dynamic.ts';
import { contractDates } from './assets.ts';
import { employee, employeeSummary, queryDateTime } from './employees.ts';
import { accessMethod, manufacturerSummary, regionSummary, transactionType, type TransactionType } from './reference.ts';
import { orderMemberRules, transactionCategory, transactionTypes, transactionTypeWords, typesOnService, type MemberRule } from './transaction-types.ts';

// Schema-free tables the web app's first screens need without zod; every caller may keep importing them from here.
export { orderMemberRules, transactionCategory, transactionTypeWords, typesOnService };
import { serialNumber, simId } from './serials.ts';
import { isMissingIssue } from './messages.ts';

// ---------------------------------------------------------------------------------------------
// Enums

export const orderStatuses = [
  'AWAITING_APPROVAL',
  'ORDER_SUBMITTED',
  'IN_PROGRESS',
  'SHIPPED',
  'COMPLETE',
  'REJECTED',
  'CANCELLED',
  'INFO_REQUESTED',
] as const;
export const orderStatus = z.enum(orderStatuses).meta({ id: 'OrderStatus' });
export type OrderStatus = z.infer<typeof orderStatus>;

/** Statuses after which nothing changes any more. */
export const finalOrderStatuses: readonly OrderStatus[] = ['COMPLETE', 'REJECTED', 'CANCELLED'];

export const featureAction = z.enum(['ADD', 'REMOVE']).meta({ id: 'FeatureAction' });
export type FeatureAction = z.infer<typeof featureAction>;


// ---------------------------------------------------------------------------------------------
// The request body (§4.2)

export const deviceDescription = z
  .object({
    manufacturerId: id,
    modelId: id,
    otherMakeModelName: z.string().max(100).optional().describe('Required when manufacturer or model is Other.'),
    serialNumber,
    simId: simId.optional().describe('ICCID, 19–20 digits; spaces are dropped.'),
  })
  .meta({ id: 'OrderDeviceDescription' });
export type DeviceDescription = z.output<typeof deviceDescription>;

export const newDeviceDescription = deviceDescription.omit({ simId: true }).meta({ id: 'OrderNewDeviceDescription' });

export const shoppingCartRequest = z
  .object({
    deviceId: id.optional(),
    planId: id.optional(),
    optionalFeatureIds: z.array(id).max(50).optional(),
    accessoryIds: z.array(id).max(50).optional(),
    quantity: z.number().int().optional(),
    deviceFeatureOptionIds: z.array(id).max(20).optional().describe('Extension: chosen colour/storage options.'),
    features: z.array(z.object({ id, action: featureAction })).max(50).optional().describe('UPDATE_FEATURES only.'),
    featureRequestComment: z.string().max(500).optional(),
  })
  .meta({ id: 'ShoppingCartRequest' });
export type ShoppingCartRequest = z.infer<typeof shoppingCartRequest>;

export const shipToRequest = z
  .object({
    name: z.string().trim().min(1, 'Enter the name to ship to.').max(100),
    regionId: id.optional(),
    region: z.object({ id }).optional().describe('Accepted instead of regionId.'),
    address: addressLines,
    expedite: z.boolean().optional(),
  })
  .transform((shipTo, ctx) => {
    const regionId = shipTo.regionId ?? shipTo.region?.id;
    if (regionId === undefined) ctx.addIssue({ code: 'custom', path: ['regionId'], message: 'Choose the country to ship to.' });
    // Two forms of one member: when both are sent they must name the same country.
    if (shipTo.regionId !== undefined && shipTo.region !== undefined && shipTo.region.id !== shipTo.regionId) {
      ctx.addIssue({ code: 'custom', path: ['region', 'id'], message: `region.id names another country than regionId ${shipTo.regionId}; send one of them, or the same id in both.` });
    }
    return { name: shipTo.name, regionId: regionId ?? '', address: shipTo.address, expedite: shipTo.expedite ?? false };
  })
  .meta({ id: 'ShipToRequest' });
export type ShipToRequest = z.output<typeof shipToRequest>;

export const acknowledgementAnswer = z
  .object({
    id: z.string().min(1).max(100),
    boolean: z.boolean(),
    type: z.literal('BOOLEAN', 'Acknowledgements are of type BOOLEAN.').optional().describe('Optional, as the vendor sends it; only BOOLEAN.'),
  })
  .meta({ id: 'AcknowledgementAnswer' });


/**
 * Whether a type's optional `shipTo` becomes required here as soon as the cart holds a device or
 * accessories. A table, so a new type must say.
 */
const shipToByCart: Record<TransactionType, boolean> = {
  NEW_ACTIVATION: true,
  UPGRADE: false,
  PORT_NUMBER: false,
  ORDER_ACCESSORIES: false,
  SUSPEND: false,
  UNSUSPEND: false,
  DEACTIVATE: false,
  UPDATE_FEATURES: false,
  SWAP_DEVICES: false,
  XFER_SERVICE_OUT: false,
  XFER_SERVICE_IN: true,
  XFER_SERVICE_IN_AND_PORT: false,
};
export const shipToFollowsCart = (type: TransactionType): boolean => shipToByCart[type];

/** Where each member of the table lives in the body. */
const memberPath: Record<keyof (typeof orderMemberRules)['NEW_ACTIVATION'], string[]> = {
  serviceId: ['serviceId'],
  regionId: ['regionId'],
  currentVendorId: ['currentVendorId'],
  deviceId: ['shoppingCart', 'deviceId'],
  planId: ['shoppingCart', 'planId'],
  optionalFeatureIds: ['shoppingCart', 'optionalFeatureIds'],
  accessoryIds: ['shoppingCart', 'accessoryIds'],
  quantity: ['shoppingCart', 'quantity'],
  features: ['shoppingCart', 'features'],
  existingDevice: ['existingDevice'],
  newDevice: ['newDevice'],
  shipTo: ['shipTo'],
};

const memberLabel: Record<string, string> = {
  serviceId: 'A service',
  regionId: 'A region',
  currentVendorId: 'The current carrier',
  deviceId: 'A device',
  planId: 'A plan',
  optionalFeatureIds: 'Optional features',
  accessoryIds: 'Accessories',
  quantity: 'A quantity',
  features: 'Feature changes',
  existingDevice: 'The existing device',
  newDevice: 'The new device',
  shipTo: 'A shipping address',
};

const isPresent = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);

const orderRequestShape = z.object({
  transactionType,
  externalOrderNumber: z.string().max(50).optional(),
  serviceId: id.optional(),
  regionId: id.optional(),
  postalCode: z.string().max(20).optional(),
  currentVendorId: id.optional(),
  shoppingCart: shoppingCartRequest.optional(),
  existingDevice: deviceDescription.optional(),
  newDevice: newDeviceDescription.optional(),
  properties: orderProperties.optional(),
  shipTo: shipToRequest.optional(),
  acknowledgements: z.array(acknowledgementAnswer).max(50).optional(),
});

export type MemberProblem = { path: (string | number)[]; message: string; errorCode: 'MISSING_FIELD' | 'FIELD_NOT_ALLOWED' | 'INVALID_FIELD' };

/**
 * The member table of §4.2 applied to a request: required members present, refused ones absent,
 * quantity in range, device or plan for procurement. Works on any input (also a body with shape
 * errors elsewhere), so one answer can list every problem. Paths are relative to `orderRequest`.
 */
export function orderMemberProblems(input: unknown): MemberProblem[] {
  if (!input || typeof input !== 'object') return [];
  const request = input as Record<string, unknown>;
  const type = request.transactionType as TransactionType;
  if (!transactionTypes.includes(type)) return [];
  const problems: MemberProblem[] = [];
  const rules = orderMemberRules[type];
  const cart = request.shoppingCart && typeof request.shoppingCart === 'object' ? (request.shoppingCart as Record<string, unknown>) : undefined;
  const valueOf = (path: string[]): unknown =>
    path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), request);
  for (const [member, rule] of Object.entries(rules) as [keyof typeof rules, MemberRule][]) {
    const path = memberPath[member];
    const value = valueOf(path);
    if (rule === 'R' && !isPresent(value)) {
      const label = memberLabel[member];
      problems.push({
        path,
        errorCode: 'MISSING_FIELD',
        message: member === 'accessoryIds' || member === 'features' ? `${label}: at least one is required for ${type} orders.` : `${label} is required for ${type} orders.`,
      });
    } else if (rule === '-' && value !== undefined) {
      problems.push({ path, errorCode: 'FIELD_NOT_ALLOWED', message: `${memberLabel[member]} is not part of ${withArticle(type)} order; leave it out.` });
    }
  }
  if ((type === 'NEW_ACTIVATION' || type === 'UPGRADE') && !cart?.deviceId && !cart?.planId) {
    problems.push({ path: ['shoppingCart'], errorCode: 'MISSING_FIELD', message: `${capitalised(withArticle(type))} order needs a device, a plan, or both.` });
  }
  if (typeof cart?.quantity === 'number' && rules.quantity === 'O') {
    const max = type === 'NEW_ACTIVATION' ? 50 : 1;
    if (cart.quantity < 1 || cart.quantity > max) {
      problems.push({
        path: ['shoppingCart', 'quantity'],
        errorCode: 'INVALID_FIELD',
        message: max === 1 ? 'The quantity of a transfer is 1.' : `The quantity must be from 1 to ${max}.`,
      });
    }
  }
  if (request.shipTo === undefined && shipToFollowsCart(type)) {
    if (cart?.deviceId !== undefined || (Array.isArray(cart?.accessoryIds) && cart.accessoryIds.length > 0)) {
      problems.push({ path: ['shipTo'], errorCode: 'MISSING_FIELD', message: 'A shipping address is required when a device or accessories ship.' });
    }
  }
  if (Array.isArray(cart?.features)) {
    const seen = new Set<unknown>();
    cart.features.forEach((feature: unknown, index) => {
      if (!feature || typeof feature !== 'object') return;
      const featureId = (feature as { id?: unknown }).id;
      if (seen.has(featureId)) {
        problems.push({ path: ['shoppingCart', 'features', index, 'id'], errorCode: 'INVALID_FIELD', message: 'This feature is listed twice.' });
      }
      seen.add(featureId);
    });
  }
  return problems;
}

/** `orderRequest`: the shape of §4.2 plus the member table (`orderMemberProblems`). */
export const orderRequest = orderRequestShape
  .superRefine((request, ctx) => {
    for (const problem of orderMemberProblems(request)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, params: { errorCode: problem.errorCode } });
    }
  })
  .meta({ id: 'OrderRequest' });
export type OrderRequest = z.output<typeof orderRequest>;
export type OrderRequestInput = z.input<typeof orderRequest>;

export const orderRequestBody = z.object({ orderRequest }).meta({ id: 'OrderRequestBody' });
export type OrderRequestBody = z.input<typeof orderRequestBody>;

export const orderPostQuery = z.object({
  confirm: queryBoolean.optional().describe('true: validate and price only, store nothing.'),
});

// ---------------------------------------------------------------------------------------------
// The confirmation (§4.5)

const named = z.object({ id, name: z.string() });
/** A named object with its link, as the vendor's orders name models, devices and plans. */
const linked = named.extend({ _meta: objectMeta.optional() });
/** A carrier as orders name it. */
const vendorReference = linked.extend({ logoUrl: z.string().nullish() });

export const confirmationService = z
  .object({
    id,
    _meta: objectMeta.optional(),
    serviceNumber: z.string(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'DEACTIVATED']),
    contractDates,
    plan: named.nullable(),
    vendor: z.object({ billing: vendorReference, current: vendorReference }),
    upgradeEligibilityDate: isoDateTime.nullish(),
  })
  .meta({ id: 'OrderConfirmationService' });

/** The service's current device in the confirmation's own shape: `model` is a plain string. */
export const confirmationServiceDevice = z
  .object({
    id,
    manufacturer: manufacturerSummary,
    model: z.string(),
    serialNumber: z.object({ type: z.string(), value: z.string() }),
    simId: z.string().nullish(),
    accessMethod,
    macAddress: z.string().nullish(),
    companyAssetId: z.string().nullish(),
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'OrderConfirmationDevice' });

export const describedDevice = z
  .object({
    id: id.optional().describe('For newDevice: the device asset it matched.'),
    manufacturer: manufacturerSummary,
    model: linked,
    otherMakeModelName: z.string().optional().describe('Empty unless the make or model is Other.'),
    serialNumber: z.object({ type: z.string(), value: z.string() }),
    simId: z.string().optional(),
  })
  .meta({ id: 'OrderDescribedDevice' });

export const pricedFeature = z
  .object({ id, description: z.string(), price: money })
  .meta({ id: 'OrderPricedFeature' });

export const cartDevice = z
  .object({
    id,
    _meta: objectMeta.optional(),
    name: z.string(),
    manufacturer: manufacturerSummary,
    vendor: vendorReference,
    price: money,
    imageUrl: z.string().nullish(),
    accessMethod,
    deviceFeatureOptions: z
      .array(z.object({ featureId: z.string(), featureLabel: z.string(), id, label: z.string(), price: money }))
      .describe('Extension: the chosen colour/storage options.'),
  })
  .meta({ id: 'OrderCartDevice' });

export const cartPlan = z
  .object({
    id,
    _meta: objectMeta.optional(),
    name: z.string(),
    vendor: vendorReference,
    price: money,
    includedFeatures: z.array(z.object({ description: z.string() })),
    optionalFeatures: z.array(pricedFeature),
  })
  .meta({ id: 'OrderCartPlan' });

export const cartAccessory = z
  .object({
    id,
    _meta: objectMeta.optional(),
    name: z.string(),
    manufacturer: manufacturerSummary,
    vendor: vendorReference,
    price: money,
    imageUrl: z.string().nullish(),
  })
  .meta({ id: 'OrderCartAccessory' });

export const cartFeatureChange = pricedFeature.extend({ action: featureAction }).meta({ id: 'OrderFeatureChange' });

export const expandedShoppingCart = z
  .object({
    device: cartDevice.optional(),
    plan: cartPlan.optional(),
    accessories: z.array(cartAccessory),
    features: z.array(cartFeatureChange),
    featureRequestComment: z.string().optional(),
    quantity: z.number().int().describe('0 for types without a quantity.'),
  })
  .meta({ id: 'OrderShoppingCart' });

export const expandedProperty = z
  .object({
    id: z.string(),
    label: z.string(),
    type: z.enum(propertyFieldTypes),
    text: z.string().optional(),
    date: z.string().optional(),
    choice: z.object({ id: z.string(), label: z.string(), otherText: z.string().optional() }).optional(),
    redacted: z.boolean().optional().describe('Extension sensitive-properties: a value was given and is never returned; `text` is omitted.'),
  })
  .meta({ id: 'OrderExpandedProperty' });
export const expandedPropertyGroup = z
  .object({ groupId: z.string(), fields: z.array(expandedProperty) })
  .meta({ id: 'OrderExpandedPropertyGroup' });

export const expandedShipTo = z
  .object({
    name: z.string().optional(),
    regionId: id.optional().describe('The country again, by id alone (one of the vendor’s answers names it so).'),
    region: regionSummary.optional(),
    address: z.array(z.object({ id: z.string(), label: z.string().optional(), value: z.string() })),
    expedite: z.boolean().optional(),
  })
  .meta({ id: 'OrderShipTo' });
export type ExpandedShipTo = z.infer<typeof expandedShipTo>;

export const expandedAcknowledgement = z
  .object({ id: z.string(), label: z.string(), type: z.string().optional().describe('BOOLEAN.'), boolean: z.boolean() })
  .meta({ id: 'OrderAcknowledgement' });

/** How a level of an order's approval has been decided (MOBPROC §4.6, extension `approval-rules`). */
export const approvalDecisions = ['PENDING', 'APPROVED', 'REJECTED', 'INFO_REQUESTED', 'SKIPPED'] as const;
export const approvalDecision = z.enum(approvalDecisions).meta({ id: 'ApprovalDecision' });
export type ApprovalDecision = z.infer<typeof approvalDecision>;

/** A named group of approvers whose members may each decide a level (e.g. "IT Mobility"). */
export const approverGroupReference = z.object({ id, name: z.string() }).meta({ id: 'ApproverGroupReference' });
export type ApproverGroupReference = z.infer<typeof approverGroupReference>;

/**
 * One level of an order's approval (extension `approval-rules`). A person level names `employee`;
 * a group level names `approverGroup` and, once decided, `decidedBy` (the signed-in user who
 * decided). `onBehalfOf` is whose decision it was when not `decidedBy`'s own: the approver an
 * approval delegate decided for (extension `approval-delegates`), or the person acted for. Levels are decided in order;
 * a level after a rejection stays PENDING (never asked), SKIPPED is a level nobody was left to decide.
 */
export const approverEntry = z
  .object({
    level: z.number().int().min(1).describe('1-based; decided in this order.'),
    employee: employeeSummary.nullish().describe('A person level: who decides it.'),
    approverGroup: approverGroupReference.nullish().describe('Extension approval-rules: a group level; any member may decide it.'),
    decision: approvalDecision,
    reason: z.string().nullish().describe('The reason given with the decision; for INFO_REQUESTED, the question.'),
    dateTime: isoDateTime.nullish().describe('When the level was decided (or the question asked).'),
    decidedBy: employeeSummary.nullish().describe('Extension: who decided, the signed-in user (the approver, a group member, an approval delegate, or whoever acted for one of them).'),
    onBehalfOf: employeeSummary.nullish().describe('Extension approval-delegates: whose decision it was when not decidedBy’s own: the approver an approval delegate decided for, or the person decidedBy acted for.'),
  })
  .meta({ id: 'OrderApprover' });
export type ApproverEntry = z.infer<typeof approverEntry>;

export const approvalSummary = z
  .object({
    required: z.boolean(),
    approver: employeeSummary.nullable().describe('Level 1’s person: whose decision the order will wait for first; null when none is needed or level 1 is a group.'),
    levels: z.array(approverEntry).describe('Extension approval-rules: every level the order will wait for, in order, undecided (PENDING).'),
  })
  .meta({ id: 'OrderApprovalSummary' });

export const orderConfirmation = z
  .object({
    transactionType,
    externalOrderNumber: z.string().optional(),
    accountHolder: employee,
    requestedBy: employee,
    region: regionSummary.extend({ countryCode: z.string().nullish() }).optional(),
    postalCode: z.string().optional(),
    service: confirmationService.optional(),
    device: confirmationServiceDevice.optional(),
    currentVendor: vendorReference.optional(),
    existingDevice: describedDevice.optional(),
    newDevice: describedDevice.optional(),
    shoppingCart: expandedShoppingCart,
    properties: z.array(expandedPropertyGroup),
    shipTo: expandedShipTo.optional(),
    acknowledgements: z.array(expandedAcknowledgement),
    approval: approvalSummary.describe('Extension.'),
    costSummary: z
      .array(money)
      .describe('One ONETIME and one MONTHLY total per currency, quantity applied; zeros when nothing is charged.'),
  })
  .meta({ id: 'OrderConfirmation' });
export type OrderConfirmation = z.infer<typeof orderConfirmation>;

export const orderConfirmationResponse = z
  .object({ status: z.literal('SUCCESS'), orderConfirmation })
  .meta({ id: 'OrderConfirmationResponse' });
export type OrderConfirmationResponse = z.infer<typeof orderConfirmationResponse>;

// ---------------------------------------------------------------------------------------------
// The stored order

export const historyEntry = z
  .object({
    dateTime: isoDateTime,
    status: orderStatus,
    description: z.string(),
    actor: employeeSummary.nullable().describe('Who made the change (null: the fulfilment system).'),
    requestedBy: employeeSummary.nullish().describe('Extension: the signed-in user, when acting for someone else.'),
    orderSegmentId: id.nullish(),
  })
  .meta({ id: 'OrderHistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntry>;

export const shipment = z
  .object({
    id,
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string(),
    dateShipped: isoDateTime,
    orderSegmentId: id.nullish(),
    items: z.array(z.object({ type: z.enum(['DEVICE', 'ACCESSORY', 'SIM']), name: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'Shipment' });
export type Shipment = z.infer<typeof shipment>;

const segmentPlan = z.object({ id: id.optional(), name: z.string(), price: money, optionalFeatures: z.array(pricedFeature) });
/** How the wire says "this line has no plan" (the vendor's form). */
type NoPlan = { optionalFeatures: [] };

export const orderSegment = z
  .object({
    orderSegmentId: id,
    status: orderStatus,
    vendor: vendorReference,
    device: cartDevice.nullish(),
    // The vendor (and this server) send a line without a plan as `{ "optionalFeatures": [] }`;
    // readers get null for it, as for a missing plan.
    plan: z
      .preprocess(
        (value: z.input<typeof segmentPlan> | NoPlan | null | undefined) => (value && !('name' in value) ? null : value),
        segmentPlan.nullish(),
      )
      .describe('The line’s plan; `{ "optionalFeatures": [] }` when it has none.'),
    accessories: z.array(cartAccessory),
    features: z.array(cartFeatureChange),
    _meta: objectMeta,
  })
  .meta({ id: 'OrderSegment' });
export type OrderSegment = z.infer<typeof orderSegment>;
/** A segment as a server writes it (the plan may be the `NoPlan` form). */
export type OrderSegmentWire = z.input<typeof orderSegment>;

/** An order as `GET /orders` lists it; the `include*` flags add the optional members. */
export const orderItem = z
  .object({
    orderId: id,
    transactionType,
    status: orderStatus,
    externalOrderNumber: z.string().nullish(),
    accountHolder: employeeSummary,
    requestedBy: employeeSummary,
    serviceNumber: z.string().nullish(),
    dateSubmitted: isoDateTime,
    updated: isoDateTime,
    _meta: objectMeta,
    properties: z.array(expandedPropertyGroup).optional(),
    approvers: z.array(approverEntry).optional(),
    pendingApprovalLevel: z.number().int().nullish().describe('The open level’s number while the order awaits a decision (or an answer), else null.'),
    justification: z
      .string()
      .nullish()
      .describe('Extension approval-rules: the requester’s JUSTIFICATION property, for an approver’s queue; null when the order has none.'),
    eligibleOnBehalfOf: employeeSummary
      .nullish()
      .describe(
        'Extension approval-delegates: set when the caller may decide the open level only as an approval delegate — the approver it is decided on behalf of.',
      ),
    orderSegments: z.object({ items: z.array(orderSegment) }).optional(),
    shipments: z.array(shipment).optional(),
    history: z.array(historyEntry).optional(),
    shipTo: expandedShipTo.optional(),
  })
  .meta({ id: 'OrderItem' });
export type OrderItem = z.infer<typeof orderItem>;

/** The detail form: every optional member present, plus the confirmation's expansion (extension). */
export const order = orderItem
  .extend({
    properties: z.array(expandedPropertyGroup),
    approvers: z.array(approverEntry),
    orderSegments: z.object({ items: z.array(orderSegment) }),
    shipments: z.array(shipment),
    history: z.array(historyEntry),
    shipTo: expandedShipTo,
    confirmation: orderConfirmation.optional().describe('Extension: the confirmation computed at submit.'),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof order>;
/** An order as a server writes it; see `OrderSegmentWire`. */
export type OrderWire = z.input<typeof order>;
export type OrderItemWire = z.input<typeof orderItem>;

export const orderSubmitResponse = z.object({ status: z.literal('SUCCESS'), order }).meta({ id: 'OrderSubmitResponse' });
export type OrderSubmitResponse = z.infer<typeof orderSubmitResponse>;

/** What POST /orders answers, with or without `confirm`. */
export const orderPostResponse = z.union([orderConfirmationResponse, orderSubmitResponse]);

export const orderDetailResponse = z.object({ status: z.literal('SUCCESS'), order }).meta({ id: 'OrderDetailResponse' });

export const orderSort = z.enum(['UPDATED_DATE', 'SUBMITTED_DATE']);

export const ordersQuery = z.object({
  ...paginationQuery,
  employee: id.optional(),
  companyEmployeeId: z.string().max(64).optional(),
  status: orderStatus.optional(),
  transactionType: transactionType.optional(),
  dateTimeUpdated: queryDateTime.optional().describe('Orders updated on or after this moment.'),
  eligibleToApproveEmployeeId: id.optional(),
  eligibleToApproveCompanyEmployeeId: z.string().max(64).optional(),
  decidedByEmployeeId: id
    .optional()
    .describe('Extension approval-rules: orders with a level this person decided themselves (their decidedBy: as approver, group member, approval delegate or while acting for someone), not levels others decided on their behalf. "Decided by me" passes the signed-in user.'),
  includeOrderProperties: queryBoolean.optional(),
  includeApprovers: queryBoolean.optional(),
  includeOrderSegments: queryBoolean.optional(),
  includeOrderShipments: queryBoolean.optional(),
  includeOrderHistory: queryBoolean.optional(),
  includeShipToAddress: queryBoolean.optional(),
  sort: orderSort.optional().describe('Default UPDATED_DATE.'),
  sortAscending: queryBoolean.optional().describe('Default false (newest first).'),
});
export type OrdersQuery = z.input<typeof ordersQuery>;

export const ordersResponse = z.object({ orders: page(orderItem) }).meta({ id: 'OrderPage' });
export type OrdersResponse = z.infer<typeof ordersResponse>;

export const orderSegmentQuery = z.object({ orderSegment: id.optional() });
export const historyResponse = z.object({ history: z.array(historyEntry) }).meta({ id: 'OrderHistory' });
export const shipmentsResponse = z.object({ shipments: z.array(shipment) }).meta({ id: 'OrderShipments' });

// ---------------------------------------------------------------------------------------------
// Approval and cancellation (§4.6)

/** The longest reason an approval, rejection or withdrawal may carry, in UTF-16 code units. */
export const REASON_MAX_LENGTH = 1000;

export const approvalAction = z.enum(['APPROVE', 'REJECT', 'REQUEST_INFO']).meta({ id: 'ApprovalAction' });
export type ApprovalAction = z.infer<typeof approvalAction>;

export const approvalRequest = z
  .object({
    action: approvalAction.describe('REQUEST_INFO is extension request-info: `reason` is the question.'),
    reason: z.string().max(REASON_MAX_LENGTH).optional(),
  })
  .superRefine((request, ctx) => {
    if (request.action === 'REJECT' && !request.reason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the order is rejected.' });
    }
    if (request.action === 'REQUEST_INFO' && !request.reason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Write the question the requester should answer.' });
    }
  })
  .meta({ id: 'ApprovalRequest' });
export type ApprovalRequest = z.infer<typeof approvalRequest>;

export const approvalAnswerStatus = z
  .enum(['APPROVAL_QUEUED', 'REJECTION_QUEUED', 'INFO_REQUESTED', 'APPROVAL_NOT_NEEDED', 'NOT_READY_FOR_APPROVAL'])
  .describe('INFO_REQUESTED (extension request-info): the question was sent; the order waits for an answer.')
  .meta({ id: 'ApprovalAnswerStatus' });
export const approvalResponse = z.object({ status: approvalAnswerStatus }).meta({ id: 'ApprovalResponse' });
export type ApprovalResponse = z.infer<typeof approvalResponse>;

/** `POST /orders/{id}/info` (extension request-info): the requester's or account holder's answer to the approver's question. */
export const infoAnswerRequest = z
  .object({ answer: z.string().trim().min(1, 'Write your answer.').max(REASON_MAX_LENGTH) })
  .meta({ id: 'InfoAnswerRequest' });
export type InfoAnswerRequest = z.infer<typeof infoAnswerRequest>;
/** The order, back at the level that asked (AWAITING_APPROVAL). */
export const infoAnswerResponse = orderDetailResponse;

export const cancelRequest = z.object({ reason: z.string().max(REASON_MAX_LENGTH).optional() }).meta({ id: 'CancelRequest' });
export const cancelResponse = orderDetailResponse;

export type OrderBodyProblem = { field: string; message: string; errorCode: 'MISSING_FIELD' | 'FIELD_NOT_ALLOWED' | 'INVALID_FIELD' };

const orderRequestShapeBody = z.object({ orderRequest: orderRequestShape });

/**
 * The well-shaped part of a malformed body: the request without its top-level members that are not
 * in shape (`omitted`), or undefined when even that does not parse (no object, no valid
 * transactionType).
 */
function wellShapedPart(raw: unknown): { request: OrderRequest; omitted: string[] } | undefined {
  const shaped = orderRequestShapeBody.safeParse(raw);
  if (shaped.success) return { request: shaped.data.orderRequest, omitted: [] };
  const outer = raw as { orderRequest?: unknown };
  if (!outer?.orderRequest || typeof outer.orderRequest !== 'object' || Array.isArray(outer.orderRequest)) return undefined;
  const broken = new Set(shaped.error.issues.map((issue) => issue.path[1]).filter((member): member is string => typeof member === 'string'));
  if (broken.has('transactionType') || shaped.error.issues.some((issue) => issue.path[0] !== 'orderRequest' || issue.path.length < 2)) return undefined;
  const pruned = Object.fromEntries(Object.entries(outer.orderRequest).filter(([member]) => !broken.has(member)));
  const retry = orderRequestShape.safeParse(pruned);
  return retry.success ? { request: retry.data, omitted: [...broken].map((member) => `orderRequest.${member}`) } : undefined;
}

/**
 * Parses a whole POST /orders body and, when it is malformed, lists every problem: shape errors
 * and the member table together, each with its dotted `field` (`orderRequest.shoppingCart.deviceId`).
 * `request` is the well-shaped part of the request (members out of shape left out, their fields in
 * `omitted`), so a server can add the problems its own checks find — an unknown deviceId next to a
 * missing regionId or a too long externalOrderNumber — to the same answer.
 */
export function parseOrderRequestBody(
  raw: unknown,
):
  | { success: true; data: z.output<typeof orderRequestBody> }
  | { success: false; problems: OrderBodyProblem[]; request?: OrderRequest; omitted?: string[] } {
  const result = orderRequestBody.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const shaped = wellShapedPart(raw);
  const problems: OrderBodyProblem[] = result.error.issues.map((issue) => {
    const custom = (issue as { params?: { errorCode?: OrderBodyProblem['errorCode'] } }).params?.errorCode;
    const isMissing = isMissingIssue(issue);
    const field = issue.path.map(String).join('.') || 'body';
    return {
      field,
      message: field === 'body' ? 'The body must be a JSON object with an orderRequest.' : issue.message,
      errorCode: custom ?? (isMissing ? 'MISSING_FIELD' : 'INVALID_FIELD'),
    };
  });
  const seen = new Set(problems.map((problem) => `${problem.field}\u0000${problem.message}`));
  const request = raw && typeof raw === 'object' ? (raw as { orderRequest?: unknown }).orderRequest : undefined;
  for (const problem of orderMemberProblems(request)) {
    const field = ['orderRequest', ...problem.path].join('.');
    if (!seen.has(`${field}\u0000${problem.message}`)) problems.push({ field, message: problem.message, errorCode: problem.errorCode });
  }
  return { success: false, problems, ...(shaped ? { request: shaped.request, omitted: shaped.omitted } : {}) };
}

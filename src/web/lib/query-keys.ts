import type { TransactionType } from '../../contract/reference.ts';

/**
 * Every query key of the web app, in one tree, so that a read and the invalidation that must reach
 * it are built from the same place. Keys are hierarchical: invalidating a prefix reaches every key
 * below it (`queryKeys.orders.all()` reaches lists, details, history and shipments;
 * `queryKeys.orders.detail(id)` reaches that order's history and shipments too; `queryKeys.assets.all()`
 * reaches services and devices of everyone).
 *
 * Rules of the tree: the first member names the resource (as its path on the server does); a list
 * and a single item of the same resource never share a position (`list` / `detail`), so an id can
 * never be mistaken for a list's name; filters go last, as one object, so that adding a filter
 * member never changes a prefix.
 */

/** What a list key is filtered by: the query members that decide what the server answers. */
type KeyFilters = Readonly<Record<string, unknown>>;

export const queryKeys = {
  /** `/me`: who is signed in. */
  me: () => ['me'] as const,
  /** `/ping` with its echo text. */
  ping: (echoText: string) => ['ping', echoText] as const,
  /** Extensions the server at `baseUrl` announced (read from its `/ping`). */
  extensions: (baseUrl: string) => ['extensions', baseUrl] as const,
  /** `/me/notification-settings`: the signed-in person's own email choices. */
  notificationSettings: () => ['me', 'notification-settings'] as const,
  /** This web app's own `/config.json` (its defaults, not the server's). */
  webAppConfig: () => ['config.json'] as const,

  orders: {
    all: () => ['orders'] as const,
    /** Every page of every order list (my orders and the like); not the queues of approvals. */
    lists: () => ['orders', 'list'] as const,
    list: <F extends KeyFilters>(filters: F) => ['orders', 'list', filters] as const,
    /** One order; its history and shipments sit below it. */
    detail: (orderId: string) => ['orders', 'detail', orderId] as const,
    /** `updated` is part of the key: history is asked again whenever the order changes. */
    history: (orderId: string, updated: string) => ['orders', 'detail', orderId, 'history', updated] as const,
    shipments: (orderId: string, updated: string) => ['orders', 'detail', orderId, 'shipments', updated] as const,
    /** `POST /orders?confirm=true` for this exact body (it stores nothing, so it is a query). */
    confirmation: <B>(body: B) => ['orders', 'confirmation', body] as const,
    /** `/orders/properties`: the fields a carrier wants with an order. */
    properties: <F extends KeyFilters>(filters: F) => ['orders', 'properties', filters] as const,
    /** Where the person's latest order shipped to. */
    lastShipTo: (employeeId: string, bySubmitted: boolean) => ['orders', 'last-ship-to', employeeId, { bySubmitted }] as const,
  },

  approvals: {
    /** Queues and badge counts of every approver. */
    all: () => ['approvals'] as const,
    count: (approverId: string) => ['approvals', approverId, 'count'] as const,
    queue: (approverId: string, filters: { offset: number; bySubmitted: boolean }) => ['approvals', approverId, 'queue', filters] as const,
    /** Every order waiting for the approver, which the desk filters in the page. */
    desk: (approverId: string) => ['approvals', approverId, 'desk'] as const,
    decided: (approverId: string) => ['approvals', approverId, 'decided'] as const,
    /** Which of one account holder's orders the approver may decide now. */
    eligible: (approverId: string, accountHolderId: string) => ['approvals', approverId, 'eligible', accountHolderId] as const,
    /** `/me/approval-delegate`: who decides for the signed-in person while they are away. */
    delegate: (personId: string) => ['approvals', personId, 'delegate'] as const,
  },

  assets: {
    /** Services and devices of everyone: what changes when a line moves or an order completes. */
    all: () => ['assets'] as const,
    services: <F extends KeyFilters>(filters: F) => ['assets', 'services', 'list', filters] as const,
    service: (serviceId: string) => ['assets', 'services', 'detail', serviceId] as const,
    devices: <F extends KeyFilters>(filters: F) => ['assets', 'devices', 'list', filters] as const,
  },

  employees: {
    search: (search: string) => ['employees', 'list', { search }] as const,
  },

  /** `/me/act-as`: whom the signed-in person may act for, searched (extension act-as-search). */
  actAs: {
    search: (search: string) => ['act-as', 'list', { search }] as const,
  },

  regions: {
    /** The countries (`/regions` without a parent). */
    countries: () => ['regions', 'list', { type: 'COUNTRY' }] as const,
    detail: (regionId: string) => ['regions', 'detail', regionId] as const,
  },

  vendors: {
    list: <F extends KeyFilters>(filters: F) => ['vendors', 'list', filters] as const,
    detail: (vendorId: string) => ['vendors', 'detail', vendorId] as const,
  },

  manufacturers: {
    list: () => ['manufacturers', 'list'] as const,
    detail: (manufacturerId: string) => ['manufacturers', 'detail', manufacturerId] as const,
  },

  catalog: {
    all: () => ['catalog'] as const,
    devices: <F extends KeyFilters>(filters: F) => ['catalog', 'devices', 'list', filters] as const,
    device: (deviceId: string) => ['catalog', 'devices', 'detail', deviceId] as const,
    plans: <F extends KeyFilters>(filters: F) => ['catalog', 'plans', 'list', filters] as const,
    plan: (planId: string) => ['catalog', 'plans', 'detail', planId] as const,
    accessories: <F extends KeyFilters>(filters: F) => ['catalog', 'accessories', 'list', filters] as const,
    /** Features a service may add or drop. */
    features: (serviceId: string) => ['catalog', 'features', { service: serviceId }] as const,
  },

  /** `/acknowledgements` for one transaction type and carrier. */
  acknowledgements: (transactionType: TransactionType, vendorId: string) => ['acknowledgements', { transactionType, vendor: vendorId }] as const,
} as const;

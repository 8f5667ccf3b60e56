/**
 * Fixed IDs of the demo data that tests, fixtures and documentation may rely on. The seed is
 * deterministic: a fresh database always has these rows with these IDs (see docs/demo-tenant.md).
 * seed.test.ts checks that each ID names the row its key says.
 */
export const demoIds = {
  tenants: { acme: 1, globex: 2 },
  employees: {
    peter: 1001,
    barbara: 1002,
    alice: 1003,
    serviceDesk: 1004,
    frank: 1005,
    /** ACME's CEO: top of the hierarchy, no manager. */
    ceo: 1006,
    /** Barbara's manager. */
    cto: 1007,
    /** Frank's manager. */
    salesDirector: 1008,
    /** sam.rivera: a service-desk person (role SERVICE_DESK), who acts for anyone in ACME through the web app. */
    samRivera: 1060,
    /** Director of IT: IT Mobility approver group, `canMoveService`. */
    luis: 1011,
    /** Development engineer reporting to Barbara; not her act-for delegate. */
    kevin: 1013,
    /** IT Mobility approver group; manages no one. */
    nina: 1061,
    /** GLOBEX */
    hank: 9001,
    globexEngineer: 9002,
  },
  departments: {
    executive: 11,
    development: 12,
    sales: 13,
    finance: 14,
    operations: 15,
    it: 16,
    marketing: 17,
    /** GLOBEX */
    globexExecutive: 21,
    globexResearch: 22,
    globexFieldOperations: 23,
  },
  regions: {
    unitedStates: 1,
    canada: 2,
    unitedKingdom: 3,
    /** STATE_PROVINCE children */
    california: 105,
    washington: 148,
    ontario: 209,
  },
  vendors: {
    /** US, GSM: Peter's and Barbara's carrier. */
    summit: 1,
    /** US, CDMA: Frank's carrier. */
    meridian: 2,
    /** US, CDMA_PCS. */
    beacon: 3,
    /** Canada, GSM. */
    maple: 4,
    /** United Kingdom, GSM. */
    albion: 5,
  },
  manufacturers: { apple: 1, samsung: 2, google: 3, motorola: 4, nokia: 5, other: 99 },
  models: {
    iphone16Pro: 101,
    iphone16: 102,
    iphone15: 103,
    galaxyS25: 202,
    galaxyS23: 207,
    pixel9: 302,
    pixel8a: 303,
    pixel7: 304,
    other: 9901,
  },
  /** ACME catalog devices: one per device–carrier pair. */
  catalogDevices: {
    iphone16ProSummit: 3011,
    pixel9Summit: 3061,
    galaxyS25Meridian: 3042,
    /** Visible to the Sales department only (eligibility). */
    galaxyZFoldSalesSummit: 3111,
    iphone16Maple: 3024,
    pixel9Albion: 3065,
    /** GLOBEX */
    globexPixel9Summit: 3561,
  },
  plans: {
    summitBusinessUnlimited: 4001,
    summitEssentials: 4002,
    meridianBusinessPro: 4004,
    beaconShare: 4007,
    mapleBusiness: 4010,
    albionBusiness: 4012,
    /** GLOBEX */
    globexSummitUnlimited: 4501,
  },
  features: {
    /** A care feature active on Peter's first service. */
    summitInternationalPass: 7001,
    /** Not active on Peter's first service, so UPDATE_FEATURES can add it. */
    summitHotspot: 7002,
  },
  accessories: {
    iphone16SiliconeCase: 2001,
    usbC30wCharger: 2005,
  },
  services: {
    /** ACTIVE; upgrade eligibility date in the past. */
    peterPrimary: 5001,
    /** ACTIVE; upgrade eligibility in the future. */
    peterSecondary: 5002,
    peterSuspended: 5003,
    barbara: 5004,
    frankPrimary: 5005,
    frankSecondary: 5006,
    /** GLOBEX */
    hank: 8001,
  },
  devices: {
    peterPrimary: 6001,
    peterSecondary: 6002,
    peterSuspended: 6003,
    /** On no service; for SWAP_DEVICES. */
    peterSpare: 6004,
    barbara: 6005,
    frankPrimary: 6006,
    frankSecondary: 6007,
    /** GLOBEX */
    hank: 8501,
  },
} as const;

export const DEMO_PASSWORD = 'demo';

/**
 * Fixed IDs of the demo data that tests, fixtures and documentation may rely on. The seed is
 * deterministic: a fresh database always has these rows with these IDs (see DEMO-TENANT.md).
 */
export const demoIds = {
  tenants: { acme: 1, globex: 2 },
  employees: {
    peter: 1001,
    barbara: 1002,
    alice: 1003,
    serviceDesk: 1004,
    frank: 1005,
    /** GLOBEX */
    hank: 9001,
  },
  regions: { unitedStates: 1, canada: 2, unitedKingdom: 3 },
} as const;

export const DEMO_PASSWORD = 'demo';

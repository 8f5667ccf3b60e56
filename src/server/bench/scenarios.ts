import type autocannon from 'autocannon';
import { largeIds } from '../storage/seed/large.ts';
import { orderScenarios } from './orders.ts';

/** What a scenario gets to build its requests against the running server. */
export type BenchSetup = {
  url: string;
  /** Signs in through the token endpoint (tenant ACME unless named); answers the MOBPROC headers of §2 for that session. */
  signIn: (username: string, tenant?: string) => Promise<Record<string, string>>;
};

/** One autocannon request shape; `requests` (autocannon's) may vary bodies or headers per request. */
export type BenchRequest = { path: string } & Pick<autocannon.Options, 'method' | 'headers' | 'body' | 'requests'>;

export type Scenario = {
  name: string;
  /** Each count is a separate run of the scenario. */
  connections: number[];
  request: (setup: BenchSetup) => Promise<BenchRequest>;
  /** The demo-size scenario this one repeats in the large tenant: the summary compares their p99. */
  atScaleOf?: string;
};

const large = largeIds.code;

export const pathScenarios: Scenario[] = [
  { name: 'GET /ping', connections: [10], request: async () => ({ method: 'GET', path: '/mobproc/v1/ping?echoText=bench' }) },
  { name: 'GET /me (peter.edwards)', connections: [10], request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/me', headers: await signIn('peter.edwards') }) },
  {
    name: 'GET /me at 100k (employee.large)',
    connections: [10],
    atScaleOf: 'GET /me (peter.edwards)',
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/me', headers: await signIn(largeIds.logins.employee, large) }),
  },
];

/** The same lists and searches on the demo tenant and on the large one, as the whole-tenant service desk. */
function listScenarios(name: string, path: string): Scenario[] {
  return [
    { name: `${name} (demo)`, connections: [10], request: async ({ signIn }) => ({ method: 'GET', path, headers: await signIn('sam.rivera') }) },
    {
      name: `${name} at 100k`,
      connections: [10],
      atScaleOf: `${name} (demo)`,
      request: async ({ signIn }) => ({ method: 'GET', path, headers: await signIn(largeIds.logins.desk, large) }),
    },
  ];
}

/** A list as a manager sees it: the demo's (ten people below) and the large tenant's top manager (11,111 below). */
function managerScenarios(name: string, path: string): Scenario[] {
  return [
    { name: `${name}, a manager (demo)`, connections: [10], request: async ({ signIn }) => ({ method: 'GET', path, headers: await signIn('barbara.andrews') }) },
    {
      name: `${name}, a manager of 11,111 at 100k`,
      connections: [10],
      atScaleOf: `${name}, a manager (demo)`,
      request: async ({ signIn }) => ({ method: 'GET', path, headers: await signIn(largeIds.logins.manager, large) }),
    },
  ];
}

export const readScenarios: Scenario[] = [
  {
    name: 'GET /catalog/devices?limit=50&offset=0',
    connections: [10],
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/catalog/devices?limit=50&offset=0', headers: await signIn('peter.edwards') }),
  },
  ...listScenarios('GET /assets/services?limit=10&offset=0', '/mobproc/v1/assets/services?limit=10&offset=0'),
  ...listScenarios('GET /assets/services, search "20"', '/mobproc/v1/assets/services?search=20&limit=10&offset=0'),
  ...listScenarios('GET /orders?limit=10&offset=0', '/mobproc/v1/orders?limit=10&offset=0'),
  ...listScenarios('GET /orders, page 5', '/mobproc/v1/orders?limit=10&offset=40'),
  // My orders of a manager: hers and her reports', and those she decides (the web app's default).
  { name: 'GET /orders, a manager (demo)', connections: [10], request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/orders?limit=10&offset=0', headers: await signIn('barbara.andrews') }) },
  {
    name: 'GET /orders, a manager of ten at 100k',
    connections: [10],
    atScaleOf: 'GET /orders, a manager (demo)',
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/orders?limit=10&offset=0', headers: await signIn(largeIds.logins.lead, large) }),
  },
  {
    name: 'GET /orders, a manager of 11,111 at 100k',
    connections: [10],
    atScaleOf: 'GET /orders, a manager (demo)',
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/orders?limit=10&offset=0', headers: await signIn(largeIds.logins.manager, large) }),
  },
  // What else the manager of 11,111 opens: her lines, the directory, the act-for picker.
  ...managerScenarios('GET /assets/services?limit=10&offset=0', '/mobproc/v1/assets/services?limit=10&offset=0'),
  ...managerScenarios('GET /employees?limit=10&offset=0', '/mobproc/v1/employees?limit=10&offset=0'),
  ...managerScenarios('GET /me/act-as, first page', '/mobproc/v1/me/act-as?limit=20&offset=0'),
  ...listScenarios('GET /employees, search "ande"', '/mobproc/v1/employees?search=ande&limit=10&offset=0'),
  ...listScenarios('GET /employees, search "an" (short)', '/mobproc/v1/employees?search=an&limit=10&offset=0'),
  // The act-for picker of the web app (extension act-as-search): /me without the list, its first page, typing.
  ...listScenarios('GET /me?includeActAs=false, service desk', '/mobproc/v1/me?includeActAs=false'),
  ...listScenarios('GET /me/act-as, first page', '/mobproc/v1/me/act-as?limit=20&offset=0'),
  ...listScenarios('GET /me/act-as, search "ande"', '/mobproc/v1/me/act-as?search=ande&limit=20&offset=0'),
  ...listScenarios('GET /me/act-as, search "an" (short)', '/mobproc/v1/me/act-as?search=an&limit=20&offset=0'),
  ...listScenarios('GET /employees, search "a" (one character)', '/mobproc/v1/employees?search=a&limit=10&offset=0'),
  ...listScenarios('GET /assets/devices?limit=10&offset=0', '/mobproc/v1/assets/devices?limit=10&offset=0'),
];

/** Every scenario `npm run bench` runs, in order; other parts append theirs here. */
export const scenarios: Scenario[] = [...pathScenarios, ...orderScenarios, ...readScenarios];

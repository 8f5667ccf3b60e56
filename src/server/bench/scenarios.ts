import type autocannon from 'autocannon';
import { orderScenarios } from './orders.ts';

/** What a scenario gets to build its requests against the running server. */
export type BenchSetup = {
  url: string;
  /** Signs in through the token endpoint; answers the MOBPROC headers of §2 for that session. */
  signIn: (username: string) => Promise<Record<string, string>>;
};

/** One autocannon request shape; `requests` (autocannon's) may vary bodies or headers per request. */
export type BenchRequest = { path: string } & Pick<autocannon.Options, 'method' | 'headers' | 'body' | 'requests'>;

export type Scenario = {
  name: string;
  /** Each count is a separate run of the scenario. */
  connections: number[];
  request: (setup: BenchSetup) => Promise<BenchRequest>;
};

export const readScenarios: Scenario[] = [
  {
    name: 'GET /catalog/devices?limit=50&offset=0',
    connections: [10, 50],
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/catalog/devices?limit=50&offset=0', headers: await signIn('peter.edwards') }),
  },
  {
    // The service account sees the whole tenant, the most work a services page can ask for.
    name: 'GET /assets/services?limit=10&offset=0',
    connections: [10, 50],
    request: async ({ signIn }) => ({ method: 'GET', path: '/mobproc/v1/assets/services?limit=10&offset=0', headers: await signIn('svc.servicedesk') }),
  },
];

/** Every scenario `npm run bench` runs, in order; other parts append theirs here. */
export const scenarios: Scenario[] = [...readScenarios, ...orderScenarios];

/**
 * The bench's yardstick: a bare Hono app on @hono/node-server answering a ping-sized JSON, with
 * nothing of ours in the path. Compiled beside the server (`npm run build:server`) and started by
 * `npm run bench` in its own process on PORT, so each scenario is reported as a share of what the
 * framework alone does on this machine in the same run.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/mobproc/v1/ping', (c) =>
  c.json({
    echoText: c.req.query('echoText') ?? '',
    sourceSystem: 'MOBPROC',
    version: '1.0.0',
    dateTime: new Date().toISOString(),
    extensions: ['idempotency-key', 'cancel', 'act-as', 'type-restrictions', 'cost-summary', 'approval-preview', 'device-feature-options', 'submitted-date-sort', 'revoke', 'sensitive-properties', 'authorization-code'],
  }),
);
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT) });

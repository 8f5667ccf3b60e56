import { startVendorServer } from './server.ts';

/**
 * `node --import tsx e2e/vendor-server/main.ts`: the vendor-shaped server on VENDOR_PORT (default
 * 8090), answering CORS for the comma-separated origins in VENDOR_ALLOWED_ORIGINS.
 */
const port = Number(process.env.VENDOR_PORT ?? 8090);
const allowedOrigins = (process.env.VENDOR_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

const server = await startVendorServer({ host: process.env.VENDOR_HOST ?? '127.0.0.1', port, allowedOrigins });
process.stdout.write(`Vendor-shaped MOBPROC server on ${server.url} (API under /mobproc/v1, tokens at /as/token.oauth2)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));

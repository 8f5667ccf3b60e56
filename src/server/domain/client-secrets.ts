import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets are long random values, not passwords: nobody can guess them from a dictionary,
 * so a slow hash buys nothing and would let anyone stall the server's only thread with wrong
 * guesses. They are kept as an HMAC-SHA-256 under a random per-client key and compared in
 * constant time (MOBPROC §2).
 */
const SCHEME = 'hmac-sha256';

/** `hmac-sha256$key$mac`, key and mac in base64url. `key` is random unless given (the seed fixes it). */
export function hashClientSecret(secret: string, key: Buffer = randomBytes(32)): string {
  const mac = createHmac('sha256', key).update(secret, 'utf8').digest();
  return [SCHEME, key.toString('base64url'), mac.toString('base64url')].join('$');
}

/** True when `secret` is the one `stored` was made from; false for anything else, including a stored value of another format. */
export function verifyClientSecret(secret: string, stored: string): boolean {
  const [scheme, key, mac] = stored.split('$');
  if (scheme !== SCHEME || !key || !mac) return false;
  const expected = Buffer.from(mac, 'base64url');
  const actual = createHmac('sha256', Buffer.from(key, 'base64url')).update(secret, 'utf8').digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

import { scrypt, scryptSync, randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N=2^14, r=8, p=1: ~20-50 ms per check here; the format records them so they can be raised later.
const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

/**
 * `scrypt$N$r$p$salt$hash`, salt and hash in base64url. Synchronous: used once per process (the
 * demo seed's shared hash, the dummy hash unknown users are checked against), never per request.
 */
export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(secret, salt, KEY_LENGTH, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const scryptAsync = (secret: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));

/**
 * Whether `secret` matches a `hashSecret` string. The 20–50 ms of scrypt run on libuv's thread
 * pool, so a sign-in does not stop the event loop (every other request) while it is checked.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelism),
  });
  return timingSafeEqual(actual, expected);
}

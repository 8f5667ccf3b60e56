import type { ServerConfig } from '../config.ts';
import { transaction, type Db } from '../storage/db.ts';
import { lockName } from '../storage/locks.ts';
import { all, statement } from '../storage/statements.ts';

/**
 * Sign-in lockout (MOBPROC §2). Failures are counted per account and per address; a stranger must
 * never be able to lock someone out, so an account is locked only at the addresses its failures
 * came from, and everywhere only past a much higher per-account ceiling.
 *
 * Keys: an account is `employee:<id>` when the name resolved to a person (so every spelling of the
 * name — with or without the tenant, any case, any `<system>://` prefix — shares one count),
 * `unknown:<TENANT>/<username>` when it did not, and `client:<client_id>` for a confidential
 * client's failed secret. Addresses are what `clientAddress` returns.
 */
export type LockoutConfig = ServerConfig['lockout'];

type Lock = { retryAfterSeconds: number };

/**
 * When the failures (epoch ms, oldest first) put a key under lock: the moment `attempts` of them
 * fell within the window, plus the lock duration. Null when not locked at `now`.
 */
function lockedUntil(failureTimes: number[], attempts: number, lockout: LockoutConfig, now: number): number | null {
  let until: number | null = null;
  for (let index = attempts - 1; index < failureTimes.length; index += 1) {
    const first = failureTimes[index - attempts + 1]!;
    const last = failureTimes[index]!;
    if (last - first <= lockout.windowSeconds * 1000) until = Math.max(until ?? 0, last + lockout.durationSeconds * 1000);
  }
  return until !== null && until > now ? until : null;
}

/** Failures older than a window plus a lock can no longer lock anything. */
const relevantSince = (lockout: LockoutConfig, now: Date) => new Date(now.getTime() - (lockout.windowSeconds + lockout.durationSeconds) * 1000).toISOString();

/**
 * Whether sign-in for `account` from `address` is locked now, and for how long. Locked when the
 * account failed `attempts` times from this address; when the
 * account failed `ceiling` times from anywhere; or when this address failed `ceiling` times,
 * whichever accounts it named (one address trying many accounts). An address shared by many
 * people (a company's NAT) therefore locks only one account at a time until it looks like an attack.
 */
export async function currentLock(db: Db, lockout: LockoutConfig, account: string, address: string, now: Date): Promise<Lock | null> {
  const since = relevantSince(lockout, now);
  const byAddress = (await all<{ at: string }>(db, 'SELECT at FROM login_failures WHERE address = ? AND at >= ? ORDER BY at', address, since)).map((row) =>
    Date.parse(row.at),
  );
  const byAccount = await all<{ at: string; address: string }>(
    db,
    'SELECT at, address FROM login_failures WHERE account = ? AND at >= ? ORDER BY at',
    account,
    since,
  );
  const accountTimes = byAccount.map((row) => Date.parse(row.at));
  // Only this address's own failures count towards its lock: a stranger's guesses elsewhere,
  // plus one typo here, must not add up to a lock of the owner's address.
  const fromHere = byAccount.filter((row) => row.address === address).map((row) => Date.parse(row.at));
  // An attempt that waited for its turn (another instance's attempt held the lock) is judged no
  // earlier than the attempts counted before it: its `now`, read on arrival, may be older than
  // theirs, which would put the lock's end more than the lock's duration away.
  const at = Math.max(now.getTime(), byAddress.at(-1) ?? 0, accountTimes.at(-1) ?? 0);
  const until = Math.max(
    lockedUntil(byAddress, lockout.ceiling, lockout, at) ?? 0,
    lockedUntil(fromHere, lockout.attempts, lockout, at) ?? 0,
    lockedUntil(accountTimes, lockout.ceiling, lockout, at) ?? 0,
  );
  return until > 0 ? { retryAfterSeconds: Math.max(1, Math.ceil((until - at) / 1000)) } : null;
}

/** Counts one failure, and forgets failures too old to matter. */
export async function recordFailure(db: Db, lockout: LockoutConfig, account: string, address: string, now: Date): Promise<void> {
  await statement(db, 'INSERT INTO login_failures (account, address, at) VALUES (?, ?, ?)').run(account, address, now.toISOString());
  await statement(db, 'DELETE FROM login_failures WHERE at < ?').run(relevantSince(lockout, now));
}

/**
 * The lock check and the count of one attempt as one step: unless sign-in is locked for `account`
 * at `address` (then that lock is returned and nothing is counted), the attempt is counted as a
 * failure before its secret is checked; a success clears it with {@link clearFailures}. One
 * transaction holding the account's and the address's locks (on PostgreSQL advisory locks, so
 * instances take turns; on SQLite the one writer), so guesses sent at once to any instances cannot
 * all pass the check before any of them is counted.
 */
export async function countAttempt(db: Db, lockout: LockoutConfig, account: string, address: string, now: Date): Promise<Lock | null> {
  return await transaction(db, async (tx) => {
    // Always in the same order, so two attempts never each hold the lock the other waits for.
    for (const name of [`sign-in account ${account}`, `sign-in address ${address}`].sort()) await lockName(tx, name);
    const lock = await currentLock(tx, lockout, account, address, now);
    if (!lock) await recordFailure(tx, lockout, account, address, now);
    return lock;
  });
}

/**
 * A success from `address` proves the person there knows the secret: their own failures from
 * there are forgotten. Failures from other addresses stay, so a stranger's guesses keep counting
 * towards the ceiling and keep the stranger locked.
 */
export async function clearFailures(db: Db, account: string, address: string): Promise<void> {
  await statement(db, 'DELETE FROM login_failures WHERE account = ? AND address = ?').run(account, address);
}

import { afterEach, describe, expect, it } from 'vitest';
import { claimForSending, idempotencyFor, loadDraft, newDraft, saveDraft, type Draft } from './draft.ts';
import { transactionType } from '../../../../contract/index.ts';

const scope = 'GLOBEX|kim|E100';
const body = JSON.stringify({ orderRequest: { transactionType: transactionType.enum.SUSPEND, serviceId: '4400' } });
const mark = (stored: Draft): Draft => ({ ...stored, idempotency: idempotencyFor(stored, body), sending: { body, at: new Date().toISOString() } });

function installWebLocks(beforeEachHold: (name: string) => void) {
  const names: string[] = [];
  const locks = {
    request: async <T,>(name: string, work: () => Promise<T>): Promise<T> => {
      names.push(name);
      beforeEachHold(name);
      return work();
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return names;
}

afterEach(() => {
  localStorage.clear();
  Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
});

describe('claimForSending', () => {
  it('reads the draft only once it holds the lock named after the draft, so a tab that held it first wins', async () => {
    const draft = newDraft(transactionType.enum.SUSPEND);
    saveDraft(scope, draft);
    // The other tab holds the lock first and marks the draft as being sent.
    const names = installWebLocks(() => saveDraft(scope, mark(loadDraft(scope)!)));
    const claim = await claimForSending(scope, draft, mark);
    expect(names).toEqual([`mobproc.submit:${scope}:${draft.orderReference}`]);
    expect('stored' in claim && claim.stored.sending).toBeTruthy();
  });

  it('marks and stores the draft when nobody sent it, and refuses a placed one', async () => {
    installWebLocks(() => undefined);
    const draft = newDraft(transactionType.enum.SUSPEND);
    saveDraft(scope, draft);
    const claim = await claimForSending(scope, draft, mark);
    expect('claimed' in claim && claim.claimed.sending?.body).toBe(body);
    expect(loadDraft(scope)!.sending?.body).toBe(body);
    saveDraft(scope, { ...draft, submitted: { orderId: '7001' } });
    expect('stored' in (await claimForSending(scope, draft, mark))).toBe(true);
  });

  it('sends a draft again with the idempotency key of its first send', async () => {
    installWebLocks(() => undefined);
    const draft = newDraft(transactionType.enum.SUSPEND);
    saveDraft(scope, draft);
    const first = await claimForSending(scope, draft, mark);
    const key = 'claimed' in first ? first.claimed.idempotency!.key : '';
    // The look-up window passed without the order: the mark is cleared, the key kept.
    saveDraft(scope, { ...loadDraft(scope)!, sending: undefined });
    const again = await claimForSending(scope, draft, mark);
    expect('claimed' in again && again.claimed.idempotency!.key).toBe(key);
  });
});

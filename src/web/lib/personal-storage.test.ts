import { afterEach, describe, expect, it } from 'vitest';
import { forgetPersonalStorage } from './personal-storage.ts';

afterEach(() => localStorage.clear());

describe('forgetPersonalStorage', () => {
  it('forgets one person’s drafts, discarded draft and actor, and nobody else’s, nor the connection', () => {
    for (const key of [
      'mobproc.draft.v1:ACME/alice.nguyen|1001',
      'mobproc.draft.v1:ACME/alice.nguyen|1002',
      'mobproc.draft.discarded.v1:ACME/alice.nguyen|1001',
      'mobproc.actor.v1:ACME/alice.nguyen',
      // Another person whose name starts the same way, and the browser's own setting.
      'mobproc.draft.v1:ACME/alice.nguyen2|1003',
      'mobproc.actor.v1:ACME/alice.nguyen2',
      'mobproc.connection.v1',
      'someone-else:ACME/alice.nguyen',
    ]) {
      localStorage.setItem(key, '{}');
    }
    forgetPersonalStorage('ACME/alice.nguyen');
    expect(Object.keys(localStorage).sort()).toEqual(['mobproc.actor.v1:ACME/alice.nguyen2', 'mobproc.connection.v1', 'mobproc.draft.v1:ACME/alice.nguyen2|1003', 'someone-else:ACME/alice.nguyen']);
  });
});

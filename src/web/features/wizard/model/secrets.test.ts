import { describe, expect, it } from 'vitest';
import { transactionType } from '../../../../contract/index.ts';
import { newDraft, saveDraft, loadDraft, type Draft, type PropertyGroupValues } from './draft.ts';
import { buildOrderRequest } from './request.ts';
import { forgetSecrets, forgottenSecrets, keepSecrets, secretKey, secretsOf } from './secrets.ts';

const PIN = '80417';
const typed: PropertyGroupValues = [
  {
    groupId: 'ORDER_DETAILS',
    fields: [
      { id: 'CARRIER_ACCT_NUMBER', type: 'TEXT', text: 'ACCT-1' },
      { id: 'PIN_PASSWORD', type: 'TEXT', text: PIN },
    ],
  },
];
const sensitive = new Set([secretKey('ORDER_DETAILS', 'PIN_PASSWORD')]);

function detailsSaved(): Draft {
  const draft = newDraft(transactionType.enum.PORT_NUMBER);
  const properties = keepSecrets(draft, typed, sensitive);
  return { ...draft, serviceId: '5001', properties, sensitiveFields: [{ key: secretKey('ORDER_DETAILS', 'PIN_PASSWORD'), label: 'Port-out PIN' }] };
}

describe('sensitive property values', () => {
  it('stay out of the draft and its storage, and go into the request sent', () => {
    const draft = detailsSaved();
    saveDraft('ACME|t|1', draft);
    expect(localStorage.getItem('mobproc.draft.v1:ACME|t|1')).not.toContain(PIN);
    expect(JSON.stringify(loadDraft('ACME|t|1'))).toContain('ACCT-1');

    expect(JSON.stringify(buildOrderRequest(draft))).not.toContain(PIN);
    const sent = buildOrderRequest(draft, undefined, secretsOf(draft));
    const fields = sent.orderRequest.properties?.[0]?.fields ?? [];
    expect(fields.find((field) => field.id === 'PIN_PASSWORD')).toMatchObject({ text: PIN });
    expect(forgottenSecrets(draft)).toEqual([]);
  });

  it('are asked again once this tab forgot them (a reload)', () => {
    const draft = detailsSaved();
    forgetSecrets(draft);
    expect(forgottenSecrets(draft)).toEqual(['Port-out PIN']);
    expect(JSON.stringify(buildOrderRequest(draft, undefined, secretsOf(draft)))).not.toContain(PIN);
  });
});

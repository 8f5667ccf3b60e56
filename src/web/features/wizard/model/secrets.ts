import type { Draft, PropertyGroupValues } from './draft.ts';

/**
 * Values of sensitive order properties (`sensitive: true`, e.g. a port-out PIN), kept in this
 * tab's memory only: never in the draft, localStorage or the idempotency mark. A reload forgets
 * them, so the person is asked again. Keyed by the draft's own reference, so two drafts never share.
 */
const store = new Map<string, Map<string, string>>();

/** `groupId/fieldId` of one property. */
export const secretKey = (groupId: string, fieldId: string) => `${groupId}/${fieldId}`;

export function secretsOf(draft: Pick<Draft, 'orderReference'>): ReadonlyMap<string, string> {
  return store.get(draft.orderReference) ?? new Map();
}

export function forgetSecrets(draft: Pick<Draft, 'orderReference'>): void {
  store.delete(draft.orderReference);
}

/**
 * Splits form values into what the draft may keep (sensitive texts emptied) and the secrets, which
 * are kept here. `sensitive` lists the `groupId/fieldId` of the sensitive fields.
 */
export function keepSecrets(draft: Pick<Draft, 'orderReference'>, values: PropertyGroupValues, sensitive: ReadonlySet<string>): PropertyGroupValues {
  const kept = new Map<string, string>();
  const stripped = values.map((group) => ({
    ...group,
    fields: group.fields.map((field) => {
      const key = secretKey(group.groupId, field.id);
      if (!sensitive.has(key)) return field;
      if (field.text) kept.set(key, field.text);
      return { ...field, text: '' };
    }),
  }));
  store.set(draft.orderReference, kept);
  return stripped;
}

/** The values with the remembered secrets filled in (for the form, and for the request sent). */
export function withSecrets(values: PropertyGroupValues | undefined, secrets: ReadonlyMap<string, string>): PropertyGroupValues | undefined {
  if (!values || secrets.size === 0) return values;
  return values.map((group) => ({
    ...group,
    fields: group.fields.map((field) => {
      const secret = secrets.get(secretKey(group.groupId, field.id));
      return secret === undefined ? field : { ...field, text: secret };
    }),
  }));
}

/** The labels of sensitive fields the draft needs but this tab no longer remembers (after a reload). */
export function forgottenSecrets(draft: Pick<Draft, 'orderReference' | 'sensitiveFields'>): string[] {
  const secrets = secretsOf(draft);
  return (draft.sensitiveFields ?? []).filter((field) => !secrets.has(field.key)).map((field) => field.label);
}

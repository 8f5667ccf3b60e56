import type { JsonType, Members } from './shapes.ts';

const jsonType = (value: unknown): JsonType | 'null' | 'undefined' =>
  value === null ? 'null' : value === undefined ? 'undefined' : Array.isArray(value) ? 'array' : (typeof value as JsonType);

type Found = { at: string; value: unknown };

/**
 * Every way `answer` falls short of `members` (see shapes.ts for the notation), one line each:
 * a member missing (on which array item), of another JSON type, or an array with no item to check.
 * An empty list means the answer has every member with its type.
 */
export function shapeProblems(answer: unknown, members: Members): string[] {
  const problems: string[] = [];
  for (const [path, declared] of Object.entries(members)) {
    const someItemsOnly = declared.endsWith('?');
    const expected = declared.replace('?', '') as JsonType;
    const steps = path.split(/(?=\[\])|\./).flatMap((step) => (step.startsWith('[]') ? ['[]', ...(step.length > 2 ? [step.slice(3)] : [])] : [step])).filter(Boolean);
    let found: Found[] = [{ at: '', value: answer }];
    let failed = false;
    for (const step of steps) {
      const next: Found[] = [];
      for (const { at, value } of found) {
        if (step === '[]') {
          if (!Array.isArray(value)) {
            problems.push(`${at}: array expected, got ${jsonType(value)}`);
            failed = true;
            continue;
          }
          value.forEach((item, itemIndex) => next.push({ at: `${at}[${itemIndex}]`, value: item }));
          if (value.length === 0 && !someItemsOnly) {
            problems.push(`${at}: no items, so ${path} cannot be checked`);
            failed = true;
          }
          continue;
        }
        const here = at ? `${at}.${step}` : step;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          // A some-items-only member may sit in an object that some items lack (null).
          if (someItemsOnly && value === null) continue;
          problems.push(`${at || '(answer)'}: object expected, got ${jsonType(value)}`);
          failed = true;
          continue;
        }
        const child = (value as Record<string, unknown>)[step];
        if (child === undefined) {
          // A some-items-only member (or the object holding it) may be absent on any one item.
          if (!someItemsOnly) {
            problems.push(`${here}: missing (${path} ${expected})`);
            failed = true;
          }
          continue;
        }
        next.push({ at: here, value: child });
      }
      found = next;
      if (failed) break;
    }
    if (failed) continue;
    if (found.length === 0) {
      problems.push(`${path}: on no item (expected ${expected} on at least one)`);
      continue;
    }
    for (const { at, value } of found) {
      if (jsonType(value) !== expected) problems.push(`${at}: ${expected} expected, got ${jsonType(value)} (${JSON.stringify(value)})`);
    }
  }
  return [...new Set(problems)];
}

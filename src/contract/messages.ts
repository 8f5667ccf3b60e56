/**
 * Plain-words messages for the contract's schemas, for the people who read them: the server's 400s
 * and the web app's forms say "Reason must be 1000 characters or fewer." rather than the
 * validation library's own wording ("Too big: expected string to have <=1000 characters").
 * Installed once for every zod schema (`z.config`), so a schema gives its own message only where
 * it can say more.
 */
import { z } from 'zod';

const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', sim: 'SIM', url: 'URL', uri: 'URI', imei: 'IMEI' };

/** `featureRequestComment` → `Feature request comment`, `deviceId` → `Device ID`, `POSTAL_CODE` → `Postal code`. */
export function fieldWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** What a person calls the input at `path`: its last member's name, and the item's place in a list. */
function fieldName(path: readonly PropertyKey[] | undefined): string {
  const keys = path ?? [];
  const last = keys.at(-1);
  const member = [...keys].reverse().find((key): key is string => typeof key === 'string');
  const name = member ? fieldWords(member) : 'The value';
  return typeof last === 'number' ? `${name} (item ${last + 1})` : name;
}

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  date: 'a date',
  bigint: 'a whole number',
};

const quote = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The issue in plain words naming its field, or undefined to keep the library's message. */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  const field = fieldName(issue.path);
  const isAbsent = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
  if (isAbsent) return `${field} is required.`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${kinds[issue.expected] ?? issue.expected}.`;
    case 'too_big': {
      const limit = String(issue.maximum);
      if (issue.origin === 'string') return `${field} must be ${limit} characters or fewer.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} may hold at most ${limit} items.`;
      return issue.inclusive === false ? `${field} must be less than ${limit}.` : `${field} must be ${limit} or less.`;
    }
    case 'too_small': {
      const limit = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field} must not be empty.` : `${field} must be at least ${limit} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} must hold at least ${limit} ${Number(issue.minimum) === 1 ? 'item' : 'items'}.`;
      return issue.inclusive === false ? `${field} must be more than ${limit}.` : `${field} must be ${limit} or more.`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${quote(issue.values[0])}.`
        : `${field} must be one of ${issue.values.map(quote).join(', ')}.`;
    case 'invalid_format':
      return issue.format === 'regex' ? `${field} is not in the expected form.` : `${field} must be a valid ${issue.format}.`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `${field} has members it does not take: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
      return `${field} is not in any of the forms it may take.`;
    case 'invalid_key':
      return `${field} has a member name it does not take.`;
    case 'invalid_element':
      return `${field} holds a value it does not take.`;
    default:
      return undefined;
  }
}

/** Whether a finished issue says its input is missing ("… is required."), here or in a schema's own words. */
export const isMissingIssue = (issue: z.core.$ZodIssue): boolean => / is required\.$/.test(issue.message);

z.config({ customError: plainWords });

/**
 * What every piece of text a client sends must be, whatever member carries it: no control
 * characters (NUL, escape, DEL, the C1 range…), no bidirectional embedding, override or isolate
 * controls (U+202A–U+202E, U+2066–U+2069), and no lone UTF-16 surrogates. A direction override
 * makes text read differently from what it holds (U+202E before "gpj.exe" shows "exe.jpg"), so a
 * name, an address line or a reason could show an approver something other than what was ordered.
 * SQLite would store a lone surrogate as U+FFFD while a JSON column keeps it as written, so the same
 * input came back two ways; refusing both kinds keeps stored text printable and identical wherever
 * it is read. Multi-line members (reasons, comments, instructions) may also hold line feeds,
 * carriage returns and tabs. Bodies are walked without recursion and their nesting is bounded.
 */
import { badRequest, type Problem } from '../domain/errors.ts';

/** Deepest nesting of arrays and objects a JSON body may have; an order body needs about six. */
export const MAX_BODY_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above, with tab, line feed and carriage return allowed
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Embedding, override and isolate controls of the Unicode bidirectional algorithm. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Members whose text may run over several lines. */
const MULTI_LINE_MEMBERS = new Set(['reason', 'answer', 'comment', 'featureRequestComment']);
/** Order property fields (by id) that are free, multi-line text. */
const MULTI_LINE_PROPERTY = /INSTRUCTION|COMMENT|NOTE|REASON|JUSTIFICATION/i;

/** Printable ASCII: none of the characters below can be in it, so most text is judged by this alone. */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Why `text` is refused, or null when it is acceptable. */
export function textFault(text: string, multiLine: boolean): string | null {
  if (PRINTABLE_ASCII.test(text)) return null;
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) {
    return multiLine
      ? 'contains a control character; only letters, digits, punctuation, spaces, line breaks and tabs are allowed.'
      : 'contains a control character (such as NUL, a tab or a line break); type it on one line without them.';
  }
  if (BIDI_CONTROL.test(text)) {
    return 'contains an invisible text-direction control (U+202A–U+202E or U+2066–U+2069), which can make text read differently from what it holds; type it without one.';
  }
  if (LONE_SURROGATE.test(text)) return 'contains a broken character (half of a UTF-16 surrogate pair).';
  return null;
}

type Frame = { value: unknown; path: (string | number)[]; depth: number; parent: unknown };

const isMultiLine = (frame: Frame): boolean => {
  const key = frame.path.at(-1);
  if (typeof key === 'string' && MULTI_LINE_MEMBERS.has(key)) return true;
  // orderRequest.properties.N.fields.M.text of a free-text field such as ADDITIONAL_INSTRUCTIONS
  if (key === 'text' && frame.path.includes('fields') && frame.parent && typeof frame.parent === 'object') {
    const fieldId = (frame.parent as Record<string, unknown>).id;
    return typeof fieldId === 'string' && MULTI_LINE_PROPERTY.test(fieldId);
  }
  return false;
};

export type BodyCheck = { tooDeep: boolean; problems: Problem[] };

/**
 * Walks a parsed JSON body (iteratively, so no body can exhaust the stack) and reports every text
 * value that breaks the rules above, named by its dotted path under `root` (`orderRequest.shipTo.name`).
 * `tooDeep` is set when arrays and objects nest deeper than {@link MAX_BODY_DEPTH}; the walk stops there.
 */
export function checkBody(body: unknown, root: string | null = null): BodyCheck {
  const problems: Problem[] = [];
  const stack: Frame[] = [{ value: body, path: [], depth: 0, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, path, depth } = frame;
    if (typeof value === 'string') {
      const fault = textFault(value, isMultiLine(frame));
      if (fault) {
        const field = [...(root ? [root] : []), ...path.map(String)].join('.') || 'body';
        problems.push(badRequest('INVALID_TEXT', `${field} ${fault}`, field));
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { tooDeep: true, problems };
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    // Reversed so problems come out in document order.
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, item] = entries[index]!;
      stack.push({ value: item, path: [...path, key], depth: depth + 1, parent: value });
    }
  }
  return { tooDeep: false, problems };
}

/** Problems of the query values a route declares (`query.search`); no query text may hold a control character. */
export function queryTextProblems(query: Record<string, string>, declared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (!declared.has(name)) continue;
    const fault = textFault(value, false);
    if (fault) problems.push(badRequest('INVALID_TEXT', `query.${name} ${fault}`, `query.${name}`));
  }
  return problems;
}

/** Whether percent-escapes spell UTF-8 (`%C3%A9`); `%FF` or `%C3%28` would silently become U+FFFD. */
const isUtf8Escaped = (raw: string): boolean => {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
};

/**
 * Problems of the raw query string (`a=1&b=%FF`): a value of a declared parameter whose
 * percent-escapes are not UTF-8 is a 400 naming `query.<name>`, the way a body that is not UTF-8 is.
 */
export function queryEncodingProblems(rawQuery: string, declared: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const pair of rawQuery.split('&')) {
    const separator = pair.indexOf('=');
    const rawName = separator < 0 ? pair : pair.slice(0, separator);
    const rawValue = separator < 0 ? '' : pair.slice(separator + 1);
    const name = isUtf8Escaped(rawName) ? decodeURIComponent(rawName.replaceAll('+', ' ')) : undefined;
    if (name === undefined || !declared.has(name) || isUtf8Escaped(rawValue)) continue;
    problems.push(badRequest('INVALID_TEXT', `query.${name} is not valid UTF-8 text once its %-escapes are decoded.`, `query.${name}`));
  }
  return problems;
}

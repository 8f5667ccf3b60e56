/**
 * Case-insensitive substring search, the SQLite way: an FTS5 index with the trigram tokenizer per
 * searched table (migration 0004, kept in step by triggers), and for texts shorter than a trigram
 * a prefix range on an indexed lower-case column. The domain asks for "rows whose X contains this
 * text" through these functions only, so another dialect can answer with its own index (e.g.
 * PostgreSQL's pg_trgm) behind the same signatures (decision 12).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Texts shorter than this many characters cannot be found by a trigram index. */
export const TRIGRAM_LENGTH = 3;

/** Whether a search text is long enough for the trigram index (counted in characters, not UTF-16 units). */
export const usesTrigrams = (text: string) => [...text].length >= TRIGRAM_LENGTH;

/** An FTS5 query matching `text` as one phrase, i.e. as a substring under the trigram tokenizer. */
export const ftsPhrase = (text: string, column?: string) => `${column ? `${column} : ` : ''}"${text.replace(/"/g, '""')}"`;

/** `id` is an employee whose "first last" name or e-mail contains the text (three characters or more). */
export const employeeTextMatch = (id: SQLWrapper, query: unknown): SQL => sql`${id} IN (SELECT rowid FROM employees_search WHERE employees_search MATCH ${query})`;

/**
 * A first name, last name or e-mail that starts with `text` (any ASCII case): how one or two
 * characters are searched. Each side is a range on an index of `lower(column)`.
 */
export function employeePrefixMatch(columns: { firstName: SQLWrapper; lastName: SQLWrapper; email: SQLWrapper }, text: unknown): SQL {
  const range = (column: SQLWrapper) => sql`(lower(${column}) >= lower(${text}) AND lower(${column}) < lower(${text}) || char(1114111))`;
  return sql`(${range(columns.firstName)} OR ${range(columns.lastName)} OR ${range(columns.email)})`;
}

/** `id` is a service whose number (as written, or its digits alone) matches the FTS query. */
export const serviceTextMatch = (id: SQLWrapper, query: unknown): SQL => sql`${id} IN (SELECT rowid FROM services_search WHERE services_search MATCH ${query})`;

/** `id` is a device asset whose serial number matches the FTS query. */
export const deviceSerialMatch = (id: SQLWrapper, query: unknown): SQL =>
  sql`${id} IN (SELECT rowid FROM device_assets_search WHERE device_assets_search MATCH ${query})`;

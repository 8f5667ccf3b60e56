/**
 * The one letter-case fold every search matches by (decision 19): the searched text and the
 * person's query are both folded here, in JavaScript, and the databases compare the folded texts
 * exactly. Neither SQLite nor PostgreSQL folds anything a search matches, so a search finds the
 * same rows on both, at every length.
 *
 * Only what is matched is folded; names are stored and shown as they were written.
 */
import type Database from 'better-sqlite3';
import type postgres from 'postgres';

/**
 * Raised whenever {@link foldForSearch} changes what it returns for some text: a database whose
 * `search_fold` row holds an older version has every folded column rewritten at the server's start
 * ({@link refoldSqlite}, {@link refoldPostgres}). Version 0 is the migration's ASCII-only fold in SQL.
 */
export const SEARCH_FOLD_VERSION = 1;

/**
 * `text` as searches match it: compatibility-composed (NFKC: "é" typed as e + combining accent is
 * "é"; full-width "２０６" is "206"), lower-cased, upper-cased and lower-cased again (JavaScript's
 * full case mappings, so "ß", "ẞ" and "SS" are all "ss": "STRASSE" finds "Straße"), and final
 * sigma as any sigma, which is close to Unicode's full case folding. Deterministic and locale-free
 * (no Turkish dotless-i rule). The result may be longer than `text` ("ß" → "ss"); lengths that
 * pick an index are counted on the folded text, in code points.
 */
export const foldForSearch = (text: string): string =>
  text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFKC');

/** The folded columns of an employee row: what every writer of a name or e-mail stores beside it. */
export const employeeSearchColumns = (person: { firstName: string; lastName: string; email: string }) => ({
  firstNameFolded: foldForSearch(person.firstName),
  lastNameFolded: foldForSearch(person.lastName),
  emailFolded: foldForSearch(person.email),
});

type EmployeeTexts = { id: number; firstName: string; lastName: string; email: string; firstNameFolded: string; lastNameFolded: string; emailFolded: string };

const SELECT_EMPLOYEES = `SELECT id, first_name AS "firstName", last_name AS "lastName", email, first_name_folded AS "firstNameFolded",
  last_name_folded AS "lastNameFolded", email_folded AS "emailFolded" FROM employees`;

/** The rows whose stored fold differs from today's, with today's. */
const stale = (rows: EmployeeTexts[]) =>
  rows.flatMap((row) => {
    const folded = employeeSearchColumns(row);
    const same = folded.firstNameFolded === row.firstNameFolded && folded.lastNameFolded === row.lastNameFolded && folded.emailFolded === row.emailFolded;
    return same ? [] : [{ id: row.id, ...folded }];
  });

/**
 * Brings an SQLite database's folded columns to {@link SEARCH_FOLD_VERSION}, in one transaction on
 * the writer, when its `search_fold` row is older: reads every employee, rewrites those whose fold
 * changed (the triggers then update the trigram index and the prefix counts). A no-op on a current
 * database. Returns how many rows were rewritten.
 */
export function refoldSqlite(sqlite: Database.Database): number {
  const version = sqlite.prepare('SELECT max(version) FROM search_fold').pluck().get() as number | null;
  if (version !== null && version >= SEARCH_FOLD_VERSION) return 0;
  return sqlite.transaction(() => {
    const changed = stale(sqlite.prepare(SELECT_EMPLOYEES).all() as EmployeeTexts[]);
    const update = sqlite.prepare('UPDATE employees SET first_name_folded = ?, last_name_folded = ?, email_folded = ? WHERE id = ?');
    for (const row of changed) update.run(row.firstNameFolded, row.lastNameFolded, row.emailFolded, row.id);
    sqlite.prepare('DELETE FROM search_fold').run();
    sqlite.prepare('INSERT INTO search_fold (version) VALUES (?)').run(SEARCH_FOLD_VERSION);
    return changed.length;
  })();
}

/**
 * {@link refoldSqlite} on PostgreSQL. The `search_fold` row is locked first, so of several instances
 * starting together one refolds and the others then find the version current. Returns how many rows
 * were rewritten.
 */
export async function refoldPostgres(client: postgres.Sql): Promise<number> {
  return await client.begin(async (tx) => {
    const [row] = await tx<{ version: number }[]>`SELECT version FROM search_fold FOR UPDATE`;
    if (row && row.version >= SEARCH_FOLD_VERSION) return 0;
    const changed = stale(await tx.unsafe<EmployeeTexts[]>(SELECT_EMPLOYEES));
    for (const person of changed) {
      await tx`UPDATE employees SET first_name_folded = ${person.firstNameFolded}, last_name_folded = ${person.lastNameFolded}, email_folded = ${person.emailFolded} WHERE id = ${person.id}`;
    }
    await tx`DELETE FROM search_fold`;
    await tx`INSERT INTO search_fold (version) VALUES (${SEARCH_FOLD_VERSION})`;
    return changed.length;
  });
}

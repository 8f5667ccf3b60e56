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
 * Incremented whenever {@link foldForSearch} changes what it returns for some text: a database whose
 * `search_fold` row holds an older version has every folded column rewritten at the server's start
 * ({@link refoldSqlite}, {@link refoldPostgres}). Version 0 is the migrations' ASCII-only `lower()`;
 * version 1 folded "İ" as "i" + U+0307, version 2 as "i".
 */
export const SEARCH_FOLD_VERSION = 2;

/**
 * `text` as searches match it: compatibility-composed (NFKC: "é" typed as e + combining accent is
 * "é"; full-width "２０６" is "206"), lower-cased, upper-cased and lower-cased again (JavaScript's
 * full case mappings, so "ß", "ẞ" and "SS" are all "ss": "STRASSE" finds "Straße"), and final
 * sigma as any sigma, which is close to Unicode's full case folding. Deterministic and locale-free:
 * the dotted and dotless i of Turkish ("İ", "ı") are "i" like "I" — the locale-free lower case of
 * "İ" is "i" + U+0307, whose dot is dropped, or neither "ismail" nor "İSMAİL" would find "İsmail".
 * The result may be longer than `text` ("ß" → "ss"); lengths that pick an index are counted on the
 * folded text, in code points.
 */
export const foldForSearch = (text: string): string =>
  text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFKC').replace(/i\u0307+/g, 'i').normalize('NFKC');

/**
 * The folded columns of an employee row: what every writer of a name or e-mail stores beside it
 * (a catalog row has one, `nameFolded`).
 */
export const employeeSearchColumns = (person: { firstName: string; lastName: string; email: string }) => ({
  firstNameFolded: foldForSearch(person.firstName),
  lastNameFolded: foldForSearch(person.lastName),
  emailFolded: foldForSearch(person.email),
});

/** Every stored text a search matches: table, then (written column, folded column) pairs. */
const FOLDED: readonly { table: string; columns: readonly (readonly [string, string])[] }[] = [
  { table: 'employees', columns: [['first_name', 'first_name_folded'], ['last_name', 'last_name_folded'], ['email', 'email_folded']] },
  { table: 'catalog_devices', columns: [['name', 'name_folded']] },
  { table: 'catalog_plans', columns: [['name', 'name_folded']] },
  { table: 'catalog_accessories', columns: [['name', 'name_folded']] },
];

/** A row of one of {@link FOLDED}'s tables: its id, then each written text and its stored fold, in column order. */
type Texts = [id: number, ...texts: string[]];

const selectTexts = (table: string, columns: readonly (readonly [string, string])[]) => `SELECT id, ${columns.flat().join(', ')} FROM ${table}`;
const updateTexts = (table: string, columns: readonly (readonly [string, string])[], placeholder: (index: number) => string) =>
  `UPDATE ${table} SET ${columns.map(([, folded], index) => `${folded} = ${placeholder(index + 1)}`).join(', ')} WHERE id = ${placeholder(columns.length + 1)}`;

/** The rows whose stored folds differ from today's, as the update's parameters: the folds, then the id. */
const stale = (rows: Texts[], width: number): (string | number)[][] =>
  rows.flatMap(([id, ...texts]) => {
    const folded = Array.from({ length: width }, (_, index) => foldForSearch(texts[index * 2]!));
    return folded.every((text, index) => text === texts[index * 2 + 1]) ? [] : [[...folded, id]];
  });

/**
 * Brings an SQLite database's folded columns to {@link SEARCH_FOLD_VERSION}, in one transaction on
 * the writer, when its `search_fold` row is older: reads every searched row, rewrites those whose
 * fold changed (on `employees` the triggers then update the trigram index and the prefix counts).
 * A no-op on a current database. Returns how many rows were rewritten.
 */
export function refoldSqlite(sqlite: Database.Database): number {
  const version = sqlite.prepare('SELECT max(version) FROM search_fold').pluck().get() as number | null;
  if (version !== null && version >= SEARCH_FOLD_VERSION) return 0;
  return sqlite.transaction(() => {
    let rewritten = 0;
    for (const { table, columns } of FOLDED) {
      const changed = stale(sqlite.prepare(selectTexts(table, columns)).raw().all() as Texts[], columns.length);
      const update = sqlite.prepare(updateTexts(table, columns, () => '?'));
      for (const parameters of changed) update.run(...parameters);
      rewritten += changed.length;
    }
    sqlite.prepare('DELETE FROM search_fold').run();
    sqlite.prepare('INSERT INTO search_fold (version) VALUES (?)').run(SEARCH_FOLD_VERSION);
    return rewritten;
  })();
}

/**
 * {@link refoldSqlite} on PostgreSQL. The `search_fold` row is locked first, so of several instances
 * starting together one refolds and the others then find the version current. The stale rows are
 * locked before they are rewritten, skipping any another transaction holds: a rename in SQL holds
 * its row and then waits for the `search_fold` row (its trigger marks the fold stale, migration
 * 0011), so waiting for it here would deadlock. A row skipped so leaves the version at 0, and the
 * next refold takes it. Returns how many rows were rewritten.
 */
export async function refoldPostgres(client: postgres.Sql): Promise<number> {
  return await client.begin(async (tx) => {
    const [row] = await tx<{ version: number }[]>`SELECT version FROM search_fold FOR UPDATE`;
    if (row && row.version >= SEARCH_FOLD_VERSION) return 0;
    let rewritten = 0;
    let skipped = false;
    for (const { table, columns } of FOLDED) {
      const candidates = stale((await tx.unsafe(selectTexts(table, columns)).values()) as unknown as Texts[], columns.length).map((parameters) => parameters.at(-1) as number);
      if (candidates.length === 0) continue;
      // Read again under the row locks: the texts folded are the ones the update replaces.
      const locked = (await tx.unsafe(`${selectTexts(table, columns)} WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE SKIP LOCKED`, [candidates]).values()) as unknown as Texts[];
      if (locked.length < candidates.length) skipped = true;
      const changed = stale(locked, columns.length);
      for (const parameters of changed) await tx.unsafe(updateTexts(table, columns, (index) => `$${index}`), parameters);
      rewritten += changed.length;
    }
    await tx`DELETE FROM search_fold`;
    await tx`INSERT INTO search_fold (version) VALUES (${skipped ? 0 : SEARCH_FOLD_VERSION})`;
    return rewritten;
  });
}

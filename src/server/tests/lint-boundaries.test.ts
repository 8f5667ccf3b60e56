/**
 * The lint rules that keep the storage driver and transaction-type names where they belong, run
 * through ESLint's own API on small sources placed (by file path) in the zones they guard.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { transactionType } from '../../contract/index.ts';

// The sources below are not files of the TypeScript project, so the rules that need its types
// (floating promises) cannot run on them; the rules under test need none.
const eslint = new ESLint({
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** The messages of the rules under test for `code` as if it were the file at `filePath`. */
async function complaints(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

// Built from the contract so that this file holds no literal the rule would flag in it.
const literalOf = (name: string) => `export const type = '${name}';\n`;

describe('transaction-type literals', () => {
  const literal = literalOf(transactionType.enum.SUSPEND);

  it('are refused in tests, their helpers and the bench, as in shipped code', async () => {
    for (const filePath of ['src/server/tests/example.test.ts', 'src/server/tests/helpers.ts', 'src/server/bench/example.ts', 'src/web/lib/example.test.ts', 'src/server/http/example.ts']) {
      expect(await complaints(filePath, literal), filePath).toEqual([expect.stringContaining('transaction type is named only in its type module')]);
    }
  });

  it('are allowed in the contract and the type modules, and the contract enum is allowed everywhere', async () => {
    expect(await complaints('src/contract/example.ts', literal)).toEqual([]);
    expect(await complaints('src/server/domain/orders/types/example.ts', literal)).toEqual([]);
    const viaEnum = "import { transactionType } from '../../contract/index.ts';\nexport const type = transactionType.enum.SUSPEND;\n";
    expect(await complaints('src/server/tests/example.test.ts', viaEnum)).toEqual([]);
  });
});

describe('the SQLite driver', () => {
  const driverImport = "import Database from 'better-sqlite3';\nexport const open = (path: string) => new Database(path);\n";
  const drizzleDriver = "import { drizzle } from 'drizzle-orm/better-sqlite3';\nexport const wrap = drizzle;\n";

  it('is refused outside src/server/storage/', async () => {
    for (const filePath of ['src/server/domain/example.ts', 'src/server/domain/orders/example.ts', 'src/server/http/example.ts', 'src/server/tests/example.test.ts']) {
      expect(await complaints(filePath, driverImport), filePath).toEqual([expect.stringContaining('Only src/server/storage/ imports the SQLite driver')]);
      expect(await complaints(filePath, drizzleDriver), filePath).toEqual([expect.stringContaining('Only src/server/storage/ imports the SQLite driver')]);
    }
  });

  it('is allowed in src/server/storage/', async () => {
    expect(await complaints('src/server/storage/example.ts', driverImport)).toEqual([]);
    expect(await complaints('src/server/storage/example.ts', drizzleDriver)).toEqual([]);
  });
});

describe('queries in the domain', () => {
  const synchronous = [
    'export const rows = (db: Db) => db.select().from(orders).all();',
    'export const row = (db: Db) => db.select().from(orders).get();',
    'export const write = (db: Db) => db.delete(orders).run();',
    'export const tuples = (db: Db) => db.select().from(orders).values();',
  ];

  it('are refused when run synchronously, in every domain module', async () => {
    for (const filePath of ['src/server/domain/example.ts', 'src/server/domain/orders/types/example.ts']) {
      for (const code of synchronous) {
        expect(await complaints(filePath, code), `${filePath}: ${code}`).toEqual([expect.stringContaining('Await the query')]);
      }
    }
  });

  it('are allowed awaited, and a Map’s values() is no query', async () => {
    const awaited = 'export const rows = async (db: Db) => await db.select().from(orders);\nexport const ids = (seen: Map<number, number>) => [...seen.values()];\n';
    expect(await complaints('src/server/domain/example.ts', awaited)).toEqual([]);
  });
});

// @ts-check
import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const featureNames = fs.existsSync('src/web/features')
  ? fs.readdirSync('src/web/features', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  : [];

/** Relative ways out of one feature folder into a sibling one. */
const siblingPaths = (other) => ['../', '../../', '../../../'].flatMap((up) => [`${up}${other}`, `${up}${other}/**`]);

/**
 * The twelve transaction types, read from the contract's list so that a thirteenth is forbidden
 * as a literal the moment it is added there.
 */
const transactionTypeNames = (() => {
  const source = fs.readFileSync('src/contract/transaction-types.ts', 'utf8');
  const list = /export const transactionTypes = \[([^\]]*)\] as const/.exec(source)?.[1];
  const names = [...(list ?? '').matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]);
  if (names.length === 0) throw new Error('eslint.config.js: no transactionTypes list found in src/contract/transaction-types.ts');
  return names;
})();
const transactionTypeLiteral = `/^(${transactionTypeNames.join('|')})$/`;
const transactionTypeRules = [
  {
    selector: `Literal[value=${transactionTypeLiteral}]`,
    message: 'A transaction type is named only in its type module (or the contract); use the type module or a list derived from the contract.',
  },
  {
    selector: `TemplateLiteral[expressions.length=0] > TemplateElement[value.cooked=${transactionTypeLiteral}]`,
    message: 'A transaction type is named only in its type module (or the contract); use the type module or a list derived from the contract.',
  },
];

const synchronousQueryMessage = 'Await the query (`await db.select()…`, `(await q.limit(1))[0]`); never run it with .all(), .get(), .run() or .values() (decision 17).';
const synchronousQueryRules = [
  { selector: 'CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(all|get|run)$/]', message: synchronousQueryMessage },
  { selector: 'CallExpression[arguments.length=0] > MemberExpression.callee[property.name="values"][object.type="CallExpression"]', message: synchronousQueryMessage },
];

/** One-way imports: contract ← server, contract ← web; features never import each other. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * The SQLite driver stays behind src/server/storage/: everything else holds the driver-free `Db`
 * and runs statements through storage's helpers, so a second dialect can sit behind them (decision
 * record 0008).
 */
const driverStaysInStorage = {
  group: ['better-sqlite3', 'drizzle-orm/better-sqlite3', 'drizzle-orm/better-sqlite3/*'],
  message: 'Only src/server/storage/ imports the SQLite driver; use Db and storage/statements.ts.',
};

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'test-results/', 'playwright-report/', 'src/server/storage/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/contract/**'],
    rules: restrict([
      { group: ['**/server/**', '**/web/**'], message: 'src/contract imports nothing of the server or the web app.' },
    ]),
  },
  {
    // The server's database work is asynchronous (decision 17): a promise nobody awaits is a query
    // that may run after its transaction ended, or an error nobody hears.
    files: ['src/server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['src/server/**'],
    languageOptions: { globals: globals.node },
    ignores: ['src/server/storage/**'],
    rules: restrict([{ group: ['**/web/**'], message: 'The server never imports the web app.' }, driverStaysInStorage]),
  },
  {
    files: ['src/server/storage/**'],
    languageOptions: { globals: globals.node },
    rules: restrict([{ group: ['**/web/**'], message: 'The server never imports the web app.' }]),
  },
  {
    // Domain rules are plain functions over plain data: HTTP (routes, Hono, problem responses)
    // calls them, never the other way round.
    files: ['src/server/domain/**'],
    rules: restrict([
      { group: ['**/web/**'], message: 'The server never imports the web app.' },
      { group: ['**/http', '**/http/**', 'hono', 'hono/*'], message: 'src/server/domain never imports src/server/http or Hono: routes call it with plain data.' },
      driverStaysInStorage,
    ]),
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([{ group: ['**/server/**'], message: 'The web app never imports the server; share code through src/contract.' }]),
    },
  },
  ...featureNames.map((feature) => ({
    files: [`src/web/features/${feature}/**`],
    rules: restrict([
      { group: ['**/server/**'], message: 'The web app never imports the server; share code through src/contract.' },
      ...(featureNames.length > 1
        ? [
            {
              group: featureNames
                .filter((other) => other !== feature)
                .flatMap((other) => [`**/features/${other}`, `**/features/${other}/**`, ...siblingPaths(other)]),
              message: 'Features do not import each other; compose them in src/web/app.',
            },
          ]
        : []),
    ]),
  })),
  {
    // A transaction type is handled in its own module: the contract, the server's
    // domain/orders/types/ and the wizard's model/types/. Anywhere else, code reaches types
    // through those modules (tsc then lists every place a new type must be handled); a literal
    // would be a branch that nothing finds. Tests and the bench name a type through the
    // contract's enum (`transactionType.enum.SUSPEND`), so a renamed or dropped type fails to
    // compile there too. e2e/ is outside src/: its specs and fake vendor server drive the app from
    // outside and see type names as data (in URLs and request bodies), and must not import the
    // app to spell them.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/contract/**',
      'src/server/domain/orders/types/**',
      'src/web/features/wizard/model/types/**',
    ],
    rules: { 'no-restricted-syntax': ['error', ...transactionTypeRules] },
  },
  {
    // Domain queries are awaited, never run synchronously: the domain must run unchanged on an
    // asynchronous driver (decision 17). `.values()` only on a call chain (a builder), not a Map.
    files: ['src/server/domain/**'],
    ignores: ['src/server/domain/orders/types/**'],
    rules: { 'no-restricted-syntax': ['error', ...transactionTypeRules, ...synchronousQueryRules] },
  },
  {
    files: ['src/server/domain/orders/types/**'],
    rules: { 'no-restricted-syntax': ['error', ...synchronousQueryRules] },
  },
  {
    files: ['e2e/**', '*.config.{js,ts}', 'vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
);

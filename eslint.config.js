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

/** One-way imports: contract ← server, contract ← web; features never import each other. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'src/server/storage/migrations/'] },
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
    files: ['src/server/**'],
    languageOptions: { globals: globals.node },
    rules: restrict([{ group: ['**/web/**'], message: 'The server never imports the web app.' }]),
  },
  {
    files: ['src/server/domain/**'],
    rules: restrict([
      { group: ['**/web/**'], message: 'The server never imports the web app.' },
      { group: ['**/http/**', 'hono', 'hono/*'], message: 'The domain knows no HTTP: routes call it with plain data.' },
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
    files: ['e2e/**', '*.config.{js,ts}', 'vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
);

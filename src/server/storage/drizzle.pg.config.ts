import { defineConfig } from 'drizzle-kit';

/** Migrations for PostgreSQL (decision record 0017), generated from `schema.pg.ts` beside SQLite's. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/storage/schema.pg.ts',
  out: './src/server/storage/migrations-pg',
});

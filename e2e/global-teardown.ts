import fs from 'node:fs';
import path from 'node:path';

/** Removes the scratch folder the config made for the e2e server's database (E2E_DATABASE_PATH). */
export default function globalTeardown(): void {
  const databasePath = process.env.E2E_DATABASE_PATH;
  if (databasePath) fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
}

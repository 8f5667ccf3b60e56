/**
 * People whose names need the search fold (decision 19), created through the seed's own writer
 * (`createOrderingEmployee`, which writes the folded columns as every writer does), and how a test
 * reads what a search finds: every page, as "first last" names in the order given.
 */
import { employeesResponse } from '../../contract/index.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../storage/seed/factories.ts';
import type { TestServer } from './harness.ts';
import { getOk } from './read-api.ts';
import type { Session } from './session.ts';

/** The people a search-fold test adds; none of the demo's names starts with É, Ø or Ç. */
export const foldPeople = {
  emile: { firstName: 'Émile', lastName: 'Østergaard' },
  // Written with a lower-case initial: "É" must find "é" as "é" finds "É".
  elise: { firstName: 'élise', lastName: 'Çelik' },
  jurgen: { firstName: 'Jürgen', lastName: 'Straße' },
  // Stored decomposed (e + U+0301, e + U+0300), as some phones and imports write them.
  etienne: { firstName: 'E\u0301tienne', lastName: 'Lefe\u0300vre' },
} as const;

export type FoldPerson = keyof typeof foldPeople;

/** "first last", precomposed: how the expectations name a person whatever form their name is stored in. */
export const nameOf = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`.normalize('NFC');

/** Adds the {@link foldPeople}, in a fixed order (so each database numbers them alike). */
export async function addFoldPeople(server: TestServer): Promise<Record<FoldPerson, OrderingEmployee>> {
  const added: Partial<Record<FoldPerson, OrderingEmployee>> = {};
  for (const [key, names] of Object.entries(foldPeople) as [FoldPerson, (typeof foldPeople)[FoldPerson]][]) {
    added[key] = await createOrderingEmployee(server.deps.db, { now: new Date(), label: `fold ${key}`, ...names });
  }
  return added as Record<FoldPerson, OrderingEmployee>;
}

/** Every page `path` (GET /employees or /me/act-as, with a query) answers, as precomposed "first last" names, in order. */
export async function namesFound(server: TestServer, session: Session, path: string): Promise<string[]> {
  const names: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await getOk(server, session, `${path}&limit=100&offset=${offset}`, employeesResponse)).employees;
    names.push(...page.items.map(nameOf));
    if (offset + page.items.length >= page._meta.totalCount) return names;
  }
}

/** `path?search=<text>` with the text encoded. */
export const searching = (path: string, text: string) => `${path}?search=${encodeURIComponent(text)}`;

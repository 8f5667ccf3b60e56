import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, expect, it } from 'vitest';
import { createActorStore } from '../../../lib/actor.ts';
import { ActorProvider } from '../../../lib/actor-context.tsx';
import { description, errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { ActorSwitcher } from './actor-switcher.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const sam = { id: '1060', firstName: 'Sam', lastName: 'Rivera', email: 'sam.rivera@acme.example' };
// Two people of one name: only the e-mail (and department) tells them apart.
const jordanSales = { id: '2001', firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee@acme.example', department: { id: '13', name: 'Sales' } };
const jordanIt = { id: '2002', firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee2@acme.example', department: { id: '16', name: 'IT' } };
const peter = { id: '1001', firstName: 'Peter', lastName: 'Edwards', email: 'peter.edwards@acme.example', department: { id: '12', name: 'Development' } };

/** What the fake server was asked, as paths with their queries. */
function recordingServer(answer: FakeServer): { server: FakeServer; asked: string[] } {
  const asked: string[] = [];
  return { asked, server: (request) => (asked.push(`${request.url.pathname.replace('/mobproc/v1', '')}${request.url.search}`), answer(request)) };
}

function renderSwitcher(server: FakeServer, extensions: string[]) {
  const store = createActorStore(() => 'ACME/sam.rivera');
  const Providers = fakeServerProviders({ server, extensions });
  render(<ActorSwitcher />, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <Providers>
        <ActorProvider value={store}>{children}</ActorProvider>
      </Providers>
    ),
  });
  return store;
}

it('against a server with act-as only, filters /me’s whole list in the browser and never calls the search', async () => {
  const { server, asked } = recordingServer(({ url }) =>
    url.pathname.endsWith('/me') ? { status: 200, body: { authenticatedUser: sam, actor: sam, transactionTypes: [], actAs: [peter, jordanSales, jordanIt] } } : errorAnswer(404, 'Not here'),
  );
  const store = renderSwitcher(server, ['act-as']);
  await userEvent.click(await screen.findByRole('button', { name: 'Act for someone' }, { timeout: 10_000 }));
  const dialog = await screen.findByRole('dialog', { name: 'Act for someone' });
  const person = within(dialog).getByRole('combobox', { name: 'Person' });
  expect(description(person)).toBe('You may act for 3 people.');
  await userEvent.type(person, 'jor');
  const options = await screen.findAllByRole('option');
  expect(options.map((option) => option.textContent)).toEqual(['Jordan Lee (jordan.lee@acme.example)', 'Jordan Lee (jordan.lee2@acme.example)']);
  await userEvent.type(person, 'zz');
  expect(await screen.findByText('No one you may act for matches')).toBeTruthy();
  await userEvent.clear(person);
  await userEvent.type(person, 'Peter');
  await userEvent.click(await screen.findByRole('option', { name: 'Peter Edwards (peter.edwards@acme.example)' }));
  await userEvent.click(within(dialog).getByRole('button', { name: 'Act for Peter Edwards' }));
  await waitFor(() => expect(store.get()).toMatchObject({ id: peter.id, firstName: 'Peter', lastName: 'Edwards' }));
  // The old client's questions: /me as it always was, and nothing else.
  expect(asked).toEqual(['/me']);
});

it('against a server without act-as, offers no switcher even if /me lists people', async () => {
  const { server } = recordingServer(() => ({ status: 200, body: { authenticatedUser: sam, actor: sam, transactionTypes: [], actAs: [peter] } }));
  renderSwitcher(server, []);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.queryByRole('button', { name: 'Act for someone' })).toBeNull();
});

it('against a server with act-as-search, asks /me without the list and searches the server as the person types', async () => {
  const page = (items: object[], totalCount: number) => ({ status: 200, body: { employees: { _meta: { href: 'x', limit: 20, offset: 0, totalCount }, items } } });
  const { server, asked } = recordingServer(({ url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: { authenticatedUser: sam, actor: sam, transactionTypes: [], canActForOthers: true } };
    if (url.pathname.endsWith('/me/act-as')) {
      const search = url.searchParams.get('search');
      if (!search) return page([peter], 100_000);
      return search.toLowerCase() === 'jor' ? page([jordanIt, jordanSales], 2) : page([], 0);
    }
    return errorAnswer(404, 'Not here');
  });
  const store = renderSwitcher(server, ['act-as', 'act-as-search']);
  await userEvent.click(await screen.findByRole('button', { name: 'Act for someone' }, { timeout: 10_000 }));
  const dialog = await screen.findByRole('dialog', { name: 'Act for someone' });
  const person = within(dialog).getByRole('combobox', { name: 'Person' });
  await waitFor(() => expect(description(person)).toBe('Type to search 100,000 people.'));
  expect(asked[0]).toBe('/me?includeActAs=false');

  // The three keys in one go (a slow test machine must not pause longer than the debounce between them).
  await userEvent.setup({ delay: null }).type(person, 'Jor');
  await waitFor(() => expect(description(person)).toBe('2 matches.'));
  const options = await screen.findAllByRole('option');
  expect(options.map((option) => option.textContent)).toEqual([
    'Jordan Leejordan.lee2@acme.example · IT',
    'Jordan Leejordan.lee@acme.example · Sales',
  ]);
  // Typing is debounced: one search for the three letters, none per key.
  expect(asked.filter((path) => path.startsWith('/me/act-as?')).map((path) => new URLSearchParams(path.split('?')[1]).get('search'))).toEqual([null, 'Jor']);

  await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
  await userEvent.click(within(dialog).getByRole('button', { name: 'Act for Jordan Lee' }));
  await waitFor(() => expect(store.get()).toMatchObject({ id: jordanSales.id }));
});

it('says beside someone who has left the company that they have, in the list and in the search', async () => {
  const gone = { id: '1051', firstName: 'Ben', lastName: 'Hart', email: 'ben.hart@acme.example', status: 'INACTIVE', department: { id: '13', name: 'Sales' } };
  const listed = renderSwitcher(
    ({ url }) => (url.pathname.endsWith('/me') ? { status: 200, body: { authenticatedUser: sam, actor: sam, transactionTypes: [], actAs: [peter, gone] } } : errorAnswer(404, 'Not here')),
    ['act-as'],
  );
  await userEvent.click(await screen.findByRole('button', { name: 'Act for someone' }, { timeout: 10_000 }));
  await userEvent.type(within(await screen.findByRole('dialog', { name: 'Act for someone' })).getByRole('combobox', { name: 'Person' }), 'e');
  expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
    'Peter Edwards (peter.edwards@acme.example)',
    'Ben Hart (ben.hart@acme.example, left the company)',
  ]);
  expect(listed.get()).toBeNull();
  cleanup();

  const page = (items: object[]) => ({ status: 200, body: { employees: { _meta: { href: 'x', limit: 20, offset: 0, totalCount: items.length }, items } } });
  renderSwitcher(({ url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: { authenticatedUser: sam, actor: sam, transactionTypes: [], canActForOthers: true } };
    if (url.pathname.endsWith('/me/act-as')) return page(url.searchParams.get('search') ? [gone] : [peter, gone]);
    return errorAnswer(404, 'Not here');
  }, ['act-as', 'act-as-search']);
  await userEvent.click(await screen.findByRole('button', { name: 'Act for someone' }, { timeout: 10_000 }));
  const person = within(await screen.findByRole('dialog', { name: 'Act for someone' })).getByRole('combobox', { name: 'Person' });
  await userEvent.setup({ delay: null }).type(person, 'Hart');
  await waitFor(() => expect(description(person)).toBe('1 match.'));
  expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Ben Hartben.hart@acme.example · Sales · left the company']);
});

import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { NotificationSettingsPage } from './notification-settings-page.tsx';

afterEach(cleanup);

const peter = { id: '1001', firstName: 'Peter', lastName: 'Edwards' };
const me = { authenticatedUser: peter, actor: peter, transactionTypes: [], isApprover: false };

function settingsServer(failPut?: boolean) {
  let stored = { email: true };
  const puts: unknown[] = [];
  const server: FakeServer = ({ method, url, body }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: me };
    if (url.pathname.endsWith('/me/notification-settings') && method === 'GET') return { status: 200, body: stored };
    if (url.pathname.endsWith('/me/notification-settings') && method === 'PUT') {
      puts.push(body);
      if (failPut) return errorAnswer(503, 'The database is busy; try again in a moment.');
      stored = body as { email: boolean };
      return { status: 200, body: stored };
    }
    return errorAnswer(404, 'Not here');
  };
  return { server, puts };
}

it('turns email off with a labelled switch, saves it, and confirms what the server kept', async () => {
  const { server, puts } = settingsServer();
  render(<NotificationSettingsPage />, { wrapper: fakeServerProviders({ server, extensions: ['notification-settings'] }) });
  const emailSwitch = await screen.findByRole('switch', { name: 'Email me at my orders’ milestones' });
  expect((emailSwitch as HTMLInputElement).checked).toBe(true);
  await userEvent.click(emailSwitch);
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved. You get no more email about orders; the app still shows every change.'));
  expect(puts).toEqual([{ email: false }]);
  expect((screen.getByRole('switch', { name: 'Email me at my orders’ milestones' }) as HTMLInputElement).checked).toBe(false);
});

it('shows a refused save with the server’s words and keeps the choice on screen', async () => {
  const { server } = settingsServer(true);
  render(<NotificationSettingsPage />, { wrapper: fakeServerProviders({ server, extensions: ['notification-settings'] }) });
  await userEvent.click(await screen.findByRole('switch', { name: 'Email me at my orders’ milestones' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect((await screen.findByRole('alert')).textContent).toBe('Your choice was not saved: The database is busy; try again in a moment.');
  expect(screen.getByRole('status').textContent).toBe('');
  expect((screen.getByRole('switch', { name: 'Email me at my orders’ milestones' }) as HTMLInputElement).checked).toBe(false);
});

it('asks nothing of a server that does not announce the extension', async () => {
  const { server, puts } = settingsServer();
  let asked = 0;
  const counting: FakeServer = (request) => {
    if (request.url.pathname.includes('notification-settings')) asked += 1;
    return server(request);
  };
  render(<NotificationSettingsPage />, { wrapper: fakeServerProviders({ server: counting, extensions: [] }) });
  expect(await screen.findByText(/This server does not offer email settings/)).toBeTruthy();
  expect(screen.queryByRole('switch')).toBeNull();
  expect(asked).toBe(0);
  expect(puts).toEqual([]);
});

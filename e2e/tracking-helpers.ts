import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn } from './fixtures.ts';

/** Pieces shared by the tracking, approvals, acting-for, lines and connection specs. */

export type ApiAs = {
  token: string;
  get: (path: string, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;
};

/** The API as one person (password grant, as a server-to-server client would). */
export async function apiAs(request: APIRequestContext, username: string, password = 'demo'): Promise<ApiAs> {
  const response = await request.post('/oauth/token', {
    form: { grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', tenant: 'ACME', username, password },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const token = ((await response.json()) as { access_token: string }).access_token;
  const headers = { Authorization: `Bearer ${token}`, 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web' };
  return {
    token,
    get: async (path, extra = {}) => {
      const answer = await request.get(`/mobproc/v1${path}`, { headers: { ...headers, ...extra } });
      return { status: answer.status(), body: await answer.json() };
    },
    post: async (path, body, extra = {}) => {
      const answer = await request.post(`/mobproc/v1${path}`, { headers: { ...headers, ...extra }, data: body });
      return { status: answer.status(), body: await answer.json() };
    },
  };
}

type FieldDefinition = {
  id: string;
  type: 'TEXT' | 'DATE' | 'CHOICE';
  validation: 'REQUIRED' | 'OPTIONAL';
  text?: string;
  choice?: { id: string };
  choices?: { id: string; isOther?: boolean }[];
};

/**
 * A DEACTIVATE order placed through the API (it always waits for the manager): used where a spec
 * needs an order awaiting approval and the wizard itself is not what it tests.
 */
export async function placeDeactivation(api: ApiAs, serviceId: number | string): Promise<string> {
  const definitions = await api.get(`/orders/properties?transactionType=DEACTIVATE&service=${serviceId}`);
  expect(definitions.status, JSON.stringify(definitions.body)).toBe(200);
  const groups = (definitions.body as { properties: { items: { groupId: string; fields: FieldDefinition[] }[] } }).properties.items;
  const properties = groups
    .map((group) => ({
      groupId: group.groupId,
      fields: group.fields
        .filter((field) => field.validation === 'REQUIRED')
        .map((field) =>
          field.type === 'DATE'
            ? { id: field.id, type: 'DATE', date: new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10) }
            : field.type === 'CHOICE'
              ? { id: field.id, type: 'CHOICE', choice: { id: field.choice?.id ?? field.choices!.find((option) => !option.isOther)!.id } }
              : { id: field.id, type: 'TEXT', text: field.text ?? '+1 206 555 0142' },
        ),
    }))
    .filter((group) => group.fields.length > 0);
  const answer = await api.post('/orders', { orderRequest: { transactionType: 'DEACTIVATE', serviceId: String(serviceId), properties } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const order = (answer.body as { order: { orderId: string; status: string } }).order;
  expect(order.status).toBe('AWAITING_APPROVAL');
  return order.orderId;
}

/** A second, separate browser context signed in as a demo person (password `demo`). */
export async function signedInContext(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username, 'demo');
  return page;
}

/** The number on the Approvals badge, from the link's accessible name ("Approvals, 3 waiting"); 0 without a badge. */
export async function approvalsBadge(page: Page): Promise<number> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals/ });
  const name = (await link.textContent()) ?? '';
  const match = /(\d+) waiting/.exec(name);
  return match ? Number(match[1]) : 0;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/tracking-${name}.png`, fullPage: true });
}

/**
 * The order's row in the approvals queue on screen. Barbara's queue is oldest first and shared with
 * every spec running beside this one (and with earlier repeats), so the order may be on a later page:
 * go through the pages with Next, as a person would, until its row shows.
 */
export async function queueRow(page: Page, orderId: string): Promise<Locator> {
  const list = page.getByRole('list', { name: 'Orders awaiting approval' });
  const row = list.getByRole('listitem').filter({ hasText: `Order ${orderId}` });
  // One page has no page navigation; several have "11–20 of 23 orders" between the buttons.
  const pages = page.getByRole('navigation', { name: 'Pages of orders' });
  const position = pages.getByText(/^\d+–\d+ of \d+ orders$/);
  await expect(list).toBeVisible();
  for (;;) {
    if ((await row.count()) > 0) return row;
    if ((await pages.count()) === 0) break;
    const next = pages.getByRole('button', { name: 'Next' });
    if (await next.isDisabled()) break;
    const shown = await position.textContent();
    await next.click();
    await expect(position).not.toHaveText(shown ?? '');
  }
  await expect(row, `order ${orderId} in the approvals queue`).toBeVisible();
  return row;
}

import { transactionType } from '../src/contract/reference.ts';
import { expect, signIn, test } from './fixtures.ts';
import { chooseCurrentCarrier, chooseLine, choosePlan, daysFromNow, expectOrderInApi, expectStep, fillDetails, next, orderToReview, paste, postalCodeLabel, shownNumber, startOrder, submit, type Route, type TypedStep } from './wizard.ts';

test('what is typed on the open step survives Back, browser back, reload, leaving the wizard and the session ending', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');
  const contact = page.getByLabel('Contact number');
  await paste(page, 'Contact number', '(206) 555-0111');

  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'Which line is this for?');
  await next(page);
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('(206) 555-0111');

  await paste(page, 'Contact number', '206 555 0112');
  await page.goBack();
  await expectStep(page, 'Which line is this for?');
  await page.goForward();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206 555 0112');

  await paste(page, 'Contact number', '206.555.0113');
  await page.reload();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206.555.0113');

  await paste(page, 'Contact number', '206-555-0114');
  await page.getByRole('link', { name: 'New order' }).click();
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206-555-0114');

  // The session ends (not a sign-out, which forgets the person's drafts on purpose).
  await page.evaluate(() => localStorage.removeItem('mobproc.session.v1'));
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, employee.username, employee.password);
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206-555-0114');

  // Continue takes the value in the form the carrier's rule has, and the step's typing is done with.
  await fillDetails(page, { 'Preferred suspension date': daysFromNow(7), 'Reason for suspension': 'Leave of absence' });
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('2065550114');
});

test('"Discard this order" asks first, and the start page can undo it', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');

  await page.getByRole('button', { name: 'Discard this order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard this order?' });
  await expect(dialog).toContainText('1 step done');
  await dialog.getByRole('button', { name: 'Keep the order' }).click();
  await expect(dialog).toBeHidden();
  await expectStep(page, 'Order details');

  await page.getByRole('button', { name: 'Discard this order' }).click();
  await dialog.getByRole('button', { name: 'Discard the order' }).click();
  await expectStep(page, 'What would you like to do?');
  await expect(page.getByText('Your “Suspend a line” order was discarded.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(shownNumber(employee.serviceNumbers[1]));
});

test('nothing pasted is cut: a value too long after normalising is refused at its field, whole', async ({ signedInPage: page }) => {
  await startOrder(page, 'Bring your number');
  await chooseCurrentCarrier(page, /Summit Wireless/);
  await expectStep(page, 'Where will you use the line?');
  await paste(page, postalCodeLabel, '98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  await next(page, 'No new device');
  await choosePlan(page);
  await expectStep(page, 'Order details');
  const account = 'A'.repeat(22);
  const name = `Taylor ${'N'.repeat(76)}`;
  await paste(page, 'Personal mobile number to transfer', '206-555-0142');
  await paste(page, 'Account number with the current carrier', account);
  await paste(page, 'Name on the current invoice', name);
  await next(page);
  await expectStep(page, 'Order details');
  await expect(page.getByLabel('Personal mobile number to transfer')).toHaveValue('206-555-0142');
  await expect(page.getByLabel('Personal mobile number to transfer')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByLabel('Account number with the current carrier')).toHaveValue(account);
  await expect(page.getByText('Account number with the current carrier may have at most 20 characters.')).toBeVisible();
  await expect(page.getByLabel('Name on the current invoice')).toHaveValue(name);
  await expect(page.getByText('Name on the current invoice may have at most 80 characters.')).toBeVisible();
});

/** One value a person pastes, what the review must show for it, and where the stored order keeps it. */
type Typed = Route['typed'][number] & { shown: string; stored: (order: StoredOrder) => string | undefined };

type StoredOrder = {
  confirmation?: { postalCode?: string };
  properties: { fields: { id: string; text?: string }[] }[];
  shipTo?: { address: { id: string; value: string }[] };
};

const locationPostalCode = (value: string, shown: string): Typed => ({ step: 'location', label: postalCodeLabel, value, shown, stored: (order) => order.confirmation?.postalCode });
const shippingPostalCode = (label: string, value: string, shown: string): Typed => ({
  step: 'shipping',
  label,
  value,
  shown: `${label}: ${shown}`,
  stored: (order) => order.shipTo?.address.find((line) => line.id === 'POSTAL_CODE')?.value,
});
const property = (id: string, label: string, value: string, shown: string): Typed => ({
  step: 'details',
  label,
  value,
  shown: `${label}: ${shown}`,
  stored: (order) => order.properties.flatMap((group) => group.fields).find((field) => field.id === id)?.text,
});
const contactNumber = (value: string, shown: string) => property('CONTACT_NUMBER', 'Contact number', value, shown);
const extension = (value: string, shown: string) => property('CONTACT_NUMBER_EXT', 'Extension', value, shown);
const personalNumber = (value: string, shown: string) => property('SERVICE_NUMBER', 'Personal mobile number to transfer', value, shown);
const accountNumber = (value: string, shown: string) => property('CARRIER_ACCT_NUMBER', 'Account number with the current carrier', value, shown);
const portPin = property('PIN_PASSWORD', 'Port-out PIN (4–8 digits)', '2468', '••••');
const invoiceName = (label = 'Name on the current invoice') => property('NAME_ON_INVOICE', label, 'Taylor Fixture', 'Taylor Fixture');

type OrderCase = Omit<Route, 'line' | 'typed'> & { type: string; line?: 0 | 1 | 2; typed: Typed[]; alsoShown?: string[] };

/** A care order on one of the employee's lines, whose only numbers are the contact number and its extension: [typed, shown] each. */
const onLine = (type: string, card: string, line: 0 | 1 | 2, contact: [string, string], ext: [string, string], details?: Record<string, string>): OrderCase => ({
  type,
  card,
  line,
  details,
  typed: [contactNumber(...contact), extension(...ext)],
});

/** A new line used and shipped in `country`, on that country's carrier. */
const newLineIn = (country: string, carrier: string, typed: Typed[]): OrderCase => ({
  type: transactionType.enum.NEW_ACTIVATION,
  card: 'New line',
  locationCountry: country,
  shippingCountry: country,
  device: { carrier },
  typed,
});

const reviewSection: Record<TypedStep, string> = { location: 'Location', details: 'Details', shipping: 'Shipping' };

/**
 * Every phone-like, account-number and postal-code field of every transaction type, pasted the way
 * people write them. `line` picks one of the employee's lines (two ACTIVE, then one SUSPENDED).
 * Numbers brought in are distinct from every other spec's: one already live would be refused.
 */
const orders: OrderCase[] = [
  {
    type: transactionType.enum.NEW_ACTIVATION,
    card: 'New line',
    typed: [
      locationPostalCode(' 981011234 ', '98101-1234'),
      property('PREFERRED_AREA_CODE', 'Preferred area code', '(206)', '206'),
      contactNumber('+1 (206) 555-0101', '+12065550101'),
      extension(' 0042 ', '0042'),
      shippingPostalCode('ZIP code', '98101 1234', '98101-1234'),
    ],
  },
  newLineIn('Canada', 'Maple Mobility', [
    locationPostalCode('k1a0b1', 'K1A 0B1'),
    property('PREFERRED_AREA_CODE', 'Preferred area code', ' 416 ', '416'),
    contactNumber('(416) 555-0102', '4165550102'),
    shippingPostalCode('Postal code', ' h2x1y4', 'H2X 1Y4'),
  ]),
  newLineIn('United Kingdom', 'Albion Telecom', [locationPostalCode('sw1a1aa', 'SW1A 1AA'), contactNumber('+44 7700-900-123', '+447700900123'), shippingPostalCode('Postcode', 'ec1a1bb ', 'EC1A 1BB')]),
  {
    type: transactionType.enum.UPGRADE,
    card: 'Upgrade',
    line: 0,
    device: { carrier: 'Summit Wireless' },
    details: { 'Reason for the new device': 'Eligible for upgrade' },
    typed: [contactNumber('206.555.0103', '2065550103'), extension(' 12 ', '12'), shippingPostalCode('ZIP code', '98101-1234 ', '98101-1234')],
  },
  {
    type: transactionType.enum.PORT_NUMBER,
    card: 'Change carrier',
    line: 0,
    carrier: /Meridian Mobile/,
    typed: [
      locationPostalCode('  98101  ', '98101'),
      accountNumber(' 1234 5678 9012 ', '123456789012'),
      portPin,
      invoiceName('Name on the account being ported'),
      contactNumber('(206) 555-0104', '2065550104'),
      extension('7 ', '7'),
      shippingPostalCode('ZIP code', ' 981011234', '98101-1234'),
    ],
  },
  {
    type: transactionType.enum.ORDER_ACCESSORIES,
    card: 'Accessories',
    line: 0,
    typed: [contactNumber('+1-206-555-0105', '+12065550105'), extension(' 305', '305'), shippingPostalCode('ZIP code', '98101–1234', '98101-1234')],
  },
  // The contact number's rule takes international numbers, so a +1 stays: only separators and blanks go.
  onLine(transactionType.enum.SUSPEND, 'Suspend a line', 0, ['  +1 (206) 555.0199 ', '+12065550199'], [' 99 ', '99'], {
    'Preferred suspension date': daysFromNow(7),
    'Reason for suspension': 'Leave of absence',
  }),
  onLine(transactionType.enum.UNSUSPEND, 'Reactivate a line', 2, ['206-555-0106', '2065550106'], ['1-2-3', '123']),
  onLine(transactionType.enum.DEACTIVATE, 'Cancel a line', 1, ['(206)555-0107', '2065550107'], [' 4 ', '4'], {
    'Preferred deactivation date': daysFromNow(45),
    'Reason for deactivation': 'Line no longer needed',
  }),
  onLine(transactionType.enum.UPDATE_FEATURES, 'Change features', 0, ['206.555.0108 ', '2065550108'], ['0 8', '08']),
  onLine(transactionType.enum.SWAP_DEVICES, 'Swap device', 0, [' 206-555-0109', '2065550109'], ['(9)', '9'], { 'Reason for the swap': 'Prefer the other device' }),
  onLine(transactionType.enum.XFER_SERVICE_OUT, 'Take a line private', 1, ['+1 (206) 555-0110', '+12065550110'], ['  10', '10'], {
    'Personal email address': 'taylor@example.com',
    'Name for the new personal account': 'Taylor Fixture',
  }),
  {
    type: transactionType.enum.XFER_SERVICE_IN,
    card: 'Bring your number',
    carrier: /Summit Wireless/,
    device: 'none',
    typed: [
      locationPostalCode(' 98101-1234 ', '98101-1234'),
      personalNumber(' +1-206-555-0187 ', '2065550187'),
      accountNumber(' 9876-5432-10 ', '9876-5432-10'),
      invoiceName(),
      contactNumber('(206) 555 0142', '2065550142'),
      extension(' 11', '11'),
    ],
  },
  {
    type: transactionType.enum.XFER_SERVICE_IN_AND_PORT,
    card: 'Bring your number to another carrier',
    carrier: /Summit Wireless/,
    device: { carrier: 'Meridian Mobile' },
    typed: [
      locationPostalCode(' 981011234 ', '98101-1234'),
      personalNumber('+1 (206) 555-0188', '2065550188'),
      accountNumber(' 1234-5678-9012 ', '1234-5678-9012'),
      portPin,
      invoiceName(),
      contactNumber('206.555.0142', '2065550142'),
      shippingPostalCode('ZIP code', '98101 1234', '98101-1234'),
    ],
    // The carrier chosen on the first step is not asked for again: the details step had it filled in.
    alsoShown: ['Current carrier name: Summit Wireless'],
  },
];

for (const { type, line, typed, alsoShown = [], ...route } of orders) {
  const where = route.locationCountry ? ` in ${route.locationCountry}` : '';
  test(`${type}${where}: numbers and postal codes pasted as people write them are accepted, shown and stored normalised`, async ({ signedInPage: page, employee, api }) => {
    await orderToReview(page, { ...route, line: line === undefined ? undefined : employee.serviceNumbers[line], typed });
    for (const entry of typed) await expect(page.getByRole('region', { name: reviewSection[entry.step] })).toContainText(entry.shown);
    for (const text of alsoShown) await expect(page.getByRole('region', { name: 'Details' })).toContainText(text);
    const orderId = await submit(page);
    const order = (await expectOrderInApi(api, orderId, type)) as unknown as StoredOrder;
    for (const entry of typed.filter((candidate) => candidate !== portPin)) {
      expect(entry.stored(order), String(entry.label)).toBe(entry.shown.replace(/^.*: /, ''));
    }
  });
}

/**
 * Order property definitions (MOBPROC §4.3) for every transaction type and carrier, and the
 * acknowledgements both XFER_SERVICE_IN types ask for. Definitions are in the contract's field
 * shape; defaults the server knows at request time (the actor's contact number, the service's
 * number, the actor's companyEmployeeId for USER) are filled in by the API, not stored here.
 */
import { demoIds } from './ids.ts';
import { transactionType, transactionTypes, type TransactionType } from '../../../contract/index.ts';
import { carriers, type Carrier } from './reference.ts';

type Validation = 'REQUIRED' | 'OPTIONAL';
type FieldDefinition = {
  id: string;
  label: string;
  type: 'TEXT' | 'DATE' | 'CHOICE';
  validation: Validation;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  regEx?: string;
  text?: string;
  choice?: { id: string };
  choices?: { id: string; label: string; isOther: boolean }[];
  sensitive?: true;
};
type Placed = { groupId: 'ORDER_DETAILS' | 'CONTACT_DETAILS'; definition: FieldDefinition; appliesWhen?: 'ALWAYS' | 'WITH_DEVICE' | 'WITH_PLAN' };

/** 10–15 digits, an optional leading +, single spaces between digits allowed. */
export const CONTACT_NUMBER_REGEX = '^\\+?(?:\\d ?){9,14}\\d$';
const EMAIL_REGEX = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
const DATE_PATTERN = 'mm/dd/yyyy';

const choices = (...list: [id: string, label: string][]) => [
  ...list.map(([id, label]) => ({ id, label, isOther: false })),
  { id: 'OTHER', label: 'Other (please describe)', isOther: true },
];

const contact = (carrier: Carrier): Placed[] => [
  {
    groupId: 'CONTACT_DETAILS',
    definition: { id: 'CONTACT_NUMBER', label: 'Contact number', type: 'TEXT', validation: 'REQUIRED', minLength: 10, maxLength: 20, pattern: carrier.regionId === demoIds.regions.unitedKingdom ? '+44 7700 900123' : '+1 206 555 0142', regEx: CONTACT_NUMBER_REGEX },
  },
  {
    groupId: 'CONTACT_DETAILS',
    definition: { id: 'CONTACT_NUMBER_EXT', label: 'Extension', type: 'TEXT', validation: 'OPTIONAL', maxLength: 6, regEx: '^\\d{1,6}$' },
  },
];

const detail = (definition: FieldDefinition, appliesWhen: Placed['appliesWhen'] = 'ALWAYS'): Placed => ({ groupId: 'ORDER_DETAILS', definition, appliesWhen });

const instructions = () =>
  detail({ id: 'ADDITIONAL_INSTRUCTIONS', label: 'Additional instructions', type: 'TEXT', validation: 'OPTIONAL', maxLength: 500 });

const urgency = (appliesWhen: Placed['appliesWhen'] = 'ALWAYS') =>
  detail(
    {
      id: 'URGENCY', label: 'Urgency', type: 'CHOICE', validation: 'REQUIRED', choice: { id: 'STANDARD' },
      choices: [
        { id: 'STANDARD', label: 'Standard (3–5 business days)', isOther: false },
        { id: 'EXPEDITED', label: 'Expedited (next business day)', isOther: false },
      ],
    },
    appliesWhen,
  );

const date = (id: string, label: string, validation: Validation) => detail({ id, label, type: 'DATE', validation, pattern: DATE_PATTERN });

const personalNumber = (carrier: Carrier) =>
  detail({
    id: 'SERVICE_NUMBER', label: 'Personal mobile number to transfer', type: 'TEXT', validation: 'REQUIRED',
    ...(carrier.regionId === demoIds.regions.unitedKingdom
      ? { minLength: 11, maxLength: 11, pattern: '07700900123', regEx: '^07\\d{9}$' }
      : { minLength: 10, maxLength: 10, pattern: '2065550142', regEx: '^[2-9]\\d{2}[2-9]\\d{6}$' }),
  });

const accountNumber = () =>
  detail({ id: 'CARRIER_ACCT_NUMBER', label: 'Account number with the current carrier', type: 'TEXT', validation: 'REQUIRED', minLength: 4, maxLength: 20, regEx: '^[A-Za-z0-9-]{4,20}$' });

const nameOnInvoice = (label = 'Name on the current invoice') =>
  detail({ id: 'NAME_ON_INVOICE', label, type: 'TEXT', validation: 'REQUIRED', minLength: 2, maxLength: 80 });

// Carriers differ in what PIN they take to authorise a port.
const pinPassword = (carrier: Carrier) =>
  detail(
    carrier.accessMethod === 'GSM'
      ? { id: 'PIN_PASSWORD', label: 'Account PIN or password', type: 'TEXT', validation: 'REQUIRED', minLength: 4, maxLength: 15, sensitive: true }
      : { id: 'PIN_PASSWORD', label: 'Port-out PIN (4–8 digits)', type: 'TEXT', validation: 'REQUIRED', minLength: 4, maxLength: 8, regEx: '^\\d{4,8}$', sensitive: true },
  );

const personalEmail = (validation: Validation) =>
  detail({ id: 'PERSONAL_EMAIL', label: 'Personal email address', type: 'TEXT', validation, maxLength: 100, pattern: 'name@example.com', regEx: EMAIL_REGEX });

/** Why the company should pay: every procurement order asks, and its approvers read it (MOBPROC §4.6). */
const justification = () =>
  detail({ id: 'JUSTIFICATION', label: 'Business justification', type: 'TEXT', validation: 'REQUIRED', minLength: 10, maxLength: 500 });

function fieldsFor(type: TransactionType, carrier: Carrier): Placed[] {
  switch (type) {
    case transactionType.enum.NEW_ACTIVATION:
      return [
        justification(),
        // UK mobile numbers have no area code to choose.
        ...(carrier.regionId === demoIds.regions.unitedKingdom
          ? []
          : [detail({ id: 'PREFERRED_AREA_CODE', label: 'Preferred area code', type: 'TEXT', validation: 'OPTIONAL', minLength: 3, maxLength: 3, pattern: '206', regEx: '^[2-9]\\d{2}$' }, 'WITH_PLAN')]),
        urgency('WITH_DEVICE'),
        instructions(),
        ...contact(carrier),
      ];
    case transactionType.enum.UPGRADE:
      return [
        justification(),
        detail(
          {
            id: 'Reason', label: 'Reason for the new device', type: 'CHOICE', validation: 'REQUIRED',
            choices: choices(['ELIGIBLE', 'Eligible for upgrade'], ['DAMAGED', 'Device damaged'], ['LOST_STOLEN', 'Device lost or stolen'], ['NEW_ROLE', 'New role needs a different device']),
          },
          'WITH_DEVICE',
        ),
        urgency('WITH_DEVICE'),
        instructions(),
        ...contact(carrier),
      ];
    case transactionType.enum.PORT_NUMBER:
      return [justification(), accountNumber(), pinPassword(carrier), nameOnInvoice('Name on the account being ported'), ...contact(carrier)];
    case transactionType.enum.ORDER_ACCESSORIES:
      return [justification(), urgency(), instructions(), ...contact(carrier)];
    case transactionType.enum.SUSPEND:
      return [
        date('PREFERRED_SUSPENSION_DATE', 'Preferred suspension date', 'REQUIRED'),
        detail({
          id: 'Reason', label: 'Reason for suspension', type: 'CHOICE', validation: 'REQUIRED',
          choices: choices(['LEAVE_OF_ABSENCE', 'Leave of absence'], ['LOST_DEVICE', 'Device lost (temporary)'], ['SEASONAL', 'Seasonal work']),
        }),
        detail({
          id: 'HOLD_SERVICE', label: 'Keep the number while suspended', type: 'CHOICE', validation: 'REQUIRED', choice: { id: 'HOLD' },
          choices: [
            { id: 'HOLD', label: 'Yes, hold the number', isOther: false },
            { id: 'RELEASE_AFTER_90_DAYS', label: 'Release it after 90 days', isOther: false },
          ],
        }),
        ...contact(carrier),
      ];
    case transactionType.enum.UNSUSPEND:
      return [
        detail({ id: 'USER', label: 'Employee ID of the user', type: 'TEXT', validation: 'REQUIRED', minLength: 1, maxLength: 20 }),
        date('PREFERRED_UNSUSPEND_DATE', 'Preferred reactivation date', 'OPTIONAL'),
        ...contact(carrier),
      ];
    case transactionType.enum.DEACTIVATE:
      return [
        date('PREFERRED_DEACTIVATION_DATE', 'Preferred deactivation date', 'REQUIRED'),
        detail({
          id: 'Reason', label: 'Reason for deactivation', type: 'CHOICE', validation: 'REQUIRED',
          choices: choices(['LEFT_COMPANY', 'Employee left the company'], ['NO_LONGER_NEEDED', 'Line no longer needed'], ['DUPLICATE', 'Duplicate line']),
        }),
        instructions(),
        ...contact(carrier),
      ];
    case transactionType.enum.UPDATE_FEATURES:
      return [instructions(), ...contact(carrier)];
    case transactionType.enum.SWAP_DEVICES:
      return [
        detail({
          id: 'Reason', label: 'Reason for the swap', type: 'CHOICE', validation: 'REQUIRED',
          choices: choices(['DAMAGED', 'Current device damaged'], ['REPAIR', 'Current device going for repair'], ['PREFERENCE', 'Prefer the other device']),
        }),
        instructions(),
        ...contact(carrier),
      ];
    case transactionType.enum.XFER_SERVICE_OUT:
      return [
        personalEmail('REQUIRED'),
        nameOnInvoice('Name for the new personal account'),
        date('PREFERRED_DEACTIVATION_DATE', 'Last day on the company account', 'OPTIONAL'),
        ...contact(carrier),
      ];
    case transactionType.enum.XFER_SERVICE_IN:
      return [personalNumber(carrier), accountNumber(), nameOnInvoice(), personalEmail('OPTIONAL'), ...contact(carrier)];
    case transactionType.enum.XFER_SERVICE_IN_AND_PORT:
      return [
        personalNumber(carrier),
        detail({ id: 'CURRENT_CARRIER', label: 'Current carrier name', type: 'TEXT', validation: 'REQUIRED', minLength: 2, maxLength: 50 }),
        accountNumber(),
        pinPassword(carrier),
        nameOnInvoice(),
        ...contact(carrier).slice(0, 1),
      ];
  }
}

export function propertyDefinitionRows(tenantId: number, firstId: number) {
  let id = firstId;
  return carriers.flatMap((carrier) =>
    transactionTypes.flatMap((type) =>
      fieldsFor(type, carrier).map((placed, position) => ({
        id: id++,
        tenantId,
        vendorId: carrier.id,
        transactionType: type,
        groupId: placed.groupId,
        position,
        definition: placed.definition as Record<string, unknown>,
        appliesWhen: placed.appliesWhen ?? ('ALWAYS' as const),
      })),
    ),
  );
}

export function acknowledgementSetRows(tenantId: number, firstId: number) {
  let id = firstId;
  return carriers.flatMap((carrier) =>
    ([transactionType.enum.XFER_SERVICE_IN, transactionType.enum.XFER_SERVICE_IN_AND_PORT] as const).map((type) => ({
      id: id++,
      tenantId,
      vendorId: carrier.id,
      transactionType: type,
      infoblocks: [
        {
          header: 'Moving your personal number to the company',
          paragraphs: [
            { text: `Your personal number moves onto the company's ${carrier.name} account. From then on the company pays the monthly plan, and the line is company property.` },
            { text: 'Any balance on your personal account up to the transfer date — including device instalments, early termination fees and unpaid charges — remains yours to settle with your old provider.' },
          ],
        },
        ...(type === transactionType.enum.XFER_SERVICE_IN_AND_PORT
          ? [
              {
                header: 'Porting from another carrier',
                paragraphs: [
                  { text: `Porting the number to ${carrier.name} usually completes within one business day. Calls and data may be interrupted for up to four hours while it happens.` },
                  { text: 'Do not cancel your old account yourself: the port cancels it. Cancelling first releases the number and it cannot be recovered.' },
                ],
              },
            ]
          : []),
      ],
      acknowledgements: [
        { id: 'ACK_PERSONAL_BALANCE', label: 'I remain liable for any balance and fees on my personal account up to the transfer date.', type: 'BOOLEAN', validation: 'REQUIRED' },
        { id: 'ACK_COMPANY_OWNERSHIP', label: 'I understand the number becomes company property and may stay with the company if I leave.', type: 'BOOLEAN', validation: 'REQUIRED' },
        ...(type === transactionType.enum.XFER_SERVICE_IN_AND_PORT
          ? [{ id: 'ACK_SERVICE_INTERRUPTION', label: 'I understand porting may interrupt my service for a few hours.', type: 'BOOLEAN', validation: 'REQUIRED' }]
          : []),
      ],
    })),
  );
}

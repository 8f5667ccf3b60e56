import { describe, expect, it } from 'vitest';
import {
  addressSchema,
  normalizeCalendarDate,
  normalizePostalCode,
  normalizePropertyText,
  postalCodeProblem,
  postalCodeSchema,
  propertiesSchema,
  type AddressComponentDefinition,
  type PropertyGroupDefinition,
} from './dynamic.ts';

const definitions: PropertyGroupDefinition[] = [
  {
    groupId: 'ORDER_DETAILS',
    fields: [
      { id: 'WHEN', label: 'Preferred date', type: 'DATE', validation: 'REQUIRED', pattern: 'mm/dd/yyyy' },
      {
        id: 'Reason',
        label: 'Reason',
        type: 'CHOICE',
        validation: 'REQUIRED',
        choices: [
          { id: 'A', label: 'Because', isOther: false },
          { id: 'OTHER', label: 'Other', isOther: true },
        ],
      },
      { id: 'NOTE', label: 'Note', type: 'TEXT', validation: 'OPTIONAL', maxLength: 5 },
    ],
  },
  {
    groupId: 'CONTACT',
    fields: [{ id: 'PHONE', label: 'Phone', type: 'TEXT', validation: 'REQUIRED', minLength: 3, maxLength: 8, regEx: '\\d+' }],
  },
];

type Value = { id: string; text?: string; date?: string; choice?: { id: string; otherText?: string } };
const valid = (): { groupId: string; fields: Value[] }[] => [
  { groupId: 'ORDER_DETAILS', fields: [{ id: 'WHEN', date: '2026-12-22' }, { id: 'Reason', choice: { id: 'A' } }] },
  { groupId: 'CONTACT', fields: [{ id: 'PHONE', text: '12345' }] },
];

const issues = (value: unknown) => {
  const result = propertiesSchema(definitions).safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('propertiesSchema', () => {
  it('accepts every required field valid and normalises dates to the wire form', () => {
    const parsed = propertiesSchema(definitions).parse(valid());
    expect(parsed[0]!.fields[0]).toEqual({ id: 'WHEN', type: 'DATE', date: '2026-12-22T00:00:00Z' });
    expect(parsed[0]!.fields[1]).toEqual({ id: 'Reason', type: 'CHOICE', choice: { id: 'A' } });
  });

  it('names each problem by its path, all at once', () => {
    const body = valid();
    body[0]!.fields[0] = { id: 'WHEN', date: '2026-02-30' };
    body[0]!.fields[1] = { id: 'Reason', choice: { id: 'OTHER' } };
    body[1]!.fields[0] = { id: 'PHONE', text: '12a45' };
    expect(issues(body)).toEqual(['0.fields.0.date', '0.fields.1.choice.otherText', '1.fields.0.text']);
  });

  it('requires required fields, refuses unknown ids and groups, and checks lengths', () => {
    expect(issues([valid()[0]])).toEqual(['']);
    expect(issues([valid()[0], { groupId: 'CONTACT', fields: [] }])).toEqual(['1.fields']);
    expect(issues([...valid(), { groupId: 'NOPE', fields: [] }])).toEqual(['2.groupId']);
    const unknown = valid();
    unknown[1]!.fields.push({ id: 'FAX', text: '1' });
    expect(issues(unknown)).toEqual(['1.fields.1.id']);
    const long = valid();
    long[0]!.fields.push({ id: 'NOTE', text: 'toolong' });
    expect(issues(long)).toEqual(['0.fields.2.text']);
    const short = valid();
    short[1]!.fields[0] = { id: 'PHONE', text: '12' };
    expect(issues(short)).toEqual(['1.fields.0.text']);
  });

  it('matches regEx against the whole value', () => {
    const partial = valid();
    partial[1]!.fields[0] = { id: 'PHONE', text: '123x45' };
    expect(issues(partial)).toEqual(['1.fields.0.text']);
  });

  it('checks and answers a value trimmed and without separators when its regEx takes digits only, never cut', () => {
    const written = valid();
    written[1]!.fields[0] = { id: 'PHONE', text: ' (123) 45-67 ' };
    expect(issues(written)).toEqual([]);
    expect(propertiesSchema(definitions).parse(written)[1]!.fields[0]).toEqual({ id: 'PHONE', type: 'TEXT', text: '1234567' });
    const tooLong = valid();
    tooLong[1]!.fields[0] = { id: 'PHONE', text: '123-456-789' };
    expect(issues(tooLong)).toEqual(['1.fields.0.text']);
  });

  it('keeps otherText only for the isOther choice', () => {
    const body = valid();
    body[0]!.fields[1] = { id: 'Reason', choice: { id: 'OTHER', otherText: ' Moving ' } };
    expect(propertiesSchema(definitions).parse(body)[0]!.fields[1]).toEqual({ id: 'Reason', type: 'CHOICE', choice: { id: 'OTHER', otherText: 'Moving' } });
    body[0]!.fields[1] = { id: 'Reason', choice: { id: 'A', otherText: 'ignored' } };
    expect(propertiesSchema(definitions).parse(body)[0]!.fields[1]).toEqual({ id: 'Reason', type: 'CHOICE', choice: { id: 'A' } });
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-12-22', '2026-12-22T00:00:00Z'],
    ['2026-12-22T00:00:00Z', '2026-12-22T00:00:00Z'],
    ['2028-02-29', '2028-02-29T00:00:00Z'],
    ['2026-02-29', null],
    ['2026-12-22T00:00:00+00:00', '2026-12-22T00:00:00Z'],
    ['2026-12-22T00:00:00-05:00', '2026-12-22T00:00:00Z'],
    ['2026-12-22T00:00:00+0530', '2026-12-22T00:00:00Z'],
    ['2026-12-22T10:00:00Z', null],
    ['2026-12-22T10:00:00+00:00', null],
    ['2026-12-22T00:00:00', null],
    ['2026-12-22T00:00:00+24:00', null],
    ['12/22/2026', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCalendarDate(input)).toBe(expected);
  });
});

const usFormat: AddressComponentDefinition[] = [
  { id: 'LINE_1', label: 'Street address', validation: 'REQUIRED', minLength: 1, maxLength: 100 },
  { id: 'CITY', label: 'City', validation: 'REQUIRED', minLength: 1, maxLength: 50 },
  { id: 'STATE', label: 'State', validation: 'REQUIRED', options: [{ label: 'Washington', value: 'WA' }, { label: 'Oregon', value: 'OR' }] },
  { id: 'POSTAL_CODE', label: 'ZIP code', validation: 'REQUIRED', regEx: '^\\d{5}(-\\d{4})?$' },
];

describe('addressSchema', () => {
  const address = [
    { id: 'POSTAL_CODE', value: '98101' },
    { id: 'LINE_1', value: '1 Main St' },
    { id: 'CITY', value: 'Seattle' },
    { id: 'STATE', value: 'washington' },
  ];

  it('accepts a state by label, stores its value, and orders the lines as the format does', () => {
    expect(addressSchema(usFormat).parse(address)).toEqual([
      { id: 'LINE_1', value: '1 Main St' },
      { id: 'CITY', value: 'Seattle' },
      { id: 'STATE', value: 'WA' },
      { id: 'POSTAL_CODE', value: '98101' },
    ]);
  });

  it('reports every problem with its index', () => {
    const result = addressSchema(usFormat).safeParse([
      { id: 'POSTAL_CODE', value: '9810' },
      { id: 'LINE_1', value: '' },
      { id: 'STATE', value: 'Texas' },
      { id: 'PLANET', value: 'Earth' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['0.value', '1.value', '2.value', '3.id', '']);
  });
});

describe('normalising what people write', () => {
  const digits10 = { regEx: '^[2-9]\\d{2}[2-9]\\d{6}$' };
  it.each(['(206) 555-0142', '206-555-0142', '206.555.0142', '+1-206-555-0142', '1 206 555 0142', ' 2065550142 ', '206\u2013555\u20130142'])(
    'a ten-digit number written %j',
    (written) => expect(normalizePropertyText(digits10, written)).toBe('2065550142'),
  );
  it('keeps a value its regEx already takes, and one no candidate fits, only trimmed', () => {
    expect(normalizePropertyText({ regEx: '^\\+?(?:\\d ?){9,14}\\d$' }, ' +1 206 555 0142 ')).toBe('+1 206 555 0142');
    expect(normalizePropertyText(digits10, ' 206 CALL NOW ')).toBe('206 CALL NOW');
    expect(normalizePropertyText({}, '  Taylor  ')).toBe('Taylor');
  });
  it.each([
    ['US', '981011234', '98101-1234'],
    ['US', '98101 1234', '98101-1234'],
    ['US', ' 98101 ', '98101'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['CA', 'K1A-0B1', 'K1A 0B1'],
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'M11AE', 'M1 1AE'],
    ['FR', ' 75001 ', '75001'],
    [undefined, 'k1a 0b1', 'K1A 0B1'],
  ])('a %s postal code written %j is %j', (country, written, normalized) => expect(normalizePostalCode(country, written)).toBe(normalized));
});

describe('postal codes', () => {
  const region = { postalCodeRegEx: '^[A-Z]\\d[A-Z] ?\\d[A-Z]\\d$', addressFormat: [{ id: 'POSTAL_CODE', label: 'Postal code', validation: 'REQUIRED' as const }] };
  it('are required when the address format requires them and must match in full', () => {
    expect(postalCodeProblem(region, undefined)).toMatch(/required/);
    expect(postalCodeProblem(region, 'K1A 0B1')).toBeNull();
    expect(postalCodeProblem(region, 'k1a 0b1')).toBeNull();
    expect(postalCodeProblem(region, 'K1A 0B1 extra')).toMatch(/not a valid/);
    expect(postalCodeProblem({ addressFormat: [] }, undefined)).toBeNull();
  });
  it('the schema upper-cases what only matches in upper case', () => {
    expect(postalCodeSchema(region).parse('k1a 0b1')).toBe('K1A 0B1');
  });
});

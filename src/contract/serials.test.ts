import { describe, expect, it } from 'vitest';
import { isLuhnValid, serialNumber, simId } from './serials.ts';

describe('serial numbers', () => {
  it('checks the Luhn digit of an IMEI', () => {
    expect(isLuhnValid('490154203237518')).toBe(true);
    expect(isLuhnValid('490154203237517')).toBe(false);
    expect(isLuhnValid('49015420323751A')).toBe(false);
  });

  it.each([
    ['IMEI', '490154203237518', true],
    ['IMEI', '49-015420-323751-8', true],
    ['IMEI', '49015420323751', false],
    ['IMEI', '490154203237517', false],
    ['MEID', 'A10000009296F2', true],
    ['MEID', 'a10000009296f2', true],
    ['MEID', 'A10000009296G2', false],
    ['MEID', 'A10000009296F', false],
    ['ESN', '9F2A11C0', true],
    ['ESN', '80312345678', true],
    ['ESN', '9F2A11C', false],
    ['ESN', '8031234567A', false],
    ['CAP_CODE', 'anything at all', true],
    ['PIN', 'P-1', true],
    ['MSN', 'MSN 42', true],
    ['UNKNOWN', '   ', false],
  ] as const)('%s %s → %s', (type, value, valid) => {
    const result = serialNumber.safeParse({ type, value });
    expect(result.success).toBe(valid);
    if (!result.success) expect(result.error.issues[0]!.path).toEqual(['value']);
  });

  it('stores IMEIs without separators and MEIDs in upper case', () => {
    expect(serialNumber.parse({ type: 'IMEI', value: ' 49 015420 323751 8 ' }).value).toBe('490154203237518');
    expect(serialNumber.parse({ type: 'MEID', value: 'a1000000 9296f2' }).value).toBe('A10000009296F2');
  });

  it('refuses unknown serial types', () => {
    expect(serialNumber.safeParse({ type: 'SERIAL', value: '1' }).success).toBe(false);
  });
});

describe('SIM ids (ICCID)', () => {
  it.each([
    ['8901260012345678901', true],
    ['89012600123456789012', true],
    ['8901 2600 1234 5678 901', true],
    ['890126001234567890', false],
    ['890126001234567890123', false],
    ['89012600123456789O1', false],
  ])('%s → %s', (value, valid) => {
    expect(simId.safeParse(value).success).toBe(valid);
  });

  it('drops spaces', () => {
    expect(simId.parse('8901 2600 1234 5678 901')).toBe('8901260012345678901');
  });
});

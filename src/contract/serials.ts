import { z } from 'zod';
// Every contract module installs the plain-words messages, whichever one a client imports first.
import './messages.ts';

/** Serial number types of MOBPROC §4.2; the first three have a checkable format. */
export const serialNumberTypes = ['IMEI', 'MEID', 'ESN', 'CAP_CODE', 'PIN', 'MSN', 'UNKNOWN'] as const;
export const serialNumberType = z.enum(serialNumberTypes).meta({ id: 'SerialNumberType' });
export type SerialNumberType = z.infer<typeof serialNumberType>;

/** The Luhn check digit to append to a string of digits (IMEI, ICCID). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // Double every second digit counted from the right of the full number (check digit included).
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Luhn (mod 10) check over a string of digits; the last digit is the check digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** People copy IMEIs and MEIDs with spaces or dashes; those are dropped before checking. */
export function normalizeSerialNumber(type: SerialNumberType, value: string): string {
  const trimmed = value.trim();
  if (type === 'IMEI' || type === 'ESN') return trimmed.replace(/[\s-]/g, '');
  if (type === 'MEID') return trimmed.replace(/[\s-]/g, '').toUpperCase();
  return trimmed;
}

/** Why a (normalized) serial number is not valid for its type, or null when it is. */
export function serialNumberProblem(type: SerialNumberType, value: string): string | null {
  switch (type) {
    case 'IMEI':
      if (!/^\d{15}$/.test(value)) return 'An IMEI has exactly 15 digits.';
      return isLuhnValid(value) ? null : 'This IMEI is not valid: its last digit (the check digit) does not match.';
    case 'MEID':
      return /^[0-9A-F]{14}$/.test(value) ? null : 'An MEID has exactly 14 hexadecimal characters (0–9, A–F).';
    case 'ESN':
      return /^([0-9A-Fa-f]{8}|\d{11})$/.test(value)
        ? null
        : 'An ESN has 8 hexadecimal characters or 11 digits.';
    default:
      return value.length > 0 ? null : 'Enter the serial number.';
  }
}

export const serialNumber = z
  .object({ type: serialNumberType, value: z.string().max(64) })
  .transform((serial, ctx) => {
    const value = normalizeSerialNumber(serial.type, serial.value);
    const problem = serialNumberProblem(serial.type, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
    return { type: serial.type, value };
  })
  .meta({ id: 'SerialNumber' });
export type SerialNumber = z.output<typeof serialNumber>;

/** A SIM's ICCID: 19–20 digits. Spaces are allowed on input and dropped. */
export function normalizeSimId(value: string): string {
  return value.replace(/\s+/g, '');
}

export function simIdProblem(value: string): string | null {
  return /^\d{19,20}$/.test(value) ? null : 'A SIM ID (ICCID) has 19 or 20 digits.';
}

export const simId = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const normalized = normalizeSimId(value);
    const problem = simIdProblem(normalized);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    return normalized;
  });

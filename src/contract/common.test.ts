import { describe, expect, it } from 'vitest';
import { transactionType, withArticle } from './index.ts';

describe('withArticle', () => {
  it('puts "an" before a vowel sound, "a" before a consonant sound', () => {
    expect(['UPGRADE', 'UNSUSPEND', 'XFER_SERVICE_IN', 'ACTIVE', 'ORDER_ACCESSORIES', 'iPhone 16 Pro', 'INACTIVE'].map(withArticle)).toEqual([
      'an UPGRADE', 'an UNSUSPEND', 'an XFER_SERVICE_IN', 'an ACTIVE', 'an ORDER_ACCESSORIES', 'an iPhone 16 Pro', 'an INACTIVE',
    ]);
    expect(['SUSPEND', 'NEW_ACTIVATION', 'Pixel 9', 'USB-C charger', 'unit', 'one-off', 'DATE', 'TEXT', 'CHOICE'].map(withArticle)).toEqual([
      'a SUSPEND', 'a NEW_ACTIVATION', 'a Pixel 9', 'a USB-C charger', 'a unit', 'a one-off', 'a DATE', 'a TEXT', 'a CHOICE',
    ]);
  });

  it('gives every transaction type the article its first sound takes', () => {
    const vowelSound = new Set(['UPGRADE', 'ORDER_ACCESSORIES', 'UNSUSPEND', 'UPDATE_FEATURES', 'XFER_SERVICE_OUT', 'XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT']);
    for (const type of transactionType.options) expect(withArticle(type)).toBe(`${vowelSound.has(type) ? 'an' : 'a'} ${type}`);
  });
});

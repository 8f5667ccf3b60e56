import { describe, expect, it } from 'vitest';
import { foldForSearch } from './search-fold.ts';

describe('the search fold', () => {
  it('folds case beyond ASCII, including the letters whose capitals are two letters', () => {
    expect(foldForSearch('ÉMILE ØSTERGAARD ÇELIK')).toBe('émile østergaard çelik');
    for (const text of ['Straße', 'STRASSE', 'STRAẞE', 'strasse']) expect(foldForSearch(text), text).toBe('strasse');
    // A final sigma is any sigma: "ΟΔΟΣ" typed in capitals finds "Οδός" and a sigma inside a word.
    expect(foldForSearch('ΟΔΟΣ')).toBe(foldForSearch('οδοσ'));
    expect(foldForSearch('Οδός')).toBe('οδόσ');
  });

  it('composes what phones type decomposed, and reads full-width digits and ligatures as plain ones', () => {
    expect(foldForSearch('E\u0301mile')).toBe(foldForSearch('Émile'));
    expect([...foldForSearch('e\u0301')]).toHaveLength(1);
    expect(foldForSearch('２０６-５５５')).toBe('206-555');
    expect(foldForSearch('ﬁne')).toBe('fine');
  });

  it('changes ASCII only by lower-casing it, so SQL lower() folds numbers, serials and e-mails alike', () => {
    const ascii = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
    expect(foldForSearch(ascii)).toBe(ascii.replace(/[A-Z]/g, (letter) => letter.toLowerCase()));
  });

  it('reads the dotted and the dotless i as one letter, so a Turkish name is found typed in any case', () => {
    // Locale-free lower-casing writes İ as i + U+0307; "ismail" and "ISMAIL" then missed "İsmail".
    for (const text of ['İsmail', 'İSMAİL', 'ISMAIL', 'ismail', 'ıSMAıL']) expect(foldForSearch(text), text).toBe('ismail');
    expect([...foldForSearch('İ')]).toHaveLength(1);
    expect(foldForSearch('Işık')).toBe('işik');
  });

  it('gives the same text when applied twice', () => {
    for (const text of ['Straße', 'İstanbul', 'ΟΔΟΣ', 'ŉ', 'Ǆemal', 'ﬃ', 'E\u0301\u0323']) expect(foldForSearch(foldForSearch(text)), text).toBe(foldForSearch(text));
  });
});

/**
 * The date parser tests a phrase's shape before asking date-fns (src/core/text/dates.ts): that is
 * only a saving if every string date-fns accepts for a format has the format's shape. Checked here
 * against date-fns itself on phrases built from every month spelling news copy uses and the edge
 * cases date-fns's en-US parser has (a one-letter month, ordinals, out-of-range days, short and long
 * years, other separators).
 */
import { isValid, parse } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_FORMATS, formatShape, parseAbsoluteDate, resolveDatePhrase, YEARLESS_FORMATS } from '../../src/core/text/dates';

const MONTHS = ['Jan', 'January', 'jan', 'JANUARY', 'Feb', 'February', 'Mar', 'March', 'May', 'Sep', 'Sept', 'September', 'Dec', 'December', 'J', 'M', 'Marchx', 'Ja', 'Foo', 'Friday'];
const DAYS = ['0', '1', '01', '9', '24th', '29', '2nd', '31', '32', '99', '100', '1st'];
const YEARS = ['', '0', '26', '999', '1000', '2026', '20265'];
const JOINS = [(m: string, d: string, y: string) => `${m} ${d}${y ? `, ${y}` : ''}`, (m: string, d: string, y: string) => `${m}. ${d}${y ? `, ${y}` : ''}`, (m: string, d: string, y: string) => `${d} ${m}${y ? ` ${y}` : ''}`, (m: string, _d: string, y: string) => `${m} ${y}`.trim(), (m: string, d: string, y: string) => `${m} ${d} ${y}`.trim()];
const phrases = [
  ...new Set([
    ...MONTHS.flatMap((m) => DAYS.flatMap((d) => YEARS.flatMap((y) => JOINS.map((j) => j(m, d, y))))),
    ...['2026-01-29', '2026-1-9', '2026-13-01', '2026-02-30', '2024-02-29', '2026-01', '2026', '26', '02026', '2026 ', 'Mar. 2022', 'Christmas', ''],
  ]),
];

describe('format shapes', () => {
  it('every phrase date-fns parses with a format has that format’s shape', () => {
    let parsed = 0;
    let spared = 0;
    for (const [format] of [...ABSOLUTE_FORMATS, ...YEARLESS_FORMATS]) {
      const shape = formatShape(format);
      for (const p of phrases) {
        const ok = isValid(parse(p, format, new Date(2000, 0, 1)));
        if (ok) {
          parsed++;
          expect(shape.test(p), `${format} parses "${p}" but its shape refuses it`).toBe(true);
        } else if (!shape.test(p)) spared++;
      }
    }
    // Not vacuous: many phrases parse, and most failures are spared the parse.
    expect(parsed).toBeGreaterThan(1000);
    expect(spared).toBeGreaterThan(parsed);
  });

  it('a repeated phrase gives the same answer and a fresh object each time', () => {
    const a = parseAbsoluteDate('Jan 29, 2026');
    const b = parseAbsoluteDate('Jan 29, 2026');
    expect(a).toEqual({ date: '2026-01-29', precision: 'day' });
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    const ref = new Date(2026, 1, 4, 12);
    expect(resolveDatePhrase('Friday', ref, 'past')).toEqual({ date: '2026-01-30', precision: 'day' });
    expect(resolveDatePhrase('Friday', ref, 'future')).toEqual({ date: '2026-02-06', precision: 'day' });
    expect(resolveDatePhrase('Friday', new Date(2026, 2, 4, 12), 'past')).toEqual({ date: '2026-02-27', precision: 'day' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseAbsoluteDate, resolveDatePhrase } from '../../src/core/text/dates';

const day = (date: string) => ({ date, precision: 'day' });
const month = (date: string) => ({ date, precision: 'month' });
const year = (date: string) => ({ date, precision: 'year' });

// Reference dates at local noon, so that the calendar day is the same in every time zone.
const FRI_2025_12_26 = new Date(2025, 11, 26, 12);
const MON_2026_01_05 = new Date(2026, 0, 5, 12);
const WED_2025_12_24 = new Date(2025, 11, 24, 12);

describe('parseAbsoluteDate', () => {
  it.each([
    ['Jan 29, 2026', day('2026-01-29')],
    ['January 29, 2026', day('2026-01-29')],
    ['Jan. 29, 2026', day('2026-01-29')],
    ['December 24th, 2025', day('2025-12-24')],
    ['Dec 1st, 2025', day('2025-12-01')],
    ['24 December 2025', day('2025-12-24')],
    ['24 Dec 2025', day('2025-12-24')],
    ['2026-02-04', day('2026-02-04')],
    ['2026\u201102\u201104', day('2026-02-04')], // non-breaking hyphens
    ['  Jan   29,  2026 ', day('2026-01-29')],
    ['Feb 29, 2024', day('2024-02-29')],
    ['Mar 2022', month('2022-03')],
    ['March 2022', month('2022-03')],
    ['Mar. 2022', month('2022-03')],
    ['May 2025', month('2025-05')],
    ['2022-03', month('2022-03')],
    ['1995', year('1995')],
  ])('%j → %j', (input, expected) => {
    expect(parseAbsoluteDate(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['Friday', 'a weekday'],
    ['Jan 29', 'no year'],
    ['Feb 29, 2025', 'not a leap year'],
    ['Feb 30, 2026', 'no such day'],
    ['2026-02-30', 'no such day'],
    ['2022-13', 'no such month'],
    ['0999', 'a year before 1000'],
    ['12345', 'five digits'],
    ['Jan 15, 2026 extra', 'trailing words'],
    ['Feb 2\u20133, 2026', 'a range'],
    ['Earlier this week', 'words'],
  ])('%j (%s) → null', (input) => {
    expect(parseAbsoluteDate(input)).toBeNull();
  });

  it('reads the AP-style abbreviation "Sept."', () => {
    expect(parseAbsoluteDate('Sept. 5, 2025')).toEqual(day('2025-09-05'));
  });
});

describe('resolveDatePhrase', () => {
  it('returns absolute dates as they are, with or without a reference', () => {
    expect(resolveDatePhrase('Jan 29, 2026', undefined)).toEqual(day('2026-01-29'));
    expect(resolveDatePhrase('Dec. 25, 2021', FRI_2025_12_26)).toEqual(day('2021-12-25'));
    expect(resolveDatePhrase('1991', FRI_2025_12_26, 'future')).toEqual(year('1991'));
  });

  it('drops qualifiers around an absolute date', () => {
    expect(resolveDatePhrase('early March 2020', undefined)).toEqual(month('2020-03'));
    expect(resolveDatePhrase('late 2024', undefined)).toEqual(year('2024'));
    expect(resolveDatePhrase('In 2024', undefined)).toEqual(year('2024'));
  });

  it.each([
    ['Dec. 19', 'past', day('2025-12-19'), MON_2026_01_05],
    ['Dec. 19', 'future', day('2026-12-19'), MON_2026_01_05],
    ['Jan 7', 'past', day('2025-01-07'), FRI_2025_12_26],
    ['Jan 7', 'future', day('2026-01-07'), FRI_2025_12_26],
    ['December 14', 'past', day('2025-12-14'), WED_2025_12_24],
    ['Week of January 7', 'future', day('2026-01-07'), FRI_2025_12_26],
    ['January', 'past', month('2025-01'), FRI_2025_12_26],
    ['January (expected)', 'future', month('2026-01'), FRI_2025_12_26],
    ['November', 'past', month('2025-11'), FRI_2025_12_26],
    ['October and November', 'past', month('2025-10'), FRI_2025_12_26],
    ['April\u2013June quarter', 'past', month('2025-04'), WED_2025_12_24],
  ] as const)('yearless %j (%s) → %j', (input, direction, expected, ref) => {
    expect(resolveDatePhrase(input, ref, direction)).toEqual(expected);
  });

  it('places a yearless date on the reference day itself in either direction', () => {
    expect(resolveDatePhrase('Dec 26', FRI_2025_12_26, 'past')).toEqual(day('2025-12-26'));
    expect(resolveDatePhrase('Dec 26', FRI_2025_12_26, 'future')).toEqual(day('2025-12-26'));
  });

  it.each([
    ['Friday', 'past', '2025-12-26'], // the reference day itself
    ['Friday', 'future', '2025-12-26'],
    ['Thursday morning', 'past', '2025-12-25'],
    ['Monday', 'past', '2025-12-22'],
    ['Monday', 'future', '2025-12-29'],
    ['Saturday', 'past', '2025-12-20'],
    ['Sunday', 'future', '2025-12-28'],
    ['wednesday', 'past', '2025-12-24'],
  ] as const)('weekday %j (%s) from Friday 2025-12-26 → %s', (input, direction, expected) => {
    expect(resolveDatePhrase(input, FRI_2025_12_26, direction)).toEqual(day(expected));
  });

  it('defaults to the past', () => {
    expect(resolveDatePhrase('Monday', FRI_2025_12_26)).toEqual(day('2025-12-22'));
    expect(resolveDatePhrase('Jan 7', FRI_2025_12_26)).toEqual(day('2025-01-07'));
  });

  it.each([
    ['Christmas Day', 'past', '2025-12-25', FRI_2025_12_26],
    ['Christmas morning', 'past', '2025-12-25', FRI_2025_12_26],
    ['Christmas Eve', 'past', '2025-12-24', MON_2026_01_05],
    ['Christmas', 'future', '2026-12-25', FRI_2025_12_26],
    ['Boxing Day', 'past', '2025-12-26', FRI_2025_12_26],
    ['New Year\u2019s Day', 'future', '2026-01-01', FRI_2025_12_26],
    ["New Year's Day", 'past', '2025-01-01', FRI_2025_12_26],
    ["New Year's Eve", 'past', '2025-12-31', MON_2026_01_05],
  ] as const)('holiday %j (%s) → %s', (input, direction, expected, ref) => {
    expect(resolveDatePhrase(input, ref, direction)).toEqual(day(expected));
  });

  it('keeps the year a holiday is given with', () => {
    expect(resolveDatePhrase('Christmas Day 2024', FRI_2025_12_26)).toEqual(day('2024-12-25'));
  });

  it.each(['Earlier this week', 'Someday', '', 'Fridays', 'Mayday', 'Decades ago', 'Later'])('%j → null', (input) => {
    expect(resolveDatePhrase(input, FRI_2025_12_26)).toBeNull();
    expect(resolveDatePhrase(input, FRI_2025_12_26, 'future')).toBeNull();
  });

  it('returns null for relative phrases without a usable reference date', () => {
    expect(resolveDatePhrase('Dec. 19', undefined)).toBeNull();
    expect(resolveDatePhrase('Friday', undefined)).toBeNull();
    expect(resolveDatePhrase('Christmas Day', undefined)).toBeNull();
    expect(resolveDatePhrase('Friday', new Date(Number.NaN))).toBeNull();
  });
});

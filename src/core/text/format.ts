/** Display forms for dates at their precision: "2022", "Mar 2022", "Jan 29, 2026". */
import type { Precision } from './precision';

export function formatDate(date: string | null, precision: Precision | null, locale = 'en-US', label?: string): string {
  if (date === null || precision === null) return label ?? 'Undated';
  const [y, m, d] = date.split('-').map(Number);
  const when = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const opts: Intl.DateTimeFormatOptions =
    precision === 'year' ? { year: 'numeric' } : precision === 'month' ? { year: 'numeric', month: 'short' } : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' }).format(when);
}

/** The key a timeline sorts on: dated entries by date (a month before its days), undated last. */
export function dateSortKey(date: string | null): string {
  return date ?? '\uffff';
}

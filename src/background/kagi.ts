/**
 * Kagi News in the extension: where its stories come from (one origin per category, the same the
 * CLI's `storylens kagi` uses), when the next refresh runs (after the daily publication, with
 * jitter, and backoff after failures), and the host permission its fetches need. The sync itself
 * is LibraryService.syncKagi; the alarm is wired in index.ts.
 */
import { kagiBase } from '../core/feeds/kagi-news';
import { feedOrigin, type Origin } from '../core/library/ownership';
import type { Browser } from './browser';

/** The alarm that refreshes Kagi News. */
export const KAGI_ALARM = 'storylens-kagi';

/**
 * Kagi publishes the day's edition around 12:00 UTC (issue 12; the dev editions' timestamps are
 * 12:00 UTC). The refresh waits half an hour past it for a late edition, then up to an hour more,
 * drawn at random per reader, so that readers do not all ask at the same minute.
 */
export const KAGI_PUBLISHED_UTC_HOUR = 12;
export const KAGI_SETTLE_MINUTES = 30;
export const KAGI_JITTER_MINUTES = 60;
/** Backoff after a failed run: 15 minutes, doubling, at most 6 hours (then the next day's run comes first). */
export const KAGI_BACKOFF_FIRST_MINUTES = 15;
export const KAGI_BACKOFF_MAX_MINUTES = 6 * 60;

const MINUTE = 60_000;

/**
 * When the next refresh is due. After a good run (`failures` 0): the next publication time after
 * `now`, plus the settle time and the jitter. After failures: the backoff (itself jittered by up to
 * a tenth), unless the next publication's refresh comes sooner.
 */
export function nextKagiRun(now: Date, failures: number, random: () => number): Date {
  const published = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), KAGI_PUBLISHED_UTC_HOUR));
  const daily = (day: Date) => day.getTime() + (KAGI_SETTLE_MINUTES + random() * KAGI_JITTER_MINUTES) * MINUTE;
  let next = daily(published);
  if (next <= now.getTime()) next = daily(new Date(published.getTime() + 24 * 60 * MINUTE));
  if (failures <= 0) return new Date(next);
  const backoff = Math.min(KAGI_BACKOFF_FIRST_MINUTES * 2 ** (failures - 1), KAGI_BACKOFF_MAX_MINUTES) * (1 + random() / 10);
  return new Date(Math.min(next, now.getTime() + backoff * MINUTE));
}

/** Where one Kagi category's stories come from, as an origin: the same every day (cli/kagi.ts's kagiOrigin). */
export const kagiOrigin = (base: string, category: string): Origin => feedOrigin(`${kagiBase(base)}#${encodeURIComponent(category.toLowerCase())}`);

/** Does this origin belong to the Kagi source at `base`? */
export const isKagiOrigin = (base: string, origin: string): boolean => origin.startsWith(feedOrigin(`${kagiBase(base)}#`));

/** The host permission Kagi's fetches need, as a match pattern ("https://kite.kagi.com/*"). */
export function kagiHostPattern(base: string): string {
  const u = new URL(kagiBase(base));
  return `${u.protocol}//${u.hostname}/*`;
}

/** Has the reader granted the host permission? (Asked once, from the options page.) */
export async function kagiPermitted(browser: Pick<Browser, 'permissions'>, base: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [kagiHostPattern(base)] });
}

/** Sets the alarm to the next run, or clears it when Kagi News is off. */
export async function scheduleKagi(browser: Pick<Browser, 'alarms'>, view: { enabled: boolean; status: { nextRun: string | null } }): Promise<void> {
  const when = view.status.nextRun === null ? NaN : Date.parse(view.status.nextRun);
  if (view.enabled && Number.isFinite(when)) await browser.alarms.create(KAGI_ALARM, { when: Math.max(when, Date.now() + MINUTE) });
  else await browser.alarms.clear(KAGI_ALARM);
}

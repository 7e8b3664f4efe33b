/**
 * Retention: a story that no origin holds any more (every feed that listed it has stopped, and the
 * reader never imported it) stays for `retentionDays` after it was last listed, then goes; a story
 * the reader follows stays. The clock is passed in. Cost is linear in the unlisted stories only.
 */
import type { StoryRecognizer } from './identity';
import type { Holdings } from './ownership';

export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60_000;

/** A retention period as the reader set it, checked: whole days from 1 to 3,650. */
export function validateRetentionDays(days: number): number {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw new Error(`the retention period must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS.toLocaleString('en-US')}, not ${String(days)}`);
  }
  return days;
}

/** The stories whose retention has run out at `now` (unlisted for longer than the period, not followed). */
export function expiredStories(holdings: Holdings, now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): string[] {
  const limit = now.getTime() - validateRetentionDays(retentionDays) * DAY_MS;
  const out: string[] = [];
  for (const id of holdings.unlistedIds()) {
    const h = holdings.get(id);
    if (!h || h.followed || h.origins.length > 0) continue;
    const since = h.unlistedSince === undefined ? NaN : Date.parse(h.unlistedSince);
    // An unreadable time is kept: nothing is removed on a guess.
    if (Number.isFinite(since) && since <= limit) out.push(id);
  }
  return out.sort();
}

/** Removes expired stories from the holdings and the recogniser; returns their ids for the caller's store. */
export function applyRetention(holdings: Holdings, recognizer: StoryRecognizer, now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): string[] {
  const ids = expiredStories(holdings, now, retentionDays);
  for (const id of ids) {
    holdings.delete(id);
    recognizer.remove(id);
  }
  return ids;
}

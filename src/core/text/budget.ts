/**
 * How much of a story the claim steps read (its statements for the disputes, its passages for Check
 * claim). A story is read in its own order — summary, timeline, sources, perspectives, titles —
 * each text up to `FIELD_READ_LIMIT` characters and the whole up to `STORY_READ_LIMIT`; what lies
 * beyond is not read, and `unreadChars` says how much that is so the caller can record it. Every
 * step is linear, but the background answers the popup while it reads: a story of megabytes (valid,
 * but no one could read it) must not hold it for seconds.
 *
 * The limits, from the dev data (the reference story and the 35 Kagi stories): the longest story has
 * 6,300 characters of prose and its longest text 883. 10,000 characters for one text (a sentence, a
 * timeline entry, a description) is eleven times that, about 1,700 words; 60,000 for a story is
 * about 10,000 words, close to an hour of reading and ten times the longest story. The disputes of
 * so much prose take tens of milliseconds (`npm run bench:library`).
 */
export const FIELD_READ_LIMIT = 10_000;
export const STORY_READ_LIMIT = 60_000;

/** A running count of what has been read of one story. */
export class ReadBudget {
  private left: number;
  constructor() {
    this.left = STORY_READ_LIMIT;
  }

  /** Whether anything is left to read. */
  get spent(): boolean {
    return this.left <= 0;
  }

  /**
   * The part of `text` still within the budget ('' when it is spent), cut at a space when one is
   * near the end so that no word is halved; the budget is charged for it.
   */
  take(text: string): string {
    if (this.left <= 0) return '';
    const room = Math.min(this.left, FIELD_READ_LIMIT);
    if (text.length <= room) {
      this.left -= text.length;
      return text;
    }
    const space = text.lastIndexOf(' ', room);
    const kept = text.slice(0, space > room * 0.9 ? space : room);
    this.left -= kept.length;
    return kept;
  }
}

/** The characters of `texts` a `ReadBudget` leaves unread: 0 when every one is read whole. */
export function unreadChars(texts: Iterable<string>): number {
  const budget = new ReadBudget();
  let unread = 0;
  for (const t of texts) unread += t.length - budget.take(t).length;
  return unread;
}

/**
 * A library that feeds keep up to date: the stories (in any store with get/add/remove, such as
 * `Library`, whose indexes then follow each change), who holds each (ownership.ts) and the
 * recogniser (identity.ts), kept in step. What the CLI's `kagi` command and the benchmark run; the
 * extension's service applies the same `applyListing` over its persistent store.
 */
import type { Story } from '../story/model';
import { StoryRecognizer } from './identity';
import { applyListing, recordImport, type ListingChanges } from './listing';
import { Holdings, type Holding, type Origin } from './ownership';
import { applyRetention, DEFAULT_RETENTION_DAYS } from './retention';

export interface StorySink {
  get(id: string): Story | undefined;
  add(story: Story): void;
  remove(id: string): boolean | void;
}

export class LivingLibrary {
  readonly recognizer: StoryRecognizer;
  readonly holdings: Holdings;

  /**
   * `holdings` as recorded; a story without a recorded holding is the reader's (an import), so a
   * library whose records are lost is never pruned or overwritten by a feed. Holdings of stories the
   * store does not have are dropped.
   */
  constructor(
    readonly stories: StorySink & { stories(): Iterable<Story> },
    holdings: Iterable<[string, Holding]> = [],
  ) {
    const all = [...stories.stories()];
    this.recognizer = new StoryRecognizer(all);
    const recorded = new Map(holdings);
    this.holdings = new Holdings();
    for (const s of all) this.holdings.set(s.id, recorded.get(s.id) ?? { origins: ['import'] });
  }

  /** A feed's current listing, merged in (see listing.ts); the store is updated. */
  applyListing(origin: Origin, listing: readonly Story[], now: Date): ListingChanges {
    const changes = applyListing(this.stories, this.recognizer, this.holdings, origin, listing, now);
    for (const s of changes.put) this.stories.add(s);
    return changes;
  }

  /** The reader's import (theirs as given). */
  import(stories: readonly Story[], now: Date): void {
    recordImport(this.recognizer, this.holdings, stories, now);
    for (const s of stories) this.stories.add(s);
  }

  /** Removes the stories whose retention ran out; returns their ids. */
  expire(now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): string[] {
    const ids = applyRetention(this.holdings, this.recognizer, now, retentionDays);
    for (const id of ids) this.stories.remove(id);
    return ids;
  }

  follow(id: string, followed: boolean, now: Date): Holding | undefined {
    const h = this.holdings.get(id);
    if (!h) return undefined;
    this.holdings.set(id, { ...h, followed, lastSeen: now.toISOString() });
    return this.holdings.get(id);
  }
}

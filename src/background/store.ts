/**
 * The library on disk: IndexedDB through `idb`. Stories, fact-check records, feeds and settings,
 * with versioned migrations. Every change that touches several records is one transaction, so a
 * failure (a quota error, the service worker stopped mid-write) leaves the library as it was.
 *
 * Each story is stored with its holding (core/library/ownership.ts): the origins that hold it
 * (builtin / import / feed:URL), when it last changed and since when no origin lists it, so
 * identity, ownership and retention (core/library/living.ts's rules) survive a restart.
 *
 * The built-in reference story is not stored: it ships in the bundle. A reader who deletes it only
 * hides it (a setting), and can restore it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FactCheck } from '../core/claims/factchecks';
import { feedOrigin, type Holding, type Origin } from '../core/library/ownership';
import { DEFAULT_RETENTION_DAYS } from '../core/library/retention';
import type { Story } from '../core/story/model';

export interface FeedRecord {
  url: string;
  /** What the feed serves, as last seen. */
  kind: 'stories' | 'factchecks' | 'unknown';
  title?: string;
  etag?: string;
  lastModified?: string;
  lastAttempt?: string;
  lastSuccess?: string;
  /** The last error, shown to the reader; cleared by a good sync. */
  error?: string;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** Not before this time (ISO), after failures. */
  nextAttempt?: string;
  /** Ids of the stories this feed holds (its last good listing) and of the records it supplied. */
  storyIds: string[];
  factCheckIds: string[];
}

export interface Settings {
  /** Minutes between feed refreshes. */
  refreshMinutes: number;
  hiddenBuiltins: string[];
}

export const DEFAULT_SETTINGS: Settings = { refreshMinutes: 180, hiddenBuiltins: [] };

/** Stories a request when the library is read at a worker's start (stories()). */
export const STORY_BATCH = 500;

/** A story as stored, with who holds it (ownership.ts): its origins as a set, never one string. */
export interface StoredStory {
  story: Story;
  holding: Holding;
  /** ISO time it was first stored. */
  added: string;
}

/** The version-1 record: one origin string ('import' or a feed URL). Read only by the upgrade. */
interface StoredStoryV1 {
  story: Story;
  origin: string;
  added?: string;
}

/** Kagi News, as the reader set it up (settings store, key `kagi`). */
export interface KagiSettings {
  /** Opted in: nothing is fetched before. */
  enabled: boolean;
  /** Category names as kite.json lists them. */
  categories: string[];
  /** Days an unlisted story stays (retention.ts). */
  retentionDays: number;
}

/** One Kagi category's sync status. */
export interface KagiCategoryState {
  lastAttempt?: string;
  lastSuccess?: string;
  /** Stories in the category's last good edition. */
  stories: number;
  error?: string;
}

/** Kagi News's sync status (settings store, key `kagi.status`), written with each category's stories. */
export interface KagiState {
  lastAttempt?: string;
  lastSuccess?: string;
  error?: string;
  /** Consecutive failed runs, for backoff. */
  failures: number;
  /** When the next refresh is due (ISO). */
  nextRun?: string;
  categories: Record<string, KagiCategoryState>;
}

export const DEFAULT_KAGI: KagiSettings = { enabled: false, categories: [], retentionDays: DEFAULT_RETENTION_DAYS };
export const EMPTY_KAGI_STATE: KagiState = { failures: 0, categories: {} };

interface Schema extends DBSchema {
  stories: { key: string; value: StoredStory };
  factchecks: { key: string; value: { record: FactCheck; origin: string } };
  feeds: { key: string; value: FeedRecord };
  settings: { key: string; value: unknown };
}

export const DB_NAME = 'storylens';
/** 2: a story's origin became its holding (origins as a set, retention times). */
export const DB_VERSION = 2;

/** Storage errors in words a reader can act on. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

function explain(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return new StoreError('The browser has no room left for Storylens’s library. Remove some stories or feeds and try again; nothing was changed.');
  if (name === 'VersionError') return new StoreError('The library was written by a newer version of Storylens. Update the extension.');
  return new StoreError(`The library could not be saved: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
}

/**
 * A version-1 record's holding. Its origin string becomes a set: 'import' (or anything unknown,
 * which is then the reader's and never pruned) is the import origin; a feed URL is that feed, plus
 * every other feed whose last listing held the id (the old model passed a shared story from feed
 * to feed, so each of them holds it). A feed story whose feed is gone is held by no origin: it is
 * unlisted from the upgrade (`at`) and goes after the retention period.
 */
export function holdingFromV1(record: StoredStoryV1, listedBy: ReadonlyMap<string, readonly string[]>, feeds: ReadonlySet<string>, at: Date): Holding {
  const lastUpdated = record.added ? { lastUpdated: record.added } : {};
  if (!/^https?:/i.test(record.origin)) return { origins: ['import'], ...lastUpdated };
  const urls = [record.origin, ...(listedBy.get(record.story.id) ?? [])].filter((u) => feeds.has(u));
  const origins: Origin[] = [...new Set(urls.map(feedOrigin))].sort();
  return { origins, ...lastUpdated, ...(origins.length === 0 ? { unlistedSince: at.toISOString() } : {}) };
}

/** What one change to the library writes, all in one transaction. */
export interface LibraryWrite {
  /**
   * Stories to put (added or changed), each with its holding. `stored: false` says the caller knows
   * the story is not stored (a new id): its record is written without reading the one it replaces
   * for the time it was first stored (an import of 10,000 new stories skips 10,000 reads).
   */
  put?: readonly { story: Story; holding: Holding; stored?: false }[];
  /** Holdings that changed for stories whose content did not. */
  holdings?: ReadonlyMap<string, Holding>;
  /** Story ids to delete (before the puts). */
  remove?: readonly string[];
  /** Fact-check records to put (with their origin) and ids to delete. */
  factChecks?: { origin: string; put: readonly FactCheck[]; remove: readonly string[] };
  /** A feed's record to write, or a feed URL to delete. */
  feed?: FeedRecord;
  removeFeed?: string;
  /** Settings-store entries to write (key → value). */
  settings?: ReadonlyMap<string, unknown>;
  /** When the stories are written (their `added` time, when new). */
  at: Date;
}

/**
 * Requests of one transaction, CHUNK at a time: a transaction runs them in order, so a chunk is sent
 * without waiting for each answer (a round trip per story would make a 10,000-story import wait on
 * 20,000 of them one by one), and the wait between chunks lets the worker answer other messages
 * (each put's value is cloned when it is sent: sending 10,000 at once would hold the thread).
 */
const CHUNK = 256;
async function inChunks<T>(items: readonly T[], each: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    // `each` turned into a promise even when it throws at once, so every request of the chunk is
    // observed: when one fails and the transaction aborts, the others' rejections are not unhandled.
    await Promise.all(items.slice(i, i + CHUNK).map(async (item) => each(item)));
  }
}

export class Store {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(name: string = DB_NAME): Promise<Store> {
    const db = await openDB<Schema>(name, DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, tx) {
        // Versioned migrations: each step brings the schema from one version to the next, in the
        // upgrade's one transaction (a failure leaves the version-1 library as it was).
        if (oldVersion < 1) {
          database.createObjectStore('stories');
          database.createObjectStore('factchecks');
          database.createObjectStore('feeds', { keyPath: 'url' });
          database.createObjectStore('settings');
        }
        if (oldVersion >= 1 && oldVersion < 2) {
          const listedBy = new Map<string, string[]>();
          const feeds = new Set<string>();
          for (const f of await tx.objectStore('feeds').getAll()) {
            feeds.add(f.url);
            for (const id of f.storyIds) listedBy.set(id, [...(listedBy.get(id) ?? []), f.url]);
          }
          const at = new Date();
          let cursor = await tx.objectStore('stories').openCursor();
          while (cursor) {
            const old = cursor.value as unknown as StoredStoryV1 & { holding?: Holding };
            if (old.holding === undefined) {
              const { origin: _origin, ...rest } = old;
              await cursor.update({ ...rest, holding: holdingFromV1(old, listedBy, feeds, at), added: old.added ?? at.toISOString() });
            }
            cursor = await cursor.continue();
          }
        }
      },
    });
    return new Store(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Every stored story, in key order, read `batch` at a time in one transaction: each batch is a
   * request of its own, whose records the browser reads and copies into the worker in a task of its
   * own, so that the worker answers its messages between batches instead of waiting for a whole
   * library (tens of thousands of stories) to arrive in one task.
   */
  async stories(batch = STORY_BATCH): Promise<StoredStory[]> {
    const store = this.db.transaction('stories').store;
    const out: StoredStory[] = [];
    let after: string | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      // The keys beside the records: where the next batch starts, whatever a record holds.
      const [page, keys] = await Promise.all([store.getAll(range, batch), store.getAllKeys(range, batch)]);
      for (const r of page) out.push(r);
      if (page.length < batch) return out;
      after = keys[keys.length - 1] as string;
    }
  }

  async story(id: string): Promise<Story | undefined> {
    return (await this.db.get('stories', id))?.story;
  }

  async storyCount(): Promise<number> {
    return this.db.count('stories');
  }

  async factChecks(): Promise<{ record: FactCheck; origin: string }[]> {
    return this.db.getAll('factchecks');
  }

  async feeds(): Promise<FeedRecord[]> {
    return this.db.getAll('feeds');
  }

  async settings(): Promise<Settings> {
    const stored = (await this.db.get('settings', 'settings')) as Partial<Settings> | undefined;
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  async saveSettings(s: Settings): Promise<void> {
    await this.write(['settings'], (tx) => tx.objectStore('settings').put(s, 'settings'));
  }

  async kagi(): Promise<KagiSettings> {
    return { ...DEFAULT_KAGI, ...((await this.db.get('settings', 'kagi')) as Partial<KagiSettings> | undefined) };
  }

  async kagiState(): Promise<KagiState> {
    return { ...EMPTY_KAGI_STATE, ...((await this.db.get('settings', 'kagi.status')) as Partial<KagiState> | undefined) };
  }

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.write(['feeds'], (tx) => tx.objectStore('feeds').put(feed));
  }

  /**
   * One change to the library (an import, a feed's listing, retention, a removal), in one
   * transaction: all of it is stored, or none.
   */
  async apply(w: LibraryWrite): Promise<void> {
    const added = w.at.toISOString();
    await this.write(['stories', 'factchecks', 'feeds', 'settings'], async (tx) => {
      const s = tx.objectStore('stories');
      await inChunks(w.remove ?? [], (id) => s.delete(id));
      await inChunks(w.put ?? [], async ({ story, holding, stored }) => {
        const held = stored === false ? undefined : await s.get(story.id);
        await s.put({ story, holding, added: held?.added ?? added }, story.id);
      });
      await inChunks([...(w.holdings ?? [])], async ([id, holding]) => {
        const held = await s.get(id);
        // A holding without its story (a reader removed it meanwhile) is nothing to keep.
        if (held) await s.put({ ...held, holding }, id);
      });
      if (w.factChecks) {
        const f = tx.objectStore('factchecks');
        const { origin } = w.factChecks;
        await inChunks(w.factChecks.remove, (id) => f.delete(id));
        await inChunks(w.factChecks.put, (record) => f.put({ record, origin }, record.id));
      }
      const feeds = tx.objectStore('feeds');
      if (w.removeFeed !== undefined) await feeds.delete(w.removeFeed);
      if (w.feed) await feeds.put(w.feed);
      for (const [key, value] of w.settings ?? []) await tx.objectStore('settings').put(value, key);
    });
  }

  private async write<N extends ('stories' | 'factchecks' | 'feeds' | 'settings')[]>(
    names: N,
    body: (tx: import('idb').IDBPTransaction<Schema, N, 'readwrite'>) => Promise<unknown> | unknown,
  ): Promise<void> {
    const tx = this.db.transaction(names, 'readwrite');
    // Observed from the start, so an abort caused by `body` is not an unhandled rejection.
    const done = tx.done;
    done.catch(() => undefined);
    try {
      await body(tx);
      await done;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: nothing was committed.
      }
      throw explain(e);
    }
  }
}

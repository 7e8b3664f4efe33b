/**
 * The library on disk: IndexedDB through `idb`. Stories, fact-check records, feeds and settings,
 * with versioned migrations. Every change that touches several records is one transaction, so a
 * failure (a quota error, the service worker stopped mid-write) leaves the library as it was.
 *
 * The built-in reference story is not stored: it ships in the bundle. A reader who deletes it only
 * hides it (a setting), and can restore it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FactCheck } from '../core/claims/factchecks';
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
  /** Ids of the stories and records this feed supplied on its last good sync. */
  storyIds: string[];
  factCheckIds: string[];
}

export interface Settings {
  /** Minutes between feed refreshes. */
  refreshMinutes: number;
  hiddenBuiltins: string[];
}

export const DEFAULT_SETTINGS: Settings = { refreshMinutes: 180, hiddenBuiltins: [] };

interface StoredStory {
  story: Story;
  /** Where it came from: 'import' or a feed URL. */
  origin: string;
  added: string;
}

interface Schema extends DBSchema {
  stories: { key: string; value: StoredStory };
  factchecks: { key: string; value: { record: FactCheck; origin: string } };
  feeds: { key: string; value: FeedRecord };
  settings: { key: string; value: unknown };
}

export const DB_NAME = 'storylens';
export const DB_VERSION = 1;

/** Storage errors in words a reader can act on. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

function explain(e: unknown): StoreError {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return new StoreError('The browser has no room left for Storylens’s library. Remove some stories or feeds and try again; nothing was changed.');
  if (name === 'VersionError') return new StoreError('The library was written by a newer version of Storylens. Update the extension.');
  return new StoreError(`The library could not be saved: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
}

/** For each story id another feed than `url` lists, that feed's URL: a story two feeds share outlives either. */
export function otherHolders(feeds: readonly FeedRecord[], url: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of feeds) if (f.url !== url) for (const id of f.storyIds) if (!out.has(id)) out.set(id, f.url);
  return out;
}

export class Store {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(): Promise<Store> {
    const db = await openDB<Schema>(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion) {
        // Versioned migrations: each step brings the schema from one version to the next.
        if (oldVersion < 1) {
          database.createObjectStore('stories');
          database.createObjectStore('factchecks');
          database.createObjectStore('feeds', { keyPath: 'url' });
          database.createObjectStore('settings');
        }
      },
    });
    return new Store(db);
  }

  close(): void {
    this.db.close();
  }

  async stories(): Promise<StoredStory[]> {
    return this.db.getAll('stories');
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

  /**
   * Puts stories (replacing those with the same id) and removes `removeIds`, in one transaction:
   * all of it happens, or none.
   */
  async putStories(stories: readonly Story[], origin: string, removeIds: readonly string[] = []): Promise<void> {
    const added = new Date().toISOString();
    await this.write(['stories'], async (tx) => {
      const store = tx.objectStore('stories');
      for (const id of removeIds) await store.delete(id);
      for (const story of stories) await store.put({ story, origin, added }, story.id);
    });
  }

  /**
   * An import: its stories (replacing those with the same id, removing `removeIds`) and its
   * fact-check records, in one transaction: a failure part-way stores none of it.
   */
  async putImport(stories: readonly Story[], removeIds: readonly string[], records: readonly FactCheck[]): Promise<void> {
    const added = new Date().toISOString();
    await this.write(['stories', 'factchecks'], async (tx) => {
      const store = tx.objectStore('stories');
      for (const id of removeIds) await store.delete(id);
      for (const story of stories) await store.put({ story, origin: 'import', added }, story.id);
      const f = tx.objectStore('factchecks');
      for (const record of records) await f.put({ record, origin: 'import' }, record.id);
    });
  }

  async deleteStory(id: string): Promise<void> {
    await this.write(['stories'], (tx) => tx.objectStore('stories').delete(id));
  }

  async putFactChecks(records: readonly FactCheck[], origin: string, removeIds: readonly string[] = []): Promise<void> {
    await this.write(['factchecks'], async (tx) => {
      const store = tx.objectStore('factchecks');
      for (const id of removeIds) await store.delete(id);
      for (const record of records) await store.put({ record, origin }, record.id);
    });
  }

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.write(['feeds'], (tx) => tx.objectStore('feeds').put(feed));
  }

  /** A feed's sync result: its stories and records replace its previous ones, with its status, atomically. */
  async applyFeed(feed: FeedRecord, stories: readonly Story[], records: readonly FactCheck[]): Promise<void> {
    const previous = await this.db.get('feeds', feed.url);
    const added = new Date().toISOString();
    await this.write(['feeds', 'stories', 'factchecks'], async (tx) => {
      const s = tx.objectStore('stories');
      const f = tx.objectStore('factchecks');
      const listed = new Set(feed.storyIds);
      const listedChecks = new Set(feed.factCheckIds);
      const others = otherHolders(await tx.objectStore('feeds').getAll(), feed.url);
      // Only what the feed itself supplied: a story the reader imported since keeps its place, and
      // one another feed still lists passes to that feed.
      for (const id of previous?.storyIds ?? []) {
        if (listed.has(id)) continue;
        const held = await s.get(id);
        if (held?.origin !== feed.url) continue;
        const other = others.get(id);
        if (other !== undefined) await s.put({ ...held, origin: other }, id);
        else await s.delete(id);
      }
      for (const id of previous?.factCheckIds ?? []) if (!listedChecks.has(id)) await f.delete(id);
      for (const story of stories) {
        // A story the reader imported is theirs, whatever a feed lists under its id.
        const held = await s.get(story.id);
        if (held && held.origin !== feed.url && !/^https?:/.test(held.origin)) continue;
        await s.put({ story, origin: feed.url, added }, story.id);
      }
      for (const record of records) await f.put({ record, origin: feed.url }, record.id);
      await tx.objectStore('feeds').put(feed);
    });
  }

  async removeFeed(url: string): Promise<void> {
    const feed = await this.db.get('feeds', url);
    await this.write(['feeds', 'stories', 'factchecks'], async (tx) => {
      const others = otherHolders(await tx.objectStore('feeds').getAll(), url);
      const s = tx.objectStore('stories');
      for (const id of feed?.storyIds ?? []) {
        const held = await s.get(id);
        if (held?.origin !== url) continue;
        const other = others.get(id);
        if (other !== undefined) await s.put({ ...held, origin: other }, id);
        else await s.delete(id);
      }
      for (const id of feed?.factCheckIds ?? []) await tx.objectStore('factchecks').delete(id);
      await tx.objectStore('feeds').delete(url);
    });
  }

  /** Replaces the whole library (an import of an export), atomically. */
  async replaceAll(stories: readonly Story[], records: readonly FactCheck[]): Promise<void> {
    const added = new Date().toISOString();
    await this.write(['stories', 'factchecks'], async (tx) => {
      await tx.objectStore('stories').clear();
      await tx.objectStore('factchecks').clear();
      for (const story of stories) await tx.objectStore('stories').put({ story, origin: 'import', added }, story.id);
      for (const record of records) await tx.objectStore('factchecks').put({ record, origin: 'import' }, record.id);
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

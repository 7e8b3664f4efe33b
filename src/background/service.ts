/**
 * The library service: the stored library (IndexedDB) and the in-memory indexes kept in step, plus
 * imports, exports and feeds. Every change is written to the store first, in one transaction, and
 * only then applied in memory: a failed write changes nothing the reader sees.
 */
import type { FactCheck } from '../core/claims/factchecks';
import { factCheckSource } from '../core/claims/retrieval';
import { isDue, syncFeed, validateFeedUrl, type FeedState } from '../core/feeds/sync';
import { Library } from '../core/library';
import { StoryRecognizer } from '../core/library/identity';
import { exportLibrary, importLibraryText } from '../core/library/import';
import { storyHeader, type Story } from '../core/story/model';
import type { FeedStatus, ImportPreview, LibraryEntry } from '../messages';
import { otherHolders, Store, type FeedRecord, type Settings } from './store';


export class LibraryService {
  private readonly origins = new Map<string, string>();
  private factChecks: FactCheck[] = [];
  readonly library = new Library();
  /** Link and title indexes over the library: an import finds the stories it replaces without comparing pairs. */
  private readonly recognizer = new StoryRecognizer();

  private constructor(
    private readonly store: Store,
    private readonly builtin: readonly Story[],
    private settings: Settings,
  ) {}

  /** Whole library loaded into memory (see `ready`). */
  private loading: Promise<void> | null = null;
  private loaded = false;

  /** Opens the store; the library itself loads on first need (`ready`). */
  static async start(builtin: readonly Story[]): Promise<LibraryService> {
    const store = await Store.open();
    return new LibraryService(store, builtin, await store.settings());
  }

  /** Loads every stored story and record into memory, once. */
  async ready(): Promise<this> {
    this.loading ??= (async () => {
      for (const s of this.builtin) if (!this.settings.hiddenBuiltins.includes(s.id)) this.addInMemory(s, 'builtin');
      for (const { story, origin } of await this.store.stories()) this.addInMemory(story, origin);
      this.factChecks = (await this.store.factChecks()).map((r) => r.record);
      this.refreshFactChecks();
      this.loaded = true;
    })();
    await this.loading;
    return this;
  }

  /**
   * One story, without loading the whole library when it is not loaded yet: what the popup needs
   * right after the background was restarted.
   */
  async story(id: string): Promise<Story | undefined> {
    if (this.loaded) return this.library.get(id);
    if (this.settings.hiddenBuiltins.includes(id)) return undefined;
    return this.builtin.find((s) => s.id === id) ?? (await this.store.story(id));
  }

  /** How many stories the library holds, without loading them. */
  async size(): Promise<number> {
    if (this.loaded) return this.library.size;
    return (await this.store.storyCount()) + this.builtin.filter((s) => !this.settings.hiddenBuiltins.includes(s.id)).length;
  }

  /** Closes the database connection (tests; a background keeps it for its life). */
  close(): void {
    this.store.close();
  }

  private addInMemory(story: Story, origin: string): void {
    this.library.add(story);
    this.recognizer.add(story);
    this.origins.set(story.id, origin);
  }

  private removeInMemory(id: string): void {
    this.library.remove(id);
    this.recognizer.remove(id);
    this.origins.delete(id);
  }

  /**
   * The held stories an import replaces: for each imported story, the one with its id, else the one
   * an article link it lists belongs to. Index lookups: linear in the import, whatever the library.
   */
  private replacedBy(stories: readonly Story[]): Map<string, Story> {
    const out = new Map<string, Story>();
    for (const s of stories) {
      const same = this.library.get(s.id);
      if (same) out.set(s.id, same);
      else {
        const rec = this.recognizer.recognize(s);
        const held = rec?.by === 'link' ? this.library.get(rec.id) : undefined;
        if (held) out.set(s.id, held);
      }
    }
    return out;
  }

  private refreshFactChecks(): void {
    this.library.setFactChecks(this.factChecks.length ? factCheckSource(this.factChecks) : null);
  }

  entries(): LibraryEntry[] {
    const shown = this.library.stories().map((s) => ({ ...storyHeader(s), origin: this.origins.get(s.id) ?? 'import' }));
    const hidden = this.builtin.filter((s) => this.settings.hiddenBuiltins.includes(s.id)).map((s) => ({ ...storyHeader(s), origin: 'builtin', hidden: true }));
    return [...shown, ...hidden];
  }

  preview(name: string, text: string): ImportPreview {
    const { stories, factChecks } = importLibraryText(text, name);
    const replaces = [...new Map([...this.replacedBy(stories).values()].map((e) => [e.id, e])).values()].map(storyHeader);
    return { stories: stories.map(storyHeader), factChecks: factChecks.length, replaces };
  }

  /**
   * Imports a file: stories replace the same stories (by id, or by a shared article link); stories
   * and fact-check records are written in one transaction, all or nothing.
   */
  async import(name: string, text: string): Promise<{ added: number; replaced: number; factChecks: number }> {
    const { stories, factChecks } = importLibraryText(text, name);
    const replaced = this.replacedBy(stories);
    const importedIds = new Set(stories.map((s) => s.id));
    const removeIds = [...new Set([...replaced.values()].map((e) => e.id))].filter((id) => !importedIds.has(id));
    await this.store.putImport(stories, removeIds, factChecks);
    for (const id of removeIds) this.removeInMemory(id);
    for (const s of stories) this.addInMemory(s, 'import');
    if (factChecks.length) {
      const ids = new Set(factChecks.map((f) => f.id));
      this.factChecks = [...this.factChecks.filter((f) => !ids.has(f.id)), ...factChecks];
      this.refreshFactChecks();
    }
    return { added: stories.length - replaced.size, replaced: replaced.size, factChecks: factChecks.length };
  }

  /** The fact-check records, newest review first. */
  listFactChecks(): FactCheck[] {
    return [...this.factChecks].sort((a, b) => (b.reviewDate ?? '').localeCompare(a.reviewDate ?? '') || a.claim.localeCompare(b.claim));
  }

  /** Removes one fact-check record (a feed's comes back with the feed's next sync). */
  async removeFactCheck(id: string): Promise<boolean> {
    if (!this.factChecks.some((f) => f.id === id)) return false;
    await this.store.putFactChecks([], 'import', [id]);
    this.factChecks = this.factChecks.filter((f) => f.id !== id);
    this.refreshFactChecks();
    return true;
  }

  async remove(id: string): Promise<boolean> {
    if (!this.library.get(id)) return false;
    if (this.origins.get(id) === 'builtin') {
      await this.saveSettings({ ...this.settings, hiddenBuiltins: [...new Set([...this.settings.hiddenBuiltins, id])] });
    } else {
      await this.store.deleteStory(id);
    }
    this.removeInMemory(id);
    const restore = this.builtin.find((s) => s.id === id && !this.settings.hiddenBuiltins.includes(id));
    if (restore) this.addInMemory(restore, 'builtin');
    return true;
  }

  async restoreBuiltins(): Promise<number> {
    const hidden = this.settings.hiddenBuiltins;
    await this.saveSettings({ ...this.settings, hiddenBuiltins: [] });
    let restored = 0;
    for (const s of this.builtin) {
      if (!this.library.get(s.id) || hidden.includes(s.id)) {
        this.addInMemory(s, 'builtin');
        restored++;
      }
    }
    return restored;
  }

  exportAll(): { filename: string; json: string } {
    const stories = this.library.stories().filter((s) => this.origins.get(s.id) !== 'builtin');
    return { filename: `storylens-library-${new Date().toISOString().slice(0, 10)}.json`, json: exportLibrary(stories, this.factChecks) };
  }

  getSettings(): Settings {
    return this.settings;
  }

  async saveSettings(next: Settings): Promise<void> {
    await this.store.saveSettings(next);
    this.settings = next;
  }

  // ----- feeds -----

  private status(f: FeedRecord): FeedStatus {
    return {
      url: f.url,
      kind: f.kind,
      lastSuccess: f.lastSuccess ?? null,
      lastAttempt: f.lastAttempt ?? null,
      error: f.error ?? null,
      stories: f.storyIds.length,
      factChecks: f.factCheckIds.length,
      nextAttempt: f.nextAttempt ?? null,
    };
  }

  async feeds(): Promise<FeedStatus[]> {
    return (await this.store.feeds()).map((f) => this.status(f));
  }

  async addFeed(rawUrl: string, fetchFn: typeof fetch): Promise<FeedStatus> {
    const url = validateFeedUrl(rawUrl);
    const existing = (await this.store.feeds()).find((f) => f.url === url);
    const feed: FeedRecord = existing ?? { url, kind: 'unknown', failures: 0, storyIds: [], factCheckIds: [] };
    await this.store.putFeed(feed);
    return this.sync(feed, fetchFn);
  }

  async removeFeed(url: string): Promise<boolean> {
    const feed = (await this.store.feeds()).find((f) => f.url === url);
    if (!feed) return false;
    const others = otherHolders(await this.store.feeds(), url);
    await this.store.removeFeed(url);
    for (const id of feed.storyIds) {
      if (this.origins.get(id) !== url) continue;
      const other = others.get(id);
      if (other !== undefined) this.origins.set(id, other);
      else this.removeInMemory(id);
    }
    const gone = new Set(feed.factCheckIds);
    this.factChecks = this.factChecks.filter((f) => !gone.has(f.id));
    this.refreshFactChecks();
    return true;
  }

  /** Syncs one feed, or every feed that is due (`url` undefined, `force` false) or all (`force`). */
  async syncFeeds(fetchFn: typeof fetch, url?: string, force = false): Promise<FeedStatus[]> {
    const now = new Date();
    const all = await this.store.feeds();
    const chosen = url ? all.filter((f) => f.url === url) : all.filter((f) => force || isDue(f, now, this.settings.refreshMinutes));
    // One feed's failure (a storage error included) is recorded on that feed; the others still sync.
    for (const f of chosen) {
      try {
        await this.sync(f, fetchFn);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        await this.store.putFeed({ ...f, error: message, lastAttempt: now.toISOString() }).catch(() => undefined);
      }
    }
    return this.feeds();
  }

  private async sync(feed: FeedRecord, fetchFn: typeof fetch): Promise<FeedStatus> {
    const state: FeedState = { ...feed };
    const { state: next, result } = await syncFeed(state, fetchFn, { now: new Date() });
    const record: FeedRecord = { ...feed, ...next, failures: next.failures };
    if (result.kind !== 'updated') {
      // Unchanged, or failed: the last good copy stays; only the status changes.
      await this.store.putFeed(record);
      return this.status(record);
    }
    // A story the reader imported, or the built-in one, is theirs: a feed listing its id neither
    // overwrites it nor, when it stops listing it, removes it.
    const mine = (id: string) => {
      const o = this.origins.get(id);
      return o === 'import' || o === 'builtin';
    };
    const stories = result.stories.filter((s) => !mine(s.id));
    const { factChecks } = result;
    const updated: FeedRecord = {
      ...record,
      kind: stories.length ? 'stories' : factChecks.length ? 'factchecks' : 'unknown',
      storyIds: stories.map((s) => s.id),
      factCheckIds: factChecks.map((f) => f.id),
    };
    const others = otherHolders(await this.store.feeds(), feed.url);
    await this.store.applyFeed(updated, stories, factChecks);
    const listed = new Set(updated.storyIds);
    // What the feed no longer lists goes, unless another feed still lists it (it passes to that one).
    for (const id of feed.storyIds) {
      if (listed.has(id) || this.origins.get(id) !== feed.url) continue;
      const other = others.get(id);
      if (other !== undefined) this.origins.set(id, other);
      else this.removeInMemory(id);
    }
    for (const s of stories) this.addInMemory(s, feed.url);
    const gone = new Set([...feed.factCheckIds, ...updated.factCheckIds]);
    this.factChecks = [...this.factChecks.filter((f) => !gone.has(f.id)), ...factChecks];
    this.refreshFactChecks();
    return this.status(updated);
  }
}


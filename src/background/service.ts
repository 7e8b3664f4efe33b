/**
 * The library service: the stored library (IndexedDB) and the in-memory indexes kept in step, plus
 * imports, exports, feeds and Kagi News. The living library's rules (core/library: identity across
 * days, ownership by origin sets, retention) are applied here over the persistent store: each
 * change is computed in memory (listing.ts, retention.ts), written to the store in one transaction,
 * and only then shown; a failed write is undone in memory too, so the reader sees nothing change.
 */
import type { FactCheck } from '../core/claims/factchecks';
import { factCheckSource } from '../core/claims/retrieval';
import { feedFetchText, fetchEditions, KAGI_DEFAULT_BASE, KAGI_DEFAULT_CATEGORY, kagiBase, kiteSource, type KagiCategory } from '../core/feeds/kagi-news';
import { isDue, syncFeed, validateFeedUrl, type FeedState } from '../core/feeds/sync';
import { Library } from '../core/library';
import { StoryRecognizer } from '../core/library/identity';
import { exportLibrary, importLibrarySteps } from '../core/library/import';
import { importSteps, listingSteps, type ListingChanges } from '../core/library/listing';
import { feedOrigin, Holdings, isFeedOrigin, type Holding, type Origin } from '../core/library/ownership';
import { expiredStories, validateRetentionDays } from '../core/library/retention';
import { forEachPaused, runSteps, runStepsPaused, type Steps } from '../core/text/steps';
import { storyHeader, type Story } from '../core/story/model';
import type { FeedStatus, ImportPreview, KagiView, LibraryEntry } from '../messages';
import { isKagiOrigin, kagiHostPattern, kagiOrigin, nextKagiRun } from './kagi';
import { pause } from './pause';
import { Store, type FeedRecord, type KagiSettings, type KagiState, type LibraryWrite, type Settings } from './store';

export interface ServiceOptions {
  /** The clock (tests inject one: retention, schedules and sync times read it). */
  now?: () => Date;
  /** Jitter for the Kagi schedule. */
  random?: () => number;
  /**
   * Story ids retention must keep whatever their age: the stories the reader follows (follows.ts's
   * followedIds, once it exists). A story whose holding says `followed` is kept too.
   */
  protectedIds?: () => Promise<ReadonlySet<string>>;
  /**
   * Where Kagi News is read (unit tests: a local server). Not a setting: no message can change it,
   * so every build the background starts reads kite.kagi.com (the e2e maps that host to its server).
   */
  kagiBase?: string;
  /** The IndexedDB database (tests). */
  dbName?: string;
}

/**
 * Holdings that can undo what was done to them since `begin`: a listing is applied in memory
 * before its transaction, and a failed transaction must leave the holdings as they were.
 */
class UndoableHoldings extends Holdings {
  private journal: Map<string, Holding | undefined> | null = null;

  begin(): void {
    this.journal = new Map();
  }

  commit(): void {
    this.journal = null;
  }

  rollback(): void {
    const journal = this.journal;
    this.journal = null;
    for (const [id, h] of journal ?? []) {
      if (h === undefined) super.delete(id);
      else super.set(id, h);
    }
  }

  private note(id: string): void {
    if (this.journal && !this.journal.has(id)) this.journal.set(id, this.get(id));
  }

  override set(id: string, h: Holding): void {
    this.note(id);
    super.set(id, h);
  }

  override delete(id: string): void {
    this.note(id);
    super.delete(id);
  }
}

/** The origin shown for a story: the built-in set, the reader's import, else the first feed's URL. */
function shownOrigin(h: Holding | undefined): string {
  if (!h || h.origins.length === 0) return h?.unlistedSince ? 'unlisted' : 'import';
  if (h.origins.includes('builtin')) return 'builtin';
  if (h.origins.includes('import')) return 'import';
  const feed = h.origins.find(isFeedOrigin);
  return feed ? feed.slice('feed:'.length) : 'import';
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The library's indexes built in steps at a worker's start: the page matcher, the search box's lookup. */
export type LibraryIndex = 'matcher' | 'lookup';

export class LibraryService {
  private factChecks: FactCheck[] = [];
  readonly library = new Library();
  /** Link and title indexes over the library: a story is recognised without comparing pairs. */
  private readonly recognizer = new StoryRecognizer();
  /** Who holds each story (origins as sets), kept in step with the store. */
  private readonly holdings = new UndoableHoldings();
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly protectedIds: () => Promise<ReadonlySet<string>>;

  private constructor(
    private readonly store: Store,
    private readonly builtin: readonly Story[],
    private settings: Settings,
    private kagi: KagiSettings,
    private readonly options: ServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.protectedIds = options.protectedIds ?? (async () => new Set<string>());
  }

  /** Whole library loaded into memory (see `ready`). */
  private loading: Promise<void> | null = null;
  private loaded = false;

  /** Opens the store; the library itself loads on first need (`ready`). */
  static async start(builtin: readonly Story[], options: ServiceOptions = {}): Promise<LibraryService> {
    const store = await Store.open(options.dbName);
    return new LibraryService(store, builtin, await store.settings(), await store.kagi(), options);
  }

  /** Loads every stored story and record into memory, once. */
  async ready(): Promise<this> {
    this.loading ??= (async () => {
      const stored = await this.store.stories();
      const storedIds = new Set(stored.map((s) => s.story.id));
      for (const s of this.builtin) if (!this.settings.hiddenBuiltins.includes(s.id) && !storedIds.has(s.id)) this.addInMemory(s, { origins: ['builtin'] });
      // A record without a holding (written by hand, or damaged) is the reader's: never pruned. With
      // pauses: each story also goes into the recognizer's indexes, a second for tens of thousands.
      await forEachPaused(stored, ({ story, holding }) => this.addInMemory(story, holding ?? { origins: ['import'] }), pause);
      this.factChecks = (await this.store.factChecks()).map((r) => r.record);
      this.refreshFactChecks();
      this.loaded = true;
    })();
    await this.loading;
    return this;
  }

  /** Each index built in steps (Library.matcherSteps, lookupSteps), once per worker. */
  private readonly indexing = new Map<LibraryIndex, Promise<void>>();

  /**
   * The library with the index a question needs built (the matcher for a page or a claim, the lookup
   * for a search), in steps with pauses: at a worker's start, for a library of tens of thousands of
   * stories, that is seconds of work that would otherwise run in one go on the first page matched or
   * the first search, and leave every message waiting.
   */
  async indexed(index: LibraryIndex): Promise<Library> {
    await this.ready();
    let building = this.indexing.get(index);
    if (!building) {
      building = runStepsPaused(index === 'matcher' ? this.library.matcherSteps() : this.library.lookupSteps(), pause).catch((e: unknown) => {
        this.indexing.delete(index);
        throw e;
      });
      this.indexing.set(index, building);
    }
    await building;
    return this.library;
  }

  /**
   * One story, without loading the whole library when it is not loaded yet: what the popup needs
   * right after the background was restarted.
   */
  async story(id: string): Promise<Story | undefined> {
    if (this.loaded) return this.library.get(id);
    if (this.settings.hiddenBuiltins.includes(id)) return undefined;
    return (await this.store.story(id)) ?? this.builtin.find((s) => s.id === id);
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

  /** Who holds a story (tests and the options page). */
  holding(id: string): Holding | undefined {
    return this.holdings.get(id);
  }

  private addInMemory(story: Story, holding: Holding): void {
    this.library.add(story);
    this.recognizer.add(story);
    this.holdings.set(story.id, holding);
  }

  private removeInMemory(id: string): void {
    this.library.remove(id);
    this.recognizer.remove(id);
    this.holdings.delete(id);
  }

  /**
   * Changes the holdings and the recogniser in memory (`change`, in steps with pauses between them,
   * so the worker answers meanwhile), writes what it returns in one transaction, and only then shows
   * the stories it puts in the library. A failure undoes the in-memory change: the library is as it
   * was, in memory and on disk. One at a time: a change computed while another one's write is
   * pending would be computed on state that may be undone, and the holdings keep one journal.
   */
  private transact<T extends { put: Story[]; remove: string[] }>(change: () => Steps<T>, write: (t: T) => Omit<LibraryWrite, 'put' | 'remove' | 'at'>, at: Date): Promise<T> {
    return this.serial(() => this.transactNow(change, write, at));
  }

  /** Runs `work` after every change queued before it (each library change goes through here). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writing.then(work);
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** The end of the last change queued (never rejects: each caller gets its own failure). */
  private writing: Promise<unknown> = Promise.resolve();

  private async transactNow<T extends { put: Story[]; remove: string[] }>(change: () => Steps<T>, write: (t: T) => Omit<LibraryWrite, 'put' | 'remove' | 'at'>, at: Date): Promise<T> {
    this.holdings.begin();
    let t: T | undefined;
    try {
      t = await runStepsPaused(change(), pause);
      const done = t;
      const putIds = new Set(done.put.map((s) => s.id));
      const extra = write(done);
      const holdings = new Map([...(extra.holdings ?? [])].filter(([id]) => !putIds.has(id)));
      await this.store.apply({
        ...extra,
        holdings,
        at,
        remove: done.remove,
        // Once loaded, the library in memory holds every stored story (it shows a change only after
        // its write): a story it does not hold is not stored, and its record needs no read.
        put: done.put.map((story) => ({ story, holding: this.holdings.get(story.id) ?? { origins: ['import'] }, ...(this.loaded && !this.library.get(story.id) ? { stored: false as const } : {}) })),
      });
    } catch (e) {
      this.holdings.rollback();
      // The recogniser learnt the new versions: it goes back to the stories the library shows.
      for (const s of t?.put ?? []) {
        const shown = this.library.get(s.id);
        if (shown) this.recognizer.add(shown);
        else this.recognizer.remove(s.id);
      }
      for (const id of t?.remove ?? []) {
        const shown = this.library.get(id);
        if (shown) this.recognizer.add(shown);
      }
      throw e;
    }
    this.holdings.commit();
    // Stored: shown story by story (the matcher's and lookup's indexes follow each), with pauses.
    await forEachPaused(
      t.remove,
      (id) => {
        this.library.remove(id);
        this.recognizer.remove(id);
      },
      pause,
    );
    await forEachPaused(t.put, (s) => this.library.add(s), pause);
    return t;
  }

  /** A feed's (or a Kagi category's) current listing applied by the living library's rules, in one transaction. */
  private applyListing(origin: Origin, listing: readonly Story[], at: Date, write: (c: ListingChanges) => Omit<LibraryWrite, 'put' | 'remove' | 'at' | 'holdings'> = () => ({})): Promise<ListingChanges & { remove: string[] }> {
    const { library, recognizer, holdings } = this;
    return this.transact(
      function* () {
        return { ...(yield* listingSteps(library, recognizer, holdings, origin, listing, at)), remove: [] as string[] };
      },
      (c) => ({ ...write(c), holdings: c.holdings }),
      at,
    );
  }

  /**
   * The held stories an import replaces: for each imported story, the one with its id, else the one
   * an article link it lists belongs to. Index lookups: linear in the import, whatever the library;
   * one story a step.
   */
  private *replacedBy(stories: readonly Story[]): Steps<Map<string, Story>> {
    const out = new Map<string, Story>();
    for (const s of stories) {
      yield;
      const same = this.library.get(s.id);
      if (same) out.set(s.id, same);
      else {
        const id = this.recognizer.recognizeByLink(s);
        const held = id === undefined ? undefined : this.library.get(id);
        if (held) out.set(s.id, held);
      }
    }
    return out;
  }

  private refreshFactChecks(): void {
    this.library.setFactChecks(this.factChecks.length ? factCheckSource(this.factChecks) : null);
  }

  entries(): LibraryEntry[] {
    const shown = this.library.stories().map((s) => {
      const h = this.holdings.get(s.id);
      return { ...storyHeader(s), origin: shownOrigin(h), origins: [...(h?.origins ?? [])] };
    });
    const hidden = this.builtin.filter((s) => this.settings.hiddenBuiltins.includes(s.id)).map((s) => ({ ...storyHeader(s), origin: 'builtin', origins: ['builtin'], hidden: true }));
    return [...shown, ...hidden];
  }

  async preview(name: string, text: string): Promise<ImportPreview> {
    const { stories, factChecks } = await runStepsPaused(importLibrarySteps(text, name), pause);
    const replaces = [...new Map([...runSteps(this.replacedBy(stories)).values()].map((e) => [e.id, e])).values()].map(storyHeader);
    return { stories: stories.map(storyHeader), factChecks: factChecks.length, replaces };
  }

  /**
   * Imports a file: stories replace the same stories (by id, or by a shared article link) and are
   * the reader's from then on (the import origin: no feed changes or removes them); stories and
   * fact-check records are written in one transaction, all or nothing.
   */
  async import(name: string, text: string): Promise<{ added: number; replaced: number; factChecks: number; moved: [from: string, to: string][] }> {
    // Read in steps (a piece of JSON, a story validated) with pauses: the worker answers meanwhile.
    // Nothing is changed until the whole file is read, so a bad story anywhere changes nothing.
    const { stories, factChecks } = await runStepsPaused(importLibrarySteps(text, name), pause);
    const importedIds = new Set(stories.map((s) => s.id));
    const at = this.now();
    const { recognizer, holdings } = this;
    const replacedBy = (xs: readonly Story[]) => this.replacedBy(xs);
    let replaced = new Map<string, Story>();
    await this.transact(
      function* () {
        // Inside the change: what it replaces is read from the library as the changes before it left it.
        replaced = yield* replacedBy(stories);
        const removeIds = [...new Set([...replaced.values()].map((e) => e.id))].filter((id) => !importedIds.has(id));
        for (const id of removeIds) holdings.delete(id);
        yield* importSteps(recognizer, holdings, stories, at);
        return { put: [...stories], remove: removeIds };
      },
      () => ({ factChecks: { origin: 'import', put: factChecks, remove: [] } }),
      at,
    );
    if (factChecks.length) {
      const ids = new Set(factChecks.map((f) => f.id));
      this.factChecks = [...this.factChecks.filter((f) => !ids.has(f.id)), ...factChecks];
      this.refreshFactChecks();
    }
    // Stories replaced under another id: whoever keeps something by id (follows) can move it.
    const moved = [...replaced].filter(([to, old]) => old.id !== to).map(([to, old]): [string, string] => [old.id, to]);
    return { added: stories.length - replaced.size, replaced: replaced.size, factChecks: factChecks.length, moved };
  }

  /** The fact-check records, newest review first. */
  listFactChecks(): FactCheck[] {
    return [...this.factChecks].sort((a, b) => (b.reviewDate ?? '').localeCompare(a.reviewDate ?? '') || a.claim.localeCompare(b.claim));
  }

  /** Removes one fact-check record (a feed's comes back with the feed's next sync). */
  async removeFactCheck(id: string): Promise<boolean> {
    if (!this.factChecks.some((f) => f.id === id)) return false;
    await this.store.apply({ factChecks: { origin: 'import', put: [], remove: [id] }, at: this.now() });
    this.factChecks = this.factChecks.filter((f) => f.id !== id);
    this.refreshFactChecks();
    return true;
  }

  /** The reader removes a story: gone whoever held it (a feed that still lists it brings it back). */
  remove(id: string): Promise<boolean> {
    return this.serial(() => this.removeNow(id));
  }

  private async removeNow(id: string): Promise<boolean> {
    if (!this.library.get(id)) return false;
    const builtinOnly = this.holdings.get(id)?.origins.every((o) => o === 'builtin') === true && this.builtin.some((s) => s.id === id);
    if (builtinOnly) {
      await this.saveSettings({ ...this.settings, hiddenBuiltins: [...new Set([...this.settings.hiddenBuiltins, id])] });
      this.removeInMemory(id);
      return true;
    }
    await this.store.apply({ remove: [id], at: this.now() });
    this.removeInMemory(id);
    const restore = this.builtin.find((s) => s.id === id && !this.settings.hiddenBuiltins.includes(id));
    if (restore) this.addInMemory(restore, { origins: ['builtin'] });
    return true;
  }

  async restoreBuiltins(): Promise<number> {
    const hidden = this.settings.hiddenBuiltins;
    await this.saveSettings({ ...this.settings, hiddenBuiltins: [] });
    let restored = 0;
    for (const s of this.builtin) {
      if (!this.library.get(s.id) || hidden.includes(s.id)) {
        this.addInMemory(s, { origins: ['builtin'] });
        restored++;
      }
    }
    return restored;
  }

  exportAll(): { filename: string; json: string } {
    const stories = this.library.stories().filter((s) => !this.holdings.get(s.id)?.origins.includes('builtin'));
    return { filename: `storylens-library-${this.now().toISOString().slice(0, 10)}.json`, json: exportLibrary(stories, this.factChecks) };
  }

  getSettings(): Settings {
    return this.settings;
  }

  async saveSettings(next: Settings): Promise<void> {
    await this.store.saveSettings(next);
    this.settings = next;
  }

  // ----- retention -----

  /**
   * Removes the stories no origin has held for the retention period (retention.ts's rule), except
   * followed ones, in one transaction; returns their ids.
   */
  expire(): Promise<string[]> {
    return this.serial(() => this.expireNow());
  }

  private async expireNow(): Promise<string[]> {
    const protectedIds = await this.protectedIds();
    const ids = expiredStories(this.holdings, this.now(), this.kagi.retentionDays).filter((id) => !protectedIds.has(id));
    if (ids.length === 0) return [];
    await this.store.apply({ remove: ids, at: this.now() });
    for (const id of ids) this.removeInMemory(id);
    return ids;
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

  /**
   * Unsubscribes: the feed gives up its stories; those no other origin holds go at once (the reader
   * asked), except followed ones, which stay for the retention period.
   */
  async removeFeed(url: string): Promise<boolean> {
    const feed = (await this.store.feeds()).find((f) => f.url === url);
    if (!feed) return false;
    const origin = feedOrigin(url);
    const at = this.now();
    const protectedIds = await this.protectedIds();
    const held = this.holdings;
    await this.transact(
      function* () {
        const remove: string[] = [];
        const holdings = new Map<string, Holding>();
        for (const id of [...held.heldBy(origin)]) {
          yield;
          const h = held.dropOrigin(id, origin, at);
          if (h && h.origins.length === 0 && !h.followed && !protectedIds.has(id)) {
            held.delete(id);
            remove.push(id);
          } else if (h) holdings.set(id, h);
        }
        return { put: [] as Story[], remove, holdings };
      },
      (t) => ({ holdings: t.holdings, removeFeed: url, factChecks: { origin: url, put: [], remove: feed.factCheckIds } }),
      at,
    );
    const gone = new Set(feed.factCheckIds);
    this.factChecks = this.factChecks.filter((f) => !gone.has(f.id));
    this.refreshFactChecks();
    return true;
  }

  /** Syncs one feed, or every feed that is due (`url` undefined, `force` false) or all (`force`). */
  async syncFeeds(fetchFn: typeof fetch, url?: string, force = false): Promise<FeedStatus[]> {
    const now = this.now();
    const all = await this.store.feeds();
    const chosen = url ? all.filter((f) => f.url === url) : all.filter((f) => force || isDue(f, now, this.settings.refreshMinutes));
    // One feed's failure (a storage error included) is recorded on that feed; the others still sync.
    for (const f of chosen) {
      try {
        await this.sync(f, fetchFn);
      } catch (e) {
        await this.store.putFeed({ ...f, error: message(e), lastAttempt: now.toISOString() }).catch(() => undefined);
      }
    }
    await this.expire();
    return this.feeds();
  }

  private async sync(feed: FeedRecord, fetchFn: typeof fetch): Promise<FeedStatus> {
    const now = this.now();
    const state: FeedState = { ...feed };
    const { state: next, result } = await syncFeed(state, fetchFn, { now, pause });
    const record: FeedRecord = { ...feed, ...next, failures: next.failures };
    if (result.kind !== 'updated') {
      // Unchanged, or failed: the last good copy stays; only the status changes.
      await this.store.putFeed(record);
      return this.status(record);
    }
    // The listing by the living library's rules: a story recognised (id, links, title) is updated in
    // place when only feeds hold it; the reader's and the built-in story are never touched.
    const origin = feedOrigin(feed.url);
    const { factChecks } = result;
    const listedChecks = new Set(factChecks.map((f) => f.id));
    let updated = record;
    await this.applyListing(origin, result.stories, now, () => {
      updated = {
        ...record,
        kind: result.stories.length ? 'stories' : factChecks.length ? 'factchecks' : 'unknown',
        storyIds: [...this.holdings.heldBy(origin)].sort(),
        factCheckIds: factChecks.map((f) => f.id),
      };
      return { feed: updated, factChecks: { origin: feed.url, put: factChecks, remove: feed.factCheckIds.filter((id) => !listedChecks.has(id)) } };
    });
    const gone = new Set([...feed.factCheckIds, ...updated.factCheckIds]);
    this.factChecks = [...this.factChecks.filter((f) => !gone.has(f.id)), ...factChecks];
    this.refreshFactChecks();
    return this.status(updated);
  }

  // ----- Kagi News -----

  /** Where Kagi News is read (kite.kagi.com outside unit tests). */
  kagiBaseUrl(): string {
    return kagiBase(this.options.kagiBase ?? KAGI_DEFAULT_BASE);
  }

  async kagiView(): Promise<KagiView> {
    const state = await this.store.kagiState();
    const base = this.kagiBaseUrl();
    const names = [...new Set([...this.kagi.categories, ...Object.keys(state.categories)])];
    return {
      enabled: this.kagi.enabled,
      categories: [...this.kagi.categories],
      retentionDays: this.kagi.retentionDays,
      base,
      hostPattern: kagiHostPattern(base),
      status: {
        lastAttempt: state.lastAttempt ?? null,
        lastSuccess: state.lastSuccess ?? null,
        error: state.error ?? null,
        nextRun: this.kagi.enabled ? (state.nextRun ?? null) : null,
        categories: names.map((name) => {
          const c = state.categories[name];
          return { name, lastAttempt: c?.lastAttempt ?? null, lastSuccess: c?.lastSuccess ?? null, stories: this.holdings.heldBy(kagiOrigin(base, name)).size, error: c?.error ?? null };
        }),
      },
    };
  }

  /**
   * The reader's Kagi News choices. Opting in picks World when no category is chosen; opting out
   * (or dropping a category) gives up that source's stories, which then stay for the retention
   * period like any unlisted story.
   */
  async setKagi(change: { enabled?: boolean; categories?: string[]; retentionDays?: number }): Promise<KagiView> {
    await this.ready();
    const next: KagiSettings = { ...this.kagi };
    if (change.retentionDays !== undefined) next.retentionDays = validateRetentionDays(change.retentionDays);
    if (change.categories !== undefined) next.categories = [...new Map(change.categories.map((c) => [c.trim().toLowerCase(), c.trim()])).values()].filter((c) => c !== '');
    if (change.enabled !== undefined) next.enabled = change.enabled;
    if (next.enabled && next.categories.length === 0) next.categories = [KAGI_DEFAULT_CATEGORY];
    const state = await this.store.kagiState();
    // Off: no refresh is due, and the next opt-in starts without old backoff.
    const nextState: KagiState = next.enabled ? state : { ...state, nextRun: undefined, failures: 0 };
    // On: the next daily refresh (the options page syncs once at opt-in, the reader having asked).
    if (next.enabled && !this.kagi.enabled) nextState.nextRun = nextKagiRun(this.now(), 0, this.random).toISOString();
    await this.store.apply({ settings: new Map<string, unknown>([['kagi', next], ['kagi.status', nextState]]), at: this.now() });
    this.kagi = next;
    // Sources the reader turned off give up their stories now (retention keeps them a while).
    const base = this.kagiBaseUrl();
    await this.dropKagiOrigins(new Set(next.enabled ? next.categories.map((c) => kagiOrigin(base, c)) : []));
    return this.kagiView();
  }

  /**
   * Every Kagi category origin not in `kept` gives up its stories (one transaction each, with the
   * category's status gone). Reads every holding: run only when the reader changes the settings.
   */
  private async dropKagiOrigins(kept: ReadonlySet<string>): Promise<void> {
    const base = this.kagiBaseUrl();
    const origins = new Set<Origin>();
    for (const [, h] of this.holdings.entries()) for (const o of h.origins) if (isKagiOrigin(base, o) && !kept.has(o)) origins.add(o);
    const state = await this.store.kagiState();
    for (const name of Object.keys(state.categories)) if (!kept.has(kagiOrigin(base, name))) delete state.categories[name];
    const settings = new Map([['kagi.status', state]]);
    for (const origin of origins) await this.applyListing(origin, [], this.now(), () => ({ settings }));
    if (origins.size === 0) await this.store.apply({ settings, at: this.now() });
  }

  private kagiSource(fetchFn: typeof fetch) {
    return kiteSource(this.kagiBaseUrl(), feedFetchText(fetchFn, this.now));
  }

  /** The categories kite.json lists; only once the reader opted in (nothing is fetched before). */
  async kagiCategories(fetchFn: typeof fetch): Promise<string[]> {
    if (!this.kagi.enabled) throw new Error('Turn Kagi News on first: nothing is fetched from Kagi before.');
    return (await this.kagiSource(fetchFn).categories()).map((c) => c.name);
  }

  /**
   * Syncs the chosen categories: each category's listing is merged by the living library's rules and
   * written with that category's status in one transaction; one category's failure is kept on it and
   * the others still sync. Then retention runs and the next refresh is set.
   */
  async syncKagi(fetchFn: typeof fetch): Promise<KagiView> {
    if (!this.kagi.enabled) throw new Error('Kagi News is off: turn it on in the options page first.');
    await this.ready();
    const now = this.now();
    const at = now.toISOString();
    const base = this.kagiBaseUrl();
    const state: KagiState = await this.store.kagiState();
    state.lastAttempt = at;
    const source = this.kagiSource(fetchFn);
    let listed: KagiCategory[] | undefined;
    try {
      listed = await source.categories();
    } catch (e) {
      state.error = message(e);
    }
    let good = 0;
    if (listed) {
      const byName = new Map(listed.map((c) => [c.name.toLowerCase(), c]));
      const chosen: KagiCategory[] = [];
      for (const name of this.kagi.categories) {
        const c = byName.get(name.toLowerCase());
        if (c) chosen.push(c);
        else state.categories[name] = { ...(state.categories[name] ?? { stories: 0 }), lastAttempt: at, error: `Kagi News no longer lists a category named "${name}".` };
      }
      const results = await fetchEditions(source, chosen);
      let firstError: string | undefined;
      for (const r of results) {
        const name = this.kagi.categories.find((n) => n.toLowerCase() === r.category.name.toLowerCase()) ?? r.category.name;
        const previous = state.categories[name] ?? { stories: 0 };
        if (!r.ok) {
          state.categories[name] = { ...previous, lastAttempt: at, error: r.error };
          firstError ??= r.error;
          continue;
        }
        const origin = kagiOrigin(base, name);
        try {
          await this.applyListing(origin, r.edition.stories, now, () => {
            state.categories[name] = { lastAttempt: at, lastSuccess: at, stories: this.holdings.heldBy(origin).size };
            return { settings: new Map([['kagi.status', state]]) };
          });
          good++;
        } catch (e) {
          state.categories[name] = { ...previous, lastAttempt: at, error: message(e) };
          firstError ??= message(e);
        }
      }
      const failed = results.length - good;
      if (good === 0 && failed > 0) state.error = failed === 1 ? (firstError ?? 'The category could not be synced.') : `None of the ${failed} categories could be synced; each says why.`;
      else {
        delete state.error;
        state.lastSuccess = at;
      }
      // A category that failed is tried again after the backoff, not only the next day.
      state.failures = state.error === undefined && failed === 0 ? 0 : state.failures + 1;
    } else state.failures += 1;
    await this.finishKagiRun(state, now);
    await this.expire();
    return this.kagiView();
  }

  /**
   * A run that could not start (the reader took the host permission back): recorded like a failed
   * run, with its backoff, so the options page says why nothing changed.
   */
  async kagiFailed(error: string): Promise<KagiView> {
    const now = this.now();
    const state = await this.store.kagiState();
    await this.finishKagiRun({ ...state, lastAttempt: now.toISOString(), error, failures: state.failures + 1 }, now);
    return this.kagiView();
  }

  private async finishKagiRun(state: KagiState, now: Date): Promise<void> {
    state.nextRun = nextKagiRun(now, state.failures, this.random).toISOString();
    await this.store.apply({ settings: new Map([['kagi.status', state]]), at: now });
  }

  /** Kagi settings as stored (tests). */
  kagiSettings(): KagiSettings {
    return this.kagi;
  }
}

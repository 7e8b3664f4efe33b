/**
 * Who holds each story: its origins (the built-in story, the reader's imports, each feed that lists
 * it), and when it was last changed, last listed, and whether the reader follows it. A feed changes
 * only what it holds alone with other feeds; a story the built-in set or an import holds is never
 * overwritten or removed by a feed. A feed that stops listing a story gives up its origin; a story
 * no origin holds any more is kept for the retention period (retention.ts), then goes.
 */
export type Origin = 'builtin' | 'import' | `feed:${string}`;

export const feedOrigin = (url: string): Origin => `feed:${url}`;
export const isFeedOrigin = (o: string): o is `feed:${string}` => o.startsWith('feed:');

export interface Holding {
  /** The origins that hold the story now (none: unlisted, kept for the retention period). */
  origins: Origin[];
  /** ISO time the story's content last changed in the library (added or merged with a change). */
  lastUpdated?: string;
  /** ISO time since which no origin holds it; absent while held. */
  unlistedSince?: string;
  /** The reader follows it: kept whatever retention says. */
  followed?: boolean;
  /** ISO time the reader last opened it (for "new since you last looked"). */
  lastSeen?: string;
}

/** May a feed change this story's content? Only when no built-in or import origin holds it. */
export function feedMayChange(h: Holding | undefined): boolean {
  return h === undefined || h.origins.every(isFeedOrigin);
}

/**
 * The holdings of a library, with an index from origin to stories so that a feed's previous
 * listing is found without reading every holding.
 */
export class Holdings {
  private readonly byId = new Map<string, Holding>();
  private readonly byOrigin = new Map<Origin, Set<string>>();
  private readonly unlisted = new Set<string>();

  constructor(entries: Iterable<[string, Holding]> = []) {
    for (const [id, h] of entries) this.set(id, h);
  }

  get(id: string): Holding | undefined {
    return this.byId.get(id);
  }

  entries(): IterableIterator<[string, Holding]> {
    return this.byId.entries();
  }

  /** The stories an origin holds now. */
  heldBy(origin: Origin): ReadonlySet<string> {
    return this.byOrigin.get(origin) ?? new Set();
  }

  /** Stories no origin holds (kept for now by retention). */
  unlistedIds(): ReadonlySet<string> {
    return this.unlisted;
  }

  set(id: string, h: Holding): void {
    this.delete(id);
    // One origin (most stories) needs no set and no sort.
    const origins = h.origins.length < 2 ? [...h.origins] : [...new Set(h.origins)].sort();
    const stored: Holding = { ...h, origins };
    if (origins.length > 0 && stored.unlistedSince !== undefined) delete stored.unlistedSince;
    this.byId.set(id, stored);
    for (const o of origins) {
      let set = this.byOrigin.get(o);
      if (!set) this.byOrigin.set(o, (set = new Set()));
      set.add(id);
    }
    if (origins.length === 0) this.unlisted.add(id);
  }

  delete(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    for (const o of old.origins) this.byOrigin.get(o)?.delete(id);
    this.unlisted.delete(id);
    this.byId.delete(id);
  }

  /** Adds an origin to a story (creating its holding). */
  addOrigin(id: string, origin: Origin): Holding {
    const h = this.byId.get(id);
    const next: Holding = { ...(h ?? {}), origins: [...(h?.origins ?? []), origin] };
    this.set(id, next);
    return this.byId.get(id) as Holding;
  }

  /** Takes an origin from a story; a story left with none is unlisted from `now`. */
  dropOrigin(id: string, origin: Origin, now: Date): Holding | undefined {
    const h = this.byId.get(id);
    if (!h || !h.origins.includes(origin)) return h;
    const origins = h.origins.filter((o) => o !== origin);
    this.set(id, { ...h, origins, ...(origins.length === 0 ? { unlistedSince: now.toISOString() } : {}) });
    return this.byId.get(id);
  }
}

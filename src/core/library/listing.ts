/**
 * A feed's current listing applied to the library: each listed story is recognised (same id, a shared
 * article link, a close title), merged in place into the story it is, or added; stories the feed
 * listed before and lists no more lose the feed's origin. The rules of ownership.ts hold throughout:
 * a story held by the built-in set or an import is never changed, and a feed story whose id collides
 * with one is kept beside it under an id of its own.
 *
 * Pure and in memory: the recogniser and the holdings given are updated as it goes; the stories to
 * write and the holdings that changed are returned for the caller to persist in one transaction.
 * Cost is linear in the listing (plus the feed's previous listing), never in the library. In steps
 * (`listingSteps`, `importSteps`: one step a story) so that a caller with other work to answer (the
 * background) can pause between them (core/text/steps.ts); `applyListing` and `recordImport` run them at once.
 */
import { hash52 } from '../story/ids';
import type { Story } from '../story/model';
import type { StoryRecognizer } from './identity';
import { mergeStory } from './merge';
import { feedMayChange, type Holding, type Holdings, type Origin } from './ownership';
import { runSteps, type Steps } from '../text/steps';

export interface LibraryView {
  get(id: string): Story | undefined;
}

export interface ListingChanges {
  /** Stories to write (added or changed), each once, in its final state. */
  put: Story[];
  /** Holdings to write (every story whose holding changed). */
  holdings: Map<string, Holding>;
  added: number;
  updated: number;
  unchanged: number;
  /** Listed stories left as the reader's import or the built-in set holds them. */
  heldByReader: number;
  /** Stories the feed listed before and no longer lists. */
  dropped: number;
  /** For each followed story the listing changed: what it gained. */
  news: Map<string, { articles: number; timeline: number }>;
}

/** An id for a feed's story whose own id the reader's story has: stable for the same feed and id. */
function sideId(id: string, origin: Origin, taken: (id: string) => boolean): string {
  const base = `${id.slice(0, 180)}-${hash52(origin).toString(36).slice(0, 6)}`;
  let out = base;
  for (let i = 2; taken(out); i++) out = `${base}-${i}`;
  return out;
}

export function applyListing(view: LibraryView, recognizer: StoryRecognizer, holdings: Holdings, origin: Origin, listing: readonly Story[], now: Date): ListingChanges {
  return runSteps(listingSteps(view, recognizer, holdings, origin, listing, now));
}

/** `applyListing` one listed story (then one dropped story) a step. */
export function* listingSteps(view: LibraryView, recognizer: StoryRecognizer, holdings: Holdings, origin: Origin, listing: readonly Story[], now: Date): Steps<ListingChanges> {
  const at = now.toISOString();
  const pending = new Map<string, Story>();
  const get = (id: string) => pending.get(id) ?? view.get(id);
  const touched = new Set<string>();
  const claimed = new Set<string>();
  const out: ListingChanges = { put: [], holdings: new Map(), added: 0, updated: 0, unchanged: 0, heldByReader: 0, dropped: 0, news: new Map() };
  const mayChange = (id: string) => feedMayChange(holdings.get(id));
  const free = (id: string) => !claimed.has(id);

  for (const incoming of listing) {
    yield;
    const sameId = get(incoming.id) !== undefined && free(incoming.id) ? incoming.id : undefined;
    let target: string | undefined;
    let newId = incoming.id;
    if (sameId !== undefined && mayChange(sameId)) target = sameId;
    else {
      const rec = recognizer.recognize(incoming, free);
      if (rec && !mayChange(rec.id)) {
        // The reader's own copy of this story: theirs to keep as they imported it.
        out.heldByReader++;
        claimed.add(rec.id);
        continue;
      }
      if (rec) target = rec.id;
      else if (get(incoming.id) !== undefined) newId = sideId(incoming.id, origin, (id) => get(id) !== undefined);
    }

    if (target !== undefined) {
      const held = get(target) as Story;
      const m = mergeStory(held, incoming);
      const h = holdings.get(target);
      if (m.changed) {
        pending.set(target, m.story);
        recognizer.add(m.story);
        out.updated++;
        if (h?.followed && (m.added.articles > 0 || m.added.timeline > 0)) out.news.set(target, m.added);
      } else out.unchanged++;
      if (!h?.origins.includes(origin) || m.changed) {
        holdings.set(target, { ...(h ?? { origins: [] }), origins: [...(h?.origins ?? []), origin], ...(m.changed ? { lastUpdated: at } : {}) });
        touched.add(target);
      }
      claimed.add(target);
    } else {
      const story = newId === incoming.id ? incoming : { ...incoming, id: newId };
      pending.set(newId, story);
      recognizer.add(story);
      holdings.set(newId, { origins: [origin], lastUpdated: at });
      touched.add(newId);
      claimed.add(newId);
      out.added++;
    }
  }

  // What the feed listed before and no longer lists is no longer held by it.
  for (const id of [...holdings.heldBy(origin)]) {
    if (claimed.has(id)) continue;
    yield;
    holdings.dropOrigin(id, origin, now);
    touched.add(id);
    out.dropped++;
  }

  out.put = [...pending.values()];
  for (const id of touched) {
    const h = holdings.get(id);
    if (h) out.holdings.set(id, h);
  }
  return out;
}

/**
 * The reader's import: each story is theirs as given (it replaces the content of a story with its
 * id, whoever held it), and the import origin is added to what holds it. Linear in the import.
 */
export function recordImport(recognizer: StoryRecognizer, holdings: Holdings, stories: readonly Story[], now: Date): Map<string, Holding> {
  return runSteps(importSteps(recognizer, holdings, stories, now));
}

/** `recordImport` one story a step. */
export function* importSteps(recognizer: StoryRecognizer, holdings: Holdings, stories: readonly Story[], now: Date): Steps<Map<string, Holding>> {
  const at = now.toISOString();
  const changed = new Map<string, Holding>();
  for (const s of stories) {
    yield;
    recognizer.add(s);
    const h = holdings.get(s.id);
    holdings.set(s.id, { ...(h ?? { origins: [] }), origins: [...(h?.origins ?? []), 'import'], lastUpdated: at });
    changed.set(s.id, holdings.get(s.id) as Holding);
  }
  return changed;
}

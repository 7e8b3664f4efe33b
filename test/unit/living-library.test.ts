/**
 * A library kept by feeds: stories recognised across days (links, then titles), merged in place,
 * held by their origins, kept for the retention period. Built on the dev Kagi stories published over
 * two "days" (test/support/kagi-editions.ts).
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseCategoryEdition } from '../../src/core/feeds/kagi-news';
import { Library } from '../../src/core/library';
import { linkKey, StoryRecognizer, TITLE_SIMILARITY } from '../../src/core/library/identity';
import { LivingLibrary } from '../../src/core/library/living';
import { mergeStory, sameJson } from '../../src/core/library/merge';
import { feedOrigin, Holdings } from '../../src/core/library/ownership';
import { expiredStories, validateRetentionDays } from '../../src/core/library/retention';
import { importJson } from '../../src/core/story/import';
import { canonicalize, StorySchema, type Story } from '../../src/core/story/model';
import { delisted, devEdition, retitled, storyOnDay, type RawStory } from '../support/kagi-editions';
import { seededRandom } from '../support/random';
import { rawKagiStories } from './helpers';

const raws = rawKagiStories() as unknown as RawStory[];
const DAY1 = new Date('2025-12-27T12:30:00Z');
const DAY2 = new Date('2025-12-28T12:30:00Z');
const DAY_MS = 86_400_000;
const WORLD = feedOrigin('https://kite.example/#world');
const OTHER = feedOrigin('https://other.example/feed.json');

/** A dev story as published on a day, imported (no id: Kagi's own stories carry none). */
const published = (i: number, day: 1 | 2): Story => {
  const raw = storyOnDay(raws[i] as RawStory, i, day);
  if (!raw) throw new Error(`story ${i} is not listed on day ${day}`);
  return importJson(raw, `day${day}.json`)[0] as Story;
};
const all = (day: 1 | 2) => raws.map((_, i) => i).filter((i) => day === 1 || !delisted(i)).map((i) => published(i, day));
const fresh = () => new LivingLibrary(new Library());

describe('identity across days', () => {
  it('a retitled story is recognised by its links and updated in place: same id, new title, more articles, longer timeline, never fewer', () => {
    const lib = fresh();
    const day1 = all(1);
    const first = lib.applyListing(WORLD, day1, DAY1);
    expect(first.added).toBe(raws.length);
    const ids = new Map(raws.map((_, i) => [i, day1[i]!.id]));

    const second = lib.applyListing(WORLD, all(2), DAY2);
    const retitledCount = raws.filter((_, i) => retitled(i)).length;
    expect(second.added).toBe(0);
    expect(second.updated).toBe(retitledCount);
    expect(second.unchanged).toBe(raws.length - retitledCount - raws.filter((_, i) => delisted(i)).length);
    expect([...lib.stories.stories()].length).toBe(raws.length);

    for (let i = 0; i < raws.length; i++) {
      if (!retitled(i)) continue;
      const before = day1[i]!;
      const after = lib.stories.get(ids.get(i)!)!;
      const day2 = published(i, 2);
      // The day-2 story's own id differs (its title changed): recognition, not the id, found it.
      expect(day2.id).not.toBe(before.id);
      expect(after.title).toBe(day2.title);
      const links = new Set(after.articles.map((a) => a.url));
      for (const a of [...before.articles, ...day2.articles]) expect(links.has(a.url)).toBe(true);
      expect(after.articles.length).toBe(before.articles.length + 2);
      expect(after.timeline.length).toBeGreaterThan(before.timeline.length);
      expect(after.sources.length).toBeGreaterThanOrEqual(before.sources.length);
      expect(v.safeParse(StorySchema, after).success).toBe(true);
      expect(lib.holdings.get(after.id)?.lastUpdated).toBe(DAY2.toISOString());
    }
  });

  it('no two different dev stories are taken for one (35 stories in, 35 held)', () => {
    const r = new StoryRecognizer();
    for (const s of all(1)) {
      expect(r.recognize(s)).toBeUndefined();
      r.add(s);
    }
  });

  it('a story with none of its links is recognised by a close title, and an unrelated title is not', () => {
    const r = new StoryRecognizer(all(1));
    const s = published(1, 1);
    const relinked: Story = { ...s, id: 'other-id', title: `${s.title} again`, articles: s.articles.map((a, j) => ({ ...a, url: `https://elsewhere.example/${j}` })), sources: [] };
    expect(r.recognize(relinked)).toEqual({ id: s.id, by: 'title' });
    const unrelated: Story = { ...relinked, title: 'Quarterly rainfall figures for a coastal province' };
    expect(r.recognize(unrelated)).toBeUndefined();
    expect(TITLE_SIMILARITY).toBeGreaterThan(0.5);
  });

  it('links that differ only in www, scheme, fragment or a trailing slash are one link', () => {
    expect(linkKey('https://www.example.com/a/b/#x')).toBe(linkKey('http://example.com/a/b'));
    expect(linkKey('https://example.com/a?id=1')).not.toBe(linkKey('https://example.com/a?id=2'));
    expect(linkKey('javascript:alert(1)')).toBeUndefined();
  });

  it('merging keeps every citation on a source the story has', () => {
    const before = published(0, 1);
    const merged = mergeStory(before, { ...published(0, 2), sources: published(0, 2).sources.slice(0, 1), timeline: [] }).story;
    const ns = new Set(merged.sources.map((s) => s.n));
    for (const e of merged.timeline) for (const c of e.citations) expect(ns.has(c)).toBe(true);
    expect(merged.timeline.length).toBe(before.timeline.length);
    expect(merged.sources.length).toBeGreaterThanOrEqual(before.sources.length);
    expect(mergeStory(before, before).changed).toBe(false);
  });

  it('a merge is a change exactly when the merged story is written otherwise than the held one', () => {
    const rand = seededRandom(91);
    const base = published(0, 1);
    const edits: ((s: Story) => Story)[] = [
      (s) => s,
      (s) => ({ ...s, title: `${s.title}!` }),
      (s) => ({ ...s, updated: '2030-01-01T00:00:00Z' }),
      (s) => ({ ...s, articles: s.articles.slice(1) }),
      (s) => ({ ...s, summary: s.summary.map((x) => ({ ...x, citations: [...x.citations].reverse() })) }),
      (s) => ({ ...s, timeline: s.timeline.map((e, i) => (i === 0 ? { ...e, label: 'then' } : e)) }),
      (s) => ({ ...s, links: [...s.links, { url: 'https://example.org/more', cited: 0 }] }),
      (s) => ({ ...s, perspectives: [] }),
      (s) => ({ ...s, format: undefined }),
    ];
    for (let k = 0; k < 60; k++) {
      const held = edits[Math.floor(rand() * edits.length)]!(base);
      const edition = edits[Math.floor(rand() * edits.length)]!(base);
      const m = mergeStory(held, edition);
      expect(m.changed, `case ${k}`).toBe(JSON.stringify(m.story) !== JSON.stringify(canonicalize(held)));
      expect(sameJson(m.story, canonicalize(held))).toBe(!m.changed);
    }
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([1, [2, { c: null }]], [1, [2, { c: null }]])).toBe(true);
    expect(sameJson([1, [2, { c: null }]], [1, [2, { c: 0 }]])).toBe(false);
  });
});

describe('ownership', () => {
  it("a feed listing the id of the reader's import neither overwrites nor removes it; its own story stays beside", () => {
    const lib = fresh();
    const mine: Story = { ...published(2, 1), title: 'The reader’s own notes on a different matter', articles: [], sources: [], timeline: [], summary: [], articleCount: 0 };
    lib.import([mine], DAY1);
    const feedStory = { ...published(4, 1), id: mine.id };
    const first = lib.applyListing(WORLD, [feedStory], DAY1);
    expect(first.added).toBe(1);
    expect(lib.stories.get(mine.id)).toEqual(mine);
    const side = first.put[0]!;
    expect(side.id).not.toBe(mine.id);
    // The next day it lists more of the same story under the same id: the side copy is updated.
    const second = lib.applyListing(WORLD, [{ ...feedStory, articles: [...feedStory.articles, { outlet: 'X', title: 'More', url: 'https://x.example/more' }] }], DAY2);
    expect(second.updated).toBe(1);
    expect(lib.stories.get(side.id)?.articles.length).toBe(feedStory.articles.length + 1);
    // Then it drops it: the import is untouched, and not even unlisted.
    lib.applyListing(WORLD, [], new Date(DAY2.getTime() + DAY_MS));
    expect(lib.expire(new Date(DAY2.getTime() + 100 * DAY_MS))).toEqual([side.id]);
    expect(lib.stories.get(mine.id)).toEqual(mine);
    expect(lib.holdings.get(mine.id)?.origins).toEqual(['import']);
  });

  it("a feed that lists the reader's imported story (shared links) leaves it as imported", () => {
    const lib = fresh();
    const imported = published(3, 1);
    lib.import([imported], DAY1);
    const r = lib.applyListing(WORLD, [published(3, 2)], DAY2);
    expect(r.heldByReader).toBe(1);
    expect(r.put).toEqual([]);
    expect(lib.stories.get(imported.id)).toEqual(imported);
  });

  it('the built-in story is never changed by a feed', () => {
    const builtin = published(5, 1);
    const lib = new LivingLibrary(new Library([builtin]), [[builtin.id, { origins: ['builtin'] }]]);
    lib.applyListing(WORLD, [{ ...builtin, title: 'Replaced' }], DAY1);
    lib.applyListing(WORLD, [], DAY2);
    expect(lib.stories.get(builtin.id)).toEqual(builtin);
    expect(lib.expire(new Date(DAY2.getTime() + 365 * DAY_MS))).toEqual([]);
  });

  it("two feeds that share an id do not remove each other's story", () => {
    const lib = fresh();
    const s = published(6, 1);
    lib.applyListing(WORLD, [s], DAY1);
    lib.applyListing(OTHER, [s], DAY1);
    expect(lib.holdings.get(s.id)?.origins).toEqual([WORLD, OTHER].sort());
    lib.applyListing(WORLD, [], DAY2);
    expect(lib.holdings.get(s.id)?.origins).toEqual([OTHER]);
    expect(lib.expire(new Date(DAY2.getTime() + 365 * DAY_MS))).toEqual([]);
    expect(lib.stories.get(s.id)).toBeDefined();
  });

  it('a library with lost records treats every story as the reader’s', () => {
    const s = published(7, 1);
    const lib = new LivingLibrary(new Library([s]));
    lib.applyListing(WORLD, [{ ...s, title: 'Changed by a feed' }], DAY1);
    expect(lib.stories.get(s.id)).toEqual(s);
  });
});

describe('retention', () => {
  it('an unlisted story stays for the period, then goes; a followed one stays; a relisted one is held again', () => {
    const lib = fresh();
    const [a, b, c] = [published(8, 1), published(9, 1), published(10, 1)];
    lib.applyListing(WORLD, [a!, b!, c!], DAY1);
    lib.applyListing(WORLD, [c!], DAY2);
    lib.follow(b!.id, true, DAY2);
    expect(lib.holdings.get(a!.id)?.unlistedSince).toBe(DAY2.toISOString());
    expect(lib.expire(new Date(DAY2.getTime() + 30 * DAY_MS - 1))).toEqual([]);
    expect(lib.expire(new Date(DAY2.getTime() + 30 * DAY_MS), 30)).toEqual([a!.id]);
    expect(lib.stories.get(a!.id)).toBeUndefined();
    expect(lib.stories.get(b!.id)).toBeDefined();
    // Listed again, the followed story is held again and no longer counted as unlisted.
    lib.applyListing(WORLD, [b!, c!], new Date(DAY2.getTime() + 31 * DAY_MS));
    expect(lib.holdings.get(b!.id)?.unlistedSince).toBeUndefined();
    // A removed story is forgotten by the recogniser too: it comes back as new.
    expect(lib.applyListing(WORLD, [a!], new Date(DAY2.getTime() + 32 * DAY_MS)).added).toBe(1);
  });

  it('the retention period is a whole number of days, and an unreadable time removes nothing', () => {
    expect(() => validateRetentionDays(0)).toThrow(/whole number of days from 1/);
    expect(() => validateRetentionDays(1.5)).toThrow(/1\.5/);
    const h = new Holdings([['x', { origins: [], unlistedSince: 'yesterday' }]]);
    expect(expiredStories(h, new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('a followed story', () => {
  it('reports what the next edition added', () => {
    const lib = fresh();
    const i = raws.findIndex((_, k) => retitled(k));
    const s = published(i, 1);
    lib.applyListing(WORLD, [s], DAY1);
    lib.follow(s.id, true, DAY1);
    const r = lib.applyListing(WORLD, [published(i, 2)], DAY2);
    expect(r.news.get(s.id)).toEqual({ articles: 2, timeline: 1 });
  });
});

describe('the dev edition as category files', () => {
  it('each category file reads as its stories; a category with none is a quiet day', () => {
    const ed = devEdition(raws, 1);
    let total = 0;
    for (const [name, file] of [...ed.categories.keys()].map((n) => [n, `${n.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`] as const)) {
      const got = parseCategoryEdition(ed.files.get(file)!, { name, url: `http://127.0.0.1/${file}` });
      total += got.stories.length;
      expect(got.timestamp).toBe('2025-12-27T12:00:00.000Z');
    }
    expect(total).toBe(raws.length);
  });
});

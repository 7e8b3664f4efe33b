/**
 * What a followed story gained since the reader last looked (core/library/changes.ts), on the dev
 * Kagi stories published over two "days" (test/support/kagi-editions.ts) and merged in place as a
 * feed sync does: a story that gained articles and a timeline entry shows exactly those, a story
 * that came back unchanged shows nothing, and a merge that renumbers or reorders shows nothing new.
 */
import { describe, expect, it } from 'vitest';
import { findDisputes } from '../../src/core/claims/disputes';
import { changeSince, countsOf, describeChange, snapshotOf } from '../../src/core/library/changes';
import { mergeStory } from '../../src/core/library/merge';
import { importJson } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { delisted, retitled, storyOnDay, type RawStory } from '../support/kagi-editions';
import { rawKagiStories } from './helpers';

const raws = rawKagiStories() as unknown as RawStory[];
const published = (i: number, day: 1 | 2): Story => importJson(storyOnDay(raws[i] as RawStory, i, day), `day${day}.json`)[0] as Story;
/** The change a reader who looked at `before` sees in `after`. */
const change = (before: Story, after: Story) => changeSince(snapshotOf(before, findDisputes(before)), after, findDisputes(after));

describe('changes of a followed story across two Kagi days (dev data)', () => {
  const listed = raws.map((_, i) => i).filter((i) => !delisted(i));

  it('the dev data has both kinds of stories', () => {
    expect(listed.filter((i) => retitled(i)).length).toBeGreaterThan(3);
    expect(listed.filter((i) => !retitled(i)).length).toBeGreaterThan(3);
  });

  it.each(listed.filter((i) => retitled(i)))('story %i, retitled and grown on day 2: its two new articles and its new timeline entry, nothing else', (i) => {
    const day1 = published(i, 1);
    const day2 = published(i, 2);
    const merged = mergeStory(day1, day2).story;
    const c = change(day1, merged);
    // What day 2 lists that day 1 did not: the edition's own added links, found independently of the keys.
    const known = new Set(day1.articles.map((a) => a.url));
    expect(c.articles.map((a) => a.url).sort()).toEqual(day2.articles.map((a) => a.url).filter((u) => !known.has(u)).sort());
    expect(c.articles).toHaveLength(2);
    expect(c.timeline.map((e) => e.text)).toEqual([`Later reports: ${day2.title}.`]);
    // The article day 2 no longer lists is kept by the merge, and is not new.
    expect(merged.articles.length).toBe(day1.articles.length + 2);
    expect(describeChange(countsOf(c))).toMatch(/^2 new articles, 1 new timeline entry(, \d+ new disputed claims?)?$/);
  });

  it.each(listed.filter((i) => !retitled(i)))('story %i, unchanged on day 2: nothing new', (i) => {
    const day1 = published(i, 1);
    const merged = mergeStory(day1, published(i, 2)).story;
    expect(countsOf(change(day1, merged))).toEqual({ articles: 0, timeline: 0, disputes: 0 });
  });
});

/** The story with every source number moved by `by` and every citation with it (what a merge's renumbering does). */
function renumbered(s: Story, by: number): Story {
  const cite = (cs: number[]) => cs.map((n) => n + by);
  return {
    ...s,
    sources: s.sources.map((x) => ({ ...x, n: x.n + by })),
    summary: s.summary.map((sec) => ({ ...sec, citations: cite(sec.citations), sentences: sec.sentences.map((x) => ({ ...x, citations: cite(x.citations) })) })),
    timeline: [...s.timeline].reverse().map((e) => ({ ...e, citations: cite(e.citations) })),
    articles: [...s.articles].reverse(),
  };
}

describe('keys, not counts', () => {
  const stories = raws.map((_, i) => published(i, 1));
  const disputed = stories.filter((s) => findDisputes(s).some((d) => d.sides.some((x) => x.citations.length > 0)));

  it('a story renumbered and reordered (as a merge does) has nothing new, though its disputes cite other numbers', () => {
    expect(disputed.length).toBeGreaterThan(0);
    for (const s of disputed) {
      const after = renumbered(s, 100);
      expect(findDisputes(after).map((d) => d.sides.map((x) => x.citations))).not.toEqual(findDisputes(s).map((d) => d.sides.map((x) => x.citations)));
      expect(countsOf(change(s, after)), s.title).toEqual({ articles: 0, timeline: 0, disputes: 0 });
    }
  });

  it('one article dropped and another added (the count unchanged): the added one is new', () => {
    const s = stories.find((x) => x.articles.length >= 2)!;
    const added = { outlet: 'Example News', title: 'A later report', url: 'https://example.org/later-report' };
    const after = { ...s, articles: [...s.articles.slice(1), added] };
    expect(after.articles.length).toBe(s.articles.length);
    expect(change(s, after).articles).toEqual([added]);
  });

  it('an article listed again under another address form (www., trailing slash, fragment) is not new', () => {
    const s = stories.find((x) => x.articles.some((a) => a.url))!;
    const after = {
      ...s,
      articles: s.articles.map((a) => {
        if (!a.url) return a;
        const u = new URL(a.url);
        u.hostname = u.hostname.startsWith('www.') ? u.hostname.slice(4) : `www.${u.hostname}`;
        return { ...a, url: `${u.href.replace(/\/$/, '')}/#top` };
      }),
    };
    expect(change(s, after).articles).toEqual([]);
  });

  it('a timeline entry whose date a later edition resolves differently is not new; one with new words is', () => {
    const s = stories.find((x) => x.timeline.some((e) => e.date !== null))!;
    const i = s.timeline.findIndex((e) => e.date !== null);
    const redated = { ...s, timeline: s.timeline.map((e, j) => (j === i ? { ...e, date: '2020-01-01', precision: 'day' as const } : e)) };
    expect(change(s, redated).timeline).toEqual([]);
    const entry = { date: '2026-01-02', precision: 'day' as const, text: 'Talks resume in a third city.', citations: [] };
    expect(change(s, { ...s, timeline: [...s.timeline, entry] }).timeline).toEqual([entry]);
  });

  it('says what changed in words, with plurals', () => {
    expect(describeChange({ articles: 2, timeline: 1, disputes: 0 })).toBe('2 new articles, 1 new timeline entry');
    expect(describeChange({ articles: 1, timeline: 0, disputes: 3 })).toBe('1 new article, 3 new disputed claims');
    expect(describeChange({ articles: 0, timeline: 0, disputes: 0 })).toBe('');
  });
});

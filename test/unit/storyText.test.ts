import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBytes, importText } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { readBytes, REFERENCE_PATH, referenceText, SHARED_REFERENCE_PATH } from './helpers';

const text = referenceText();
const lines = text.split('\n');
const importOne = (t: string, file = 'ukraine.txt'): Story => {
  const stories = importText(t, file);
  expect(stories).toHaveLength(1);
  return stories[0] as Story;
};
const story = importOne(text);

/** The lines between a section header and the next header, as written in the file. */
function sectionLines(header: RegExp, next: RegExp): string[] {
  const start = lines.findIndex((l) => header.test(l));
  const end = lines.findIndex((l, i) => i > start && next.test(l));
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return lines.slice(start + 1, end);
}

describe('reference story (story text format)', () => {
  it('ships a copy byte-identical to ../shared/data/stories', () => {
    const shipped = readFileSync(REFERENCE_PATH);
    const shared = readFileSync(SHARED_REFERENCE_PATH); // throws (fails) when the data is missing
    expect(shipped.equals(shared)).toBe(true);
  });

  it('imports from bytes as one story text story', () => {
    const [s, ...rest] = importBytes(readBytes(REFERENCE_PATH), 'ukraine.txt');
    expect(rest).toEqual([]);
    expect(s).toEqual(story);
    expect(story.format).toBe('story-text');
    expect(story.title).toBe(lines[0]);
    expect(story.articleCount).toBe(9);
  });

  it('has 8 sources numbered 1..8 with their outlets', () => {
    expect(story.sources.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(story.sources.map((s) => s.outlet)).toEqual(['Newsweek', 'CNN', 'AP', 'CNN', 'Newsweek', 'BBC', 'CNN', 'Newsweek']);
  });

  it('splits source titles from descriptions', () => {
    const bbc = story.sources[5];
    expect(bbc?.outlet).toBe('BBC');
    expect(bbc?.title).toBe('Trump claims Putin agreed to week\u2011long pause on Ukrainian attacks amid extreme cold');
    expect(bbc?.description).toBe('Covers Trump\u2019s announcement, lack of Russian confirmation, and NATO\u2011related air\u2011defence contributions.');
    // The title is taken up to the related article's title, the description starts after the next ": ".
    expect(story.sources[1]?.title).toBe('Russia Resumes Massive Night Strikes on Ukrainian Cities, Ending US\u2011Backed Pause');
    expect(story.sources[1]?.description.startsWith('Describes the Feb 3 missile\u2011drone barrage')).toBe(true);
  });

  it('keeps every source line as "Outlet: Title: description" from the file', () => {
    const body = sectionLines(/^Sources$/, /^Timeline$/);
    const written = body.filter((_l, i) => /^\d+\.$/.test(body[i - 1] ?? ''));
    expect(written).toHaveLength(8);
    story.sources.forEach((s, i) => {
      // The file puts a space before the final full stop ("contributions ."); the importer tidies it.
      expect(`${s.outlet}: ${s.title}: ${s.description}`).toBe((written[i] ?? '').replace(/\s+\.$/, '.'));
      // Each source is one of the related articles, by the same outlet.
      expect(story.articles).toContainEqual({ outlet: s.outlet, title: s.title });
    });
  });

  it('lists the 9 related articles in order', () => {
    const written = sectionLines(/^All related articles/, /^External resources/).filter((l) => l !== '-');
    expect(story.articles).toHaveLength(9);
    expect(story.articles.map((a) => `${a.outlet}: ${a.title}`)).toEqual(written);
    expect(story.articles.at(-1)).toEqual({ outlet: 'BBC', title: 'Ukraine declares energy sector state of emergency as strikes disrupt power' });
  });

  it('has 12 timeline entries with ISO dates at their precision', () => {
    expect(story.timeline.map((e) => [e.date, e.precision])).toEqual([
      ['2022-03', 'month'],
      ['2025-05', 'month'],
      ['2026-01-15', 'day'],
      ['2026-01-29', 'day'],
      ['2026-01-29', 'day'],
      ['2026-01-30', 'day'],
      ['2026-01-30', 'day'],
      ['2026-01-31', 'day'],
      ['2026-02-01', 'day'],
      ['2026-02-03', 'day'],
      ['2026-02-03', 'day'],
      ['2026-02-04', 'day'],
    ]);
    for (const e of story.timeline) {
      expect(e.label).toBeUndefined();
      expect(e.text).not.toMatch(/\[\d+\]/);
      expect(e.text).not.toMatch(/^[\s\u2013-]/);
    }
  });

  it('keeps timeline citations exactly as written, never renumbered', () => {
    const written = sectionLines(/^Timeline$/, /^All related articles/);
    expect(written).toHaveLength(12);
    const cited = written.map((l) => [...l.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    expect(story.timeline.map((e) => e.citations)).toEqual(cited);
    expect(story.timeline[2]?.citations).toEqual([2]); // Jan 15, 2026
    expect(story.timeline[10]?.date).toBe('2026-02-03');
    expect(story.timeline[10]?.citations).toEqual([9]); // cites a number not in Sources
  });

  it('has 4 summary sections with exact headings', () => {
    expect(story.summary.map((s) => s.heading)).toEqual([
      'Trump\u2019s week\u2011long pause claim and its disputed timeline',
      'Scale of the renewed missile\u2011drone barrage',
      'Humanitarian fallout amid extreme cold',
      'International and domestic political reactions',
    ]);
    story.summary.forEach((sec, i) => {
      const paragraph = lines[2 + i] ?? '';
      expect(paragraph.startsWith(`${sec.heading} `)).toBe(true);
      expect(sec.text).toBe(sec.sentences.map((x) => x.text).join(' '));
      expect(sec.text).not.toMatch(/\[\d+\]/);
    });
  });

  it('keeps per-sentence citations', () => {
    const [first] = story.summary[0]?.sentences ?? [];
    expect(first?.text.startsWith('President Donald Trump announced a personal request')).toBe(true);
    expect(first?.citations).toEqual([1, 6, 8]);
    const sentences = story.summary.flatMap((s) => s.sentences);
    const coordinated = sentences.filter((x) => x.text.startsWith('The coordinated strike hit'));
    expect(coordinated).toHaveLength(1);
    expect(coordinated[0]?.citations).toEqual([]);
    // Section citations are the union of its sentences' citations, and match the paragraph's markers.
    story.summary.forEach((sec, i) => {
      const written = [...new Set([...(lines[2 + i] ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
      expect(sec.citations).toEqual(written);
    });
  });

  it('has one external link cited once', () => {
    expect(story.links).toEqual([{ url: 'https://x.com/TimchenkoMaxim/status/2018756756218823008?s=20', cited: 1 }]);
  });
});

describe('story text robustness', () => {
  const shape = (s: Story) => ({
    articleCount: s.articleCount,
    sources: s.sources.map((x) => x.n),
    articles: s.articles.length,
    summary: s.summary.map((x) => x.sentences.map((y) => y.citations)),
    timeline: s.timeline.map((e) => [e.date, e.precision, e.citations]),
    links: s.links,
  });
  const variants: Record<string, string> = {
    'ASCII dashes for U+2011/U+2013/U+2014': text.replace(/[\u2011\u2013\u2014]/g, '-'),
    'CRLF line endings': text.replace(/\n/g, '\r\n'),
    'extra blank lines everywhere': `\n\n${text.replace(/\n/g, '\n\n \n\t\n')}\n\n`,
    'straight quotes': text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"'),
  };

  it.each(Object.entries(variants))('imports with %s', (_name, variant) => {
    expect(variant).not.toBe(text);
    const s = importOne(variant, 'variant.txt');
    expect(shape(s)).toEqual(shape(story));
    expect(s.summary).toHaveLength(4);
    expect(s.sources.map((x) => x.outlet)).toEqual(story.sources.map((x) => x.outlet));
  });

  it('splits headings the same way with ASCII dashes and straight quotes', () => {
    const fold = (x: string) => x.replace(/[\u2011\u2013\u2014]/g, '-').replace(/[\u2018\u2019]/g, "'");
    const s = importOne(fold(text));
    expect(s.summary.map((x) => x.heading)).toEqual(story.summary.map((x) => fold(x.heading)));
    expect(s.sources.map((x) => x.title)).toEqual(story.sources.map((x) => fold(x.title)));
  });

  it('CRLF and blank lines do not change the imported story at all', () => {
    expect(importOne(variants['CRLF line endings'] as string)).toEqual(story);
    expect(importOne(variants['extra blank lines everywhere'] as string)).toEqual(story);
  });
});

describe('story id', () => {
  it('is stable: the same input gives the same id', () => {
    expect(importOne(text, 'a.txt').id).toBe(story.id);
    expect(importOne(text, 'other-name.txt').id).toBe(story.id);
    expect(story.id.length).toBeGreaterThan(0);
  });

  it('differs for a different title', () => {
    const retitled = text.replace(/^.*/, 'A different story about the Ukraine ceasefire');
    const s = importOne(retitled);
    expect(s.title).toBe('A different story about the Ukraine ceasefire');
    expect(s.id).not.toBe(story.id);
  });
});

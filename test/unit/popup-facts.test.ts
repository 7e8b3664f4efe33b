import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/story/import';
import type { Story, TimelineEntry } from '../../src/core/story/model';
import { isFrontPage } from '../../src/popup/frontPage';
import { coverage, keyStep, outletName, prose, splitSpeaker } from '../../src/popup/storyFacts';
import { KAGI_PATH, REFERENCE_PATH } from './helpers';

const reference = (): Story => importText(readFileSync(REFERENCE_PATH, 'utf8'), 'ref.txt')[0]!;

describe('coverage: who reports a story', () => {
  it('counts one report per address across sources and articles, marks the reader’s outlet, most reports first', () => {
    const c = coverage(reference(), 'BBC News');
    const total = new Set([...reference().sources.map((s) => s.url ?? `#${s.n}`), ...reference().articles.map((a) => a.url ?? a.title)]).size;
    expect(c.outlets.reduce((n, o) => n + o.reports, 0)).toBeLessThanOrEqual(total);
    expect(c.outlets.map((o) => o.reports)).toEqual([...c.outlets.map((o) => o.reports)].sort((a, b) => b - a));
    expect(c.outlets.filter((o) => o.own).map((o) => o.name)).toEqual(['BBC']);
  });

  it('names outlets as the registry does, by name or by domain, and keeps names it does not know', () => {
    expect(outletName('cnbc.com')).toBe('CNBC');
    expect(outletName('Associated Press')).toBe('AP');
    expect(outletName('Some Local Paper', 'https://www.bbc.co.uk/news/x')).toBe('BBC');
    expect(outletName('Some Local Paper')).toBe('Some Local Paper');
  });

  it('gives the span of the articles’ publication dates for a Kagi story, and none when no article is dated', () => {
    const stories = importText(readFileSync(KAGI_PATH, 'utf8'), 'kagi.json');
    const dated = stories.find((s) => s.articles.filter((a) => a.published).length > 1)!;
    const days = dated.articles.map((a) => a.published).filter((d): d is string => !!d).sort();
    const c = coverage(dated, null);
    expect([c.from, c.to]).toEqual([days[0], days.at(-1)]);
    expect(coverage({ ...dated, articles: dated.articles.map(({ published: _p, ...a }) => a) }, null)).toMatchObject({ from: null, to: null });
  });
});

describe('keyStep: the timeline step a reader wants first', () => {
  const e = (date: string | null, text: string): TimelineEntry => ({ date, precision: date ? 'day' : null, text, citations: [] });
  it('is the earliest step still to come, else the latest dated one', () => {
    const entries = [e('2026-01-02', 'b'), e('2026-03-01', 'd'), e('2026-01-01', 'a'), e('2026-02-01', 'c'), e(null, 'undated')];
    expect(keyStep(entries, Date.parse('2026-01-15'))).toMatchObject({ entry: { text: 'c' }, upcoming: true });
    expect(keyStep(entries, Date.parse('2027-01-01'))).toMatchObject({ entry: { text: 'd' }, upcoming: false });
    expect(keyStep([e(null, 'x')], 0)).toBeNull();
  });
});

describe('story text as prose', () => {
  it('drops bracketed lower-case markers but keeps citations, names and other brackets', () => {
    expect(prose('Cells organise the genome [common]. It [was] said')).toBe('Cells organise the genome. It said');
    expect(prose('Talks [AP] resumed [3].')).toBe('Talks [AP] resumed [3].');
  });
  it('splits a perspective’s speaker from the view only at a short lead before a colon', () => {
    expect(splitSpeaker('US officials: They said the strikes worked.')).toEqual({ speaker: 'US officials', view: 'They said the strikes worked.' });
    expect(splitSpeaker('The plan failed. Critics said: no.')).toEqual({ speaker: null, view: 'The plan failed. Critics said: no.' });
  });
});

describe('isFrontPage', () => {
  it('is a site’s root address without a query', () => {
    expect(isFrontPage('https://edition.cnn.com/')).toBe(true);
    expect(isFrontPage('https://www.bbc.com')).toBe(true);
    expect(isFrontPage('https://edition.cnn.com/?refresh=1')).toBe(false);
    expect(isFrontPage('https://edition.cnn.com/2026/02/02/world/story')).toBe(false);
    expect(isFrontPage('chrome://extensions/')).toBe(false);
    expect(isFrontPage(undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { checkCitations, checkedCitations, outletsByContent, type CitationCheck } from '../../src/core/claims/citationCheck';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { KAGI_PATH, REFERENCE_PATH, readBytes } from './helpers';

const reference = (): Story => importBytes(readBytes(REFERENCE_PATH), REFERENCE_PATH)[0] as Story;
const entryOn = (s: Story, date: string, n: number) => {
  const i = s.timeline.findIndex((e) => e.date === date && e.citations.includes(n));
  if (i < 0) throw new Error(`no timeline entry on ${date} citing [${n}]`);
  return i;
};

describe('the reference story’s own citations', () => {
  const story = reference();
  const checks = checkCitations(story);

  it('flags the Jan 15 entry’s [2] (a CNN article about Feb 3) and names the BBC state-of-emergency article as the closest', () => {
    const [c] = checks.timeline[entryOn(story, '2026-01-15', 2)] ?? [];
    expect(c).toMatchObject({ n: 2, fit: 'misfit', outlet: 'CNN' });
    expect(c?.closest).toMatchObject({ kind: 'article', outlet: 'BBC' });
    expect(c?.closest?.title).toMatch(/^Ukraine declares energy sector state of emergency/);
    // Not one of the listed sources: it is the 9th related article.
    expect(c?.closest?.kind === 'article' && story.articles[c.closest.index]?.title).toBe(c?.closest?.title);
  });

  it('flags the Feb 4 entry’s [6] (BBC’s Jan 29 article) with Newsweek’s source 1, whose description it repeats', () => {
    const [c] = checks.timeline[entryOn(story, '2026-02-04', 6)] ?? [];
    expect(c).toMatchObject({ fit: 'misfit', outlet: 'BBC', closest: { kind: 'source', n: 1, outlet: 'Newsweek' } });
  });

  it('keeps a citation whose source does fit: the Jan 31 entry’s [4] (CNN on the Moldova power-line fault)', () => {
    const [c] = checks.timeline[entryOn(story, '2026-01-31', 4)] ?? [];
    expect(c).toMatchObject({ n: 4, fit: 'fits', outlet: 'CNN', closest: null });
    expect(c?.coverage).toBeGreaterThan(0.3);
  });

  it('says a number with no source is not listed ([9])', () => {
    const [c] = checks.timeline[entryOn(story, '2026-02-03', 9)] ?? [];
    expect(c).toMatchObject({ n: 9, fit: 'not-listed', outlet: null });
  });

  it('finds every summary citation fitting (the summary numbers follow the source list)', () => {
    const misfits = checks.summary.flat(2).filter((c) => c.fit !== 'fits');
    expect(misfits).toEqual([]);
  });

  it('checkedCitations keeps exactly the fitting numbers, in written order', () => {
    const checked = checkedCitations(story);
    expect(checked.timeline[entryOn(story, '2026-01-15', 2)]).toEqual([]);
    expect(checked.timeline[entryOn(story, '2026-01-31', 4)]).toEqual([4]);
    expect(checked.summary[0]?.[0]).toEqual([1, 6, 8]);
  });

  it('attributes by content: the Jan 15 entry to BBC, the Feb 4 entry to Newsweek, not to the outlets their numbers name', () => {
    expect(outletsByContent(checks.timeline[entryOn(story, '2026-01-15', 2)] ?? [])).toEqual(['BBC']);
    expect(outletsByContent(checks.timeline[entryOn(story, '2026-02-04', 6)] ?? [])).toEqual(['Newsweek']);
    // Which timeline entries BBC reported, by content: only the state-of-emergency one.
    const bbc = story.timeline.filter((_, i) => outletsByContent(checks.timeline[i] ?? []).includes('BBC')).map((e) => e.date);
    expect(bbc).toEqual(['2026-01-15']);
  });

  it('is computed once per story object', () => {
    expect(checkCitations(story)).toBe(checks);
    expect(checkCitations(reference())).not.toBe(checks);
    expect(checkCitations(reference())).toEqual(checks);
  });
});

describe('a citation moved to the wrong source, on a small story', () => {
  const story: Story = {
    id: 'x',
    title: 'A river flood and a mayor’s budget',
    articleCount: 2,
    summary: [],
    sources: [
      { n: 1, outlet: 'Daily A', title: 'River bursts its banks, flooding the old town', description: 'Water levels, evacuations of the old town and damage to the bridge.' },
      { n: 2, outlet: 'Daily B', title: 'Mayor unveils budget with cuts to libraries', description: 'Spending plans, library closures and the council vote.' },
    ],
    timeline: [
      { date: '2026-03-01', precision: 'day', text: 'The river bursts its banks and floods the old town; evacuations begin and the bridge is damaged.', citations: [2] },
      { date: '2026-03-02', precision: 'day', text: 'The mayor unveils a budget that cuts libraries; the council vote follows.', citations: [2] },
      { date: '2026-03-03', precision: 'day', text: 'Daily B reports that the river burst its banks and flooded the old town, with evacuations.', citations: [2] },
    ],
    articles: [],
    links: [],
    perspectives: [],
  };
  const checks = checkCitations(story);

  it('flags it and points to the source that fits', () => {
    expect(checks.timeline[0]).toEqual([{ n: 2, fit: 'misfit', outlet: 'Daily B', coverage: 0, closest: { kind: 'source', n: 1, outlet: 'Daily A', title: 'River bursts its banks, flooding the old town' } }]);
    expect(checks.timeline[1]?.[0]?.fit).toBe('fits');
  });

  it('trusts a statement that names the outlet it cites, and flags the same words without the name', () => {
    expect(checks.timeline[2]?.[0]?.fit).toBe('fits');
    const unnamed = checkCitations({ ...story, timeline: [{ ...story.timeline[2]!, text: story.timeline[2]!.text.replace('Daily B reports that the', 'The') }] });
    expect(unnamed.timeline[0]?.[0]?.fit).toBe('misfit');
  });

  it('knows an outlet given as a domain by its name, not its suffix ("news.riverside.co.uk" is Riverside)', () => {
    const sources = story.sources.map((x) => (x.n === 2 ? { ...x, outlet: 'news.riverside.co.uk' } : x));
    const said = (text: string) => checkCitations({ ...story, sources, timeline: [{ ...story.timeline[2]!, text }] }).timeline[0]?.[0]?.fit;
    expect(said('Riverside reports that the river burst its banks and flooded the old town, with evacuations.')).toBe('fits');
    expect(said('News reports say that the river burst its banks and flooded the old town, with evacuations.')).toBe('misfit');
  });

  it('does not flag a weak citation beside a cited source that covers the statement', () => {
    const both = checkCitations({ ...story, timeline: [{ ...story.timeline[0]!, citations: [1, 2] }] });
    expect(both.timeline[0]?.map((c: CitationCheck) => c.fit)).toEqual(['fits', 'fits']);
  });
});

describe('the Kagi dev stories, whose citations are mostly right', () => {
  const stories = importBytes(readBytes(KAGI_PATH), KAGI_PATH);
  it('flags few of them (at most 2%)', () => {
    let checked = 0;
    let flagged = 0;
    for (const s of stories) {
      const r = checkCitations(s);
      const all = [...r.summary.flat(2), ...r.timeline.flat()];
      checked += all.filter((c) => c.fit === 'fits' || c.fit === 'misfit').length;
      flagged += all.filter((c) => c.fit === 'misfit').length;
    }
    expect(checked).toBeGreaterThan(500);
    expect(flagged / checked).toBeLessThanOrEqual(0.02);
  });
});

describe('a statement citing its sources many times', () => {
  const devStories = (): Story[] => [reference(), ...importBytes(readBytes(KAGI_PATH), KAGI_PATH)];

  it('gets, on every dev story, the checks of its numbers once cited, in written order and however often each is repeated', () => {
    let statements = 0;
    for (const story of devStories()) {
      const checks = checkCitations(story);
      // Every citation written 3 times over, in turn ([1, 2] → [1, 2, 1, 2, 1, 2]).
      const repeated = structuredClone(story);
      for (const section of repeated.summary) for (const s of section.sentences) s.citations = [...s.citations, ...s.citations, ...s.citations];
      for (const e of repeated.timeline) e.citations = [...e.citations, ...e.citations, ...e.citations];
      const again = checkCitations(repeated);
      const pairs: [CitationCheck[], CitationCheck[]][] = [
        ...checks.summary.flatMap((sec, i) => sec.map((cs, j): [CitationCheck[], CitationCheck[]] => [cs, again.summary[i]?.[j] ?? []])),
        ...checks.timeline.map((cs, i): [CitationCheck[], CitationCheck[]] => [cs, again.timeline[i] ?? []]),
      ];
      for (const [once, thrice] of pairs) {
        if (once.length === 0) continue;
        statements++;
        expect(thrice).toEqual([...once, ...once, ...once]);
      }
    }
    expect(statements).toBeGreaterThan(100);
  });
});

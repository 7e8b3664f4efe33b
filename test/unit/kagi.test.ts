import { describe, expect, it } from 'vitest';
import { importBytes, importText } from '../../src/core/story/import';
import { isIsoAtPrecision, type Story } from '../../src/core/story/model';
import { citationsOf, KAGI_PATH, rawKagiStories, readBytes, readText, textFields, UCI_PATH, type RawKagi } from './helpers';

const raw = rawKagiStories();
const stories = importBytes(readBytes(KAGI_PATH), 'kagi-dev-stories.json');
const byId = (id: string): [Story, RawKagi] => {
  const s = stories.find((x) => x.id === id);
  const r = raw.find((x) => x.id === id);
  if (!s || !r) throw new Error(`story ${id} not found`);
  return [s, r];
};

interface RawArticle {
  title: string;
  link?: string;
  domain?: string;
}
const MARKER = /\[([a-z0-9][a-z0-9.-]*\.[a-z]{2,})#(\d{1,4})\]/gi;
const markers = (t: string): string[] => [...new Set([...t.matchAll(MARKER)].map((m) => `${(m[1] ?? '').toLowerCase()}#${m[2]}`))];
/** Text without white space: the importer tidies spacing ("T  ..." → "T...") but must not lose words. */
const squash = (t: string) => t.replace(/\s+/g, '');
const hostOf = (url: string) => new URL(url).hostname.toLowerCase().replace(/^www\./, '');

/** Checks that citation `n` is what Kagi's `[domain#k]` means: the k-th listed article of that domain, else a source of that domain. */
function expectResolves(s: Story, r: RawKagi, key: string, n: number | undefined): void {
  const [domain, kText] = key.split('#') as [string, string];
  const k = Number(kText);
  const source = s.sources.find((x) => x.n === n);
  expect(source?.domain, `${s.id} ${key}`).toBe(domain);
  const listed = ((r.articles ?? []) as RawArticle[])
    .map((a, i) => ({ i, domain: (a.domain ?? hostOf(a.link ?? '')).toLowerCase().replace(/^www\./, '') }))
    .filter((a) => a.domain === domain);
  if (listed.length >= k) expect(n, `${s.id} ${key}`).toBe((listed[k - 1]?.i ?? -1) + 1);
  else expect(n, `${s.id} ${key}`).toBeGreaterThan((r.articles as RawArticle[]).length);
}

describe('Kagi dev stories', () => {
  it('imports all 35 stories, each keeping its input id', () => {
    expect(raw).toHaveLength(35);
    expect(stories.map((s) => s.id)).toEqual(raw.map((r) => r.id));
    for (const s of stories) expect(s.format).toBe('kagi');
  });

  it('keeps title and publication time', () => {
    stories.forEach((s, i) => {
      const r = raw[i] as RawKagi;
      expect(squash(s.title)).toBe(squash(r.title));
      expect(Date.parse(s.updated ?? '')).toBe((r.published as number) * 1000);
    });
  });

  it('cites only sources the story has', () => {
    for (const s of stories) {
      const numbers = new Set(s.sources.map((x) => x.n));
      expect(s.sources.map((x) => x.n)).toEqual(s.sources.map((_x, i) => i + 1));
      const bad = citationsOf(s).filter(([, n]) => !numbers.has(n));
      expect(bad, s.id).toEqual([]);
      expect(citationsOf(s).length, s.id).toBeGreaterThan(0);
    }
  });

  it('leaves no [domain#N] marker in any text', () => {
    for (const s of stories) {
      const left = textFields(s).filter(([, t]) => /\[[^\]]*#\d+\]/.test(t));
      expect(left, s.id).toEqual([]);
    }
  });

  it('makes the articles sources 1..n, in order', () => {
    stories.forEach((s, i) => {
      const articles = ((raw[i] as RawKagi).articles ?? []) as RawArticle[];
      expect(s.articles.map((a) => a.url ?? null)).toEqual(articles.map((a) => a.link ?? null));
      expect(s.articleCount).toBe(articles.length);
      s.articles.forEach((a, j) => {
        const src = s.sources[j];
        expect(src?.n).toBe(j + 1);
        expect(src?.title).toBe(a.title);
        expect(src?.url).toBe(a.url);
        expect(src?.domain).toBe(a.domain);
      });
    });
  });

  it('resolves every [domain#N] of the summary and timeline to the right source', () => {
    stories.forEach((s, i) => {
      const r = raw[i] as RawKagi;
      const main = (r.summary ?? r.short_summary) as string;
      const summary = s.summary[0];
      expect(summary?.heading).toBe('Summary');
      const keys = markers(main);
      expect(summary?.citations, s.id).toHaveLength(keys.length);
      keys.forEach((key, j) => expectResolves(s, r, key, summary?.citations[j]));

      const timeline = (r.timeline ?? []) as { date: string; content: string }[];
      expect(s.timeline).toHaveLength(timeline.length);
      timeline.forEach((e, j) => {
        const cited = s.timeline[j]?.citations ?? [];
        const entryKeys = markers(e.content);
        expect(cited, `${s.id} timeline[${j}]`).toHaveLength(entryKeys.length);
        entryKeys.forEach((key, m) => expectResolves(s, r, key, cited[m]));
      });
    });
  });

  it('resolves a citation of an unlisted article from source_urls (kagi-1bb69771f8)', () => {
    const [s, r] = byId('kagi-1bb69771f8');
    const articles = r.articles as RawArticle[];
    expect(articles.some((a) => a.domain === 'androidheadlines.com')).toBe(false);
    expect(JSON.stringify(r)).toContain('[androidheadlines.com#1]');
    const expectedUrl = (r.source_urls as string[]).filter((u) => hostOf(u) === 'androidheadlines.com');
    expect(expectedUrl).toHaveLength(1);

    const extra = s.sources.filter((x) => x.domain === 'androidheadlines.com');
    expect(extra).toHaveLength(1);
    expect(extra[0]?.n).toBe(articles.length + 1);
    expect(extra[0]?.url).toBe(expectedUrl[0]);
    const display = s.summary.find((x) => x.heading === 'Display and toughness');
    expect(display?.citations).toEqual([extra[0]?.n]);
  });

  it('resolves Kagi timeline date phrases against the publication date', () => {
    const [nigeria] = byId('kagi-542e514618');
    expect(nigeria.updated?.slice(0, 10)).toBe('2025-12-26');
    const christmas = nigeria.timeline.find((e) => e.label === 'Christmas Day');
    expect(christmas).toMatchObject({ date: '2025-12-25', precision: 'day' });

    const [ukraine] = byId('kagi-34d965d4e5');
    const vague = ukraine.timeline.find((e) => e.label === 'Earlier this week');
    expect(vague).toMatchObject({ date: null, precision: null, label: 'Earlier this week' });
    expect(vague?.text.length).toBeGreaterThan(0);

    const [dated] = byId('kagi-29725b6e35');
    expect(dated.timeline.find((e) => e.label === 'December 24th, 2025')).toMatchObject({ date: '2025-12-24', precision: 'day' });
  });

  it('keeps every timeline label and dates each entry at its precision', () => {
    stories.forEach((s, i) => {
      const timeline = ((raw[i] as RawKagi).timeline ?? []) as { date: string }[];
      s.timeline.forEach((e, j) => {
        expect(e.label).toBe(timeline[j]?.date);
        if (e.date !== null) expect(isIsoAtPrecision(e.date, e.precision ?? 'day'), `${s.id} ${e.label}`).toBe(true);
      });
    });
    const undated = stories.flatMap((s) => s.timeline.filter((e) => e.date === null).map((e) => e.label));
    expect(undated).toEqual(['Earlier this week']);
  });

  it('does not depend on the time zone of the machine', () => {
    const before = process.env.TZ;
    const importIn = (tz: string) => {
      process.env.TZ = tz;
      return importBytes(readBytes(KAGI_PATH), 'kagi-dev-stories.json');
    };
    try {
      const utc = importIn('UTC');
      // Friday 2025-12-26 10:27 UTC is still Thursday in Samoa (UTC-11) and already Saturday in Kiribati (UTC+14).
      expect(importIn('Pacific/Pago_Pago')).toEqual(utc);
      expect(importIn('Pacific/Kiritimati')).toEqual(utc);
      const [, r] = byId('kagi-542e514618');
      expect(new Date((r.published as number) * 1000).toISOString().slice(0, 10)).toBe('2025-12-26');
      const friday = utc.find((s) => s.id === 'kagi-542e514618')?.timeline.find((e) => e.label === 'Friday');
      expect(friday?.date).toBe('2025-12-26');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('keeps perspectives with their sources', () => {
    stories.forEach((s, i) => {
      const perspectives = ((raw[i] as RawKagi).perspectives ?? []) as { text: string; sources: { name: string; url?: string }[] }[];
      expect(s.perspectives.length).toBeGreaterThan(0);
      expect(s.perspectives.map((p) => p.sources)).toEqual(perspectives.map((p) => p.sources.map((x) => ({ name: x.name.trim(), url: x.url }))));
      s.perspectives.forEach((p, j) => expect(squash(p.text)).toBe(squash((perspectives[j]?.text ?? '').replace(MARKER, ''))));
    });
  });
});

describe('Kagi JSON shapes', () => {
  const one = raw[3] as RawKagi;
  const expected = stories[3];

  it('accepts one story object', () => {
    expect(importText(JSON.stringify(one), 'one.json')).toEqual([expected]);
  });

  it('accepts an array of stories', () => {
    expect(importText(JSON.stringify([one, raw[4]]), 'two.json')).toEqual([expected, stories[4]]);
  });

  it('accepts {clusters: [...]} and {stories: [...]}', () => {
    expect(importText(JSON.stringify({ clusters: [one] }), 'clusters.json')).toEqual([expected]);
    expect(importText(JSON.stringify({ stories: [one, raw[5]] }), 'stories.json')).toEqual([expected, stories[5]]);
  });

  it('derives a stable id for a story without one', () => {
    const { id: _id, ...noId } = one;
    const [a] = importText(JSON.stringify(noId), 'a.json');
    const [b] = importText(JSON.stringify(noId), 'b.json');
    expect(a?.id).toBeTruthy();
    expect(a?.id).toBe(b?.id);
    expect(a?.id).not.toBe(importText(JSON.stringify({ ...noId, title: `${one.title} (update)` }), 'c.json')[0]?.id);
  });
});

describe('UCI dev stories', () => {
  it('imports all 38 stories (id, title, articles only)', () => {
    const uci = JSON.parse(readText(UCI_PATH)) as { id: string; title: string; articles: RawArticle[] }[];
    const imported = importBytes(readBytes(UCI_PATH), 'uci-dev-stories.json');
    expect(uci).toHaveLength(38);
    expect(imported.map((s) => s.id)).toEqual(uci.map((r) => r.id));
    imported.forEach((s, i) => {
      const r = uci[i] as (typeof uci)[number];
      expect(squash(s.title)).toBe(squash(r.title));
      expect(s.articles.map((a) => a.url)).toEqual(r.articles.map((a) => a.link));
      expect(s.sources).toHaveLength(r.articles.length);
      expect(s.articleCount).toBe(r.articles.length);
      expect(s.summary).toEqual([]);
      expect(s.timeline).toEqual([]);
    });
  });
});

describe('Kagi prose fields beyond the summary', () => {
  const squashed = (s: Story) => squash(s.summary.map((x) => x.text).join(' '));
  const stripMarkers = (t: string) => squash(t.replace(MARKER, ''));

  it('keeps every item of the list fields, the answers and the quote as summary sections', () => {
    let checked = 0;
    for (const s of stories) {
      const r = raw.find((x) => x.id === s.id) as RawKagi & Record<string, unknown>;
      const all = squashed(s);
      for (const field of ['technical_details', 'scientific_significance', 'industry_impact', 'international_reactions']) {
        for (const item of (r[field] as string[] | undefined) ?? []) {
          expect(all, `${s.id} ${field}`).toContain(stripMarkers(item).slice(0, 40));
          checked++;
        }
      }
      for (const qa of (r.suggested_qna as { answer?: string }[] | undefined) ?? []) {
        if (qa.answer) expect(all, `${s.id} suggested_qna`).toContain(stripMarkers(qa.answer).slice(0, 40));
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('names the speaker of the quote in its section, so a quote is never the story’s own voice', () => {
    const [s, r] = byId('kagi-542e514618');
    const quote = s.summary.find((x) => x.heading === 'Quote');
    expect(quote?.text.startsWith(`${String(r.quote_author)} (quoted by ${String(r.quote_attribution)}): “`)).toBe(true);
    expect(squash(quote?.text ?? '')).toContain(squash(String(r.quote)).slice(0, 60));
  });
});

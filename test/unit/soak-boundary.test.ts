/**
 * Pathological but valid stories through every text-processing step: megabytes of date phrases,
 * a million citations, long runs a regex could backtrack on. The assertions are on results (what
 * each step finds does not change with how much of the same text there is); the time they take is
 * measured by `npm run bench:library`, never here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDisputes } from '../../src/core/claims/disputes';
import { extractFigures } from '../../src/core/claims/figures';
import { storyPassages } from '../../src/core/claims/passages';
import { storyStatements, unreadProse } from '../../src/core/claims/statements';
import { FIELD_READ_LIMIT, STORY_READ_LIMIT } from '../../src/core/text/budget';
import { dateMentions } from '../../src/core/claims/when';
import { importText } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { tokenize } from '../../src/core/text/tokens';
import { Lookup } from '../../src/core/search/lookup';
import { REFERENCE_PATH } from './helpers';

const DATES = 'On Jan 29, 2026 the pause held until Feb 1 and until Friday, then resumed on March 3. ';
const MB = 1_000_000;
const times = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/** The reference story with its first summary section replaced by `text` as one cited sentence. */
function storyWith(text: string): Story {
  const [story] = importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH);
  const s = structuredClone(story!);
  s.summary[0]!.text = text;
  s.summary[0]!.sentences = [{ text, citations: [1] }];
  return s;
}

describe('text steps on 10 MB inputs', () => {
  // Slow (seconds), not timed: the limit only keeps a hang from stalling the suite.
  it('tokenize: 10 MB of date phrases gives the same tokens per sentence as one sentence', { timeout: 180_000 }, () => {
    const one = tokenize(DATES);
    const text = times(DATES, 10 * MB);
    const all = tokenize(text);
    expect(all.length).toBe(one.length * (text.length / DATES.length));
    expect(tokenize(times('a', 10 * MB))).toHaveLength(1);
    expect(tokenize(`${' '.repeat(10 * MB)}x`)).toEqual(tokenize('x'));
  });

  it('dateMentions: every date phrase of 10 MB is found', { timeout: 180_000 }, () => {
    const one = dateMentions(DATES).length;
    expect(one).toBeGreaterThan(0);
    const text = times(DATES, 10 * MB);
    expect(dateMentions(text)).toHaveLength(one * (text.length / DATES.length));
    expect(dateMentions(times('until ', 10 * MB))).toEqual([]);
  });

  it('extractFigures reads a text’s first 100,000 characters: a million citations give no figures, and 2 MB of one figure as many as its first 100,000 characters', { timeout: 180_000 }, () => {
    expect(extractFigures(times('[1]', 3 * MB))).toEqual([]);
    const FIGURE = 'Russia fired 70 missiles. ';
    const text = times(FIGURE, 2 * MB);
    const head = text.slice(0, 100_000);
    expect(extractFigures(text)).toEqual(extractFigures(head));
    expect(extractFigures(head).length).toBeGreaterThanOrEqual(Math.floor(head.length / FIGURE.length) * extractFigures(FIGURE).length);
    expect(extractFigures(`${times('[1]', 50_000)} Russia fired 70 missiles.`).map((f) => f.value)).toEqual([70]);
  });
});

describe('story steps on pathological stories', () => {
  // Slow (seconds), not timed: the limit only keeps a hang from stalling the suite.
  it('storyPassages: a sentence of 10 MB of date phrases (and 2 MB runs and citations) leaves the story’s other passages as they were', { timeout: 180_000 }, () => {
    const base = storyPassages(storyWith(DATES)).length;
    for (const text of [times(DATES, 10 * MB), times('a', 2 * MB), times('[1]', 2 * MB)]) {
      expect(storyPassages(storyWith(text)).length).toBe(base);
    }
  });

  it('findDisputes: the same disputes whether the story holds one date sentence or a megabyte of them', { timeout: 180_000 }, () => {
    const questions = (s: Story) => findDisputes(s).map((d) => d.question);
    const small = questions(storyWith(DATES));
    expect(small.length).toBeGreaterThan(0);
    expect(questions(storyWith(times(DATES, MB)))).toEqual(small);
    expect(questions(storyWith(times('[1]', MB)))).toEqual(small);
    expect(questions(storyWith(times('a', MB)))).toEqual(small);
  });
});

describe('the read budget of a story', () => {
  const SAYS = 'The ministry says the army denies that the council rejects the claim, while officials argue it was unlawful; ';
  /** The reference story with its first summary section replaced by `n` sentences of `text`. */
  function storyOf(text: string, n: number): Story {
    const s = storyWith(text);
    s.summary[0]!.sentences = Array.from({ length: n }, () => ({ text, citations: [1] }));
    return s;
  }

  it('a story of 2,000 long sentences: statements and passages read the story’s first STORY_READ_LIMIT characters, and unreadProse counts the rest', () => {
    const sentence = times(SAYS, 5_000);
    const huge = storyOf(sentence, 2_000);
    const read = Math.floor(STORY_READ_LIMIT / sentence.length);
    // What is read is what a story of just the sentences that fit gives.
    const fits = storyOf(sentence, read);
    const firstUnits = (s: Story) => storyStatements(s).filter((x) => x.unit < read).map((x) => x.text);
    expect(firstUnits(huge)).toEqual(firstUnits(fits));
    // Nothing after the budget: no statement of the timeline or the sources.
    expect(storyStatements(huge).filter((x) => x.origin !== 'summary')).toEqual([]);
    expect(storyStatements(huge).length).toBeLessThanOrEqual(firstUnits(fits).length + Math.ceil(firstUnits(fits).length / read));
    const passages = storyPassages(huge).filter((p) => p.origin === 'summary');
    expect(passages.length).toBeLessThanOrEqual(read + 1 + storyWith(DATES).summary.slice(1).reduce((n, x) => n + x.sentences.length, 0));
    expect(passages.reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(STORY_READ_LIMIT);
    expect(unreadProse(huge)).toBeGreaterThan(2_000 * sentence.length - STORY_READ_LIMIT - 1);
    expect(unreadProse(storyWith(DATES))).toBe(0);
  });

  it('one text is read up to FIELD_READ_LIMIT characters, cut at a space: the rest of the story is still read', () => {
    const story = storyWith(times(DATES, MB));
    const first = storyPassages(story)[0]!;
    expect(first.text.length).toBeLessThanOrEqual(FIELD_READ_LIMIT);
    expect(first.text.length).toBeGreaterThan(FIELD_READ_LIMIT * 0.9);
    expect(times(DATES, MB).startsWith(`${first.text} `)).toBe(true);
    expect(storyPassages(story).filter((p) => p.origin !== 'summary')).toEqual(storyPassages(storyWith(DATES)).filter((p) => p.origin !== 'summary'));
  });

  it('a run of spaces reads as one space: the same statements, and no quadratic split', () => {
    const spaced = 'The ministry says the strike killed 40 people,' + ' '.repeat(5_000) + 'but the army denies it.';
    const single = 'The ministry says the strike killed 40 people, but the army denies it.';
    const texts = (t: string) => storyStatements(storyWith(t)).map((x) => [x.text, x.claimant, x.stance]);
    expect(texts(spaced)).toEqual(texts(single));
    expect(texts(' '.repeat(FIELD_READ_LIMIT))).toEqual(texts(''));
  });
});

describe('the lookup index of a story of megabytes', () => {
  it('indexes the story as far as the read budget goes: a word within it is found, one only beyond it is not', () => {
    const s = storyWith(DATES);
    s.id = 'huge';
    s.title = 'Harbour lights';
    // 200 sections of 50,000 characters, each with its own word: only the first sections are read.
    s.summary = Array.from({ length: 200 }, (_, i) => {
      const text = `${times(DATES, 49_900)} marker${i}x.`;
      return { heading: `Part ${i + 1}`, text, citations: [], sentences: [{ text, citations: [1] }] };
    });
    const lookup = new Lookup([s]);
    expect(lookup.search('harbour lights', 5).map((r) => r.id)).toEqual(['huge']);
    expect(lookup.search('pause held', 5).map((r) => r.id)).toEqual(['huge']);
    // Each section is read up to FIELD_READ_LIMIT characters: its word at the end is past that.
    expect(lookup.search('marker0x', 5)).toEqual([]);
    expect(lookup.search('marker199x', 5)).toEqual([]);
    // A section that fits within the budget is read whole, wherever its word is.
    const small = storyWith(DATES);
    small.id = 'small';
    small.summary = [{ heading: 'Part 1', text: `${DATES} marker0x.`, citations: [], sentences: [{ text: `${DATES} marker0x.`, citations: [1] }] }];
    expect(new Lookup([small]).search('marker0x', 5).map((r) => r.id)).toEqual(['small']);
  });
});

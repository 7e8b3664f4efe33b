/**
 * What the popup is sent of a story (core/story/excerpt.ts): every dev story whole; a story of
 * megabytes, or of a million citations, bounded, its lists cut to their first items and its long
 * texts to their beginning, never an item without its required fields.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSplit } from '../../bench/eval-lib';
import { LIST_CHARS, storyExcerpt } from '../../src/core/story/excerpt';
import { importText } from '../../src/core/story/import';
import { StorySchema, type Story } from '../../src/core/story/model';
import { FIELD_READ_LIMIT } from '../../src/core/text/budget';
import * as v from 'valibot';
import { REFERENCE_PATH } from './helpers';

const reference = (): Story => importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH)[0]!;
const DATES = 'On Jan 29, 2026 the pause held until Feb 1 and until Friday, then resumed on March 3. ';
const LISTS = ['summary', 'sources', 'timeline', 'articles', 'links', 'perspectives'] as const;

/** The reference story with `sentences` as its first summary sections, one section each. */
function storyWith(sentences: { text: string; citations: number[] }[]): Story {
  const s = reference();
  s.summary = [...sentences.map((x, i) => ({ heading: `Part ${i + 1}`, text: x.text, citations: [], sentences: [x] })), ...s.summary];
  return s;
}

describe('storyExcerpt', () => {
  it('sends every dev story whole', () => {
    const stories = [reference(), ...loadSplit('kagi').stories, ...loadSplit('uci').stories];
    expect(stories.length).toBeGreaterThan(70);
    for (const story of stories) {
      const { story: sent, cut } = storyExcerpt(story);
      expect(cut).toBe(false);
      expect(sent).toEqual(story);
    }
  });

  it('a story of 10 MB of date phrases: each list within LIST_CHARS, texts cut at FIELD_READ_LIMIT at a space, items in order, still a valid story', () => {
    const text = DATES.repeat(Math.ceil(49_900 / DATES.length));
    const story = storyWith(Array.from({ length: 200 }, () => ({ text, citations: [1] })));
    const before = JSON.stringify(story);
    expect(before.length).toBeGreaterThan(19_000_000);
    const { story: sent, cut } = storyExcerpt(story);
    expect(cut).toBe(true);
    // The story itself is unchanged.
    expect(JSON.stringify(story)).toBe(before);
    for (const list of LISTS) expect(JSON.stringify(sent[list]).length).toBeLessThanOrEqual(LIST_CHARS * 1.1);
    expect(JSON.stringify(sent).length).toBeLessThan(LISTS.length * LIST_CHARS * 1.1);
    // The first sections, each cut at a space near FIELD_READ_LIMIT and marked.
    expect(sent.summary.length).toBeGreaterThanOrEqual(3);
    expect(sent.summary.length).toBeLessThan(10);
    const first = sent.summary[0]!.sentences[0]!.text;
    expect(first.endsWith('…')).toBe(true);
    expect(first.length).toBeLessThanOrEqual(FIELD_READ_LIMIT + 1);
    expect(first.length).toBeGreaterThan(FIELD_READ_LIMIT * 0.9);
    expect(text.startsWith(`${first.slice(0, -1)} `)).toBe(true);
    expect(sent.summary.map((x) => x.heading)).toEqual(story.summary.slice(0, sent.summary.length).map((x) => x.heading));
    // The lists that fit are whole.
    expect(sent.sources).toEqual(story.sources);
    expect(sent.timeline).toEqual(story.timeline);
    expect(v.safeParse(StorySchema, sent).success).toBe(true);
  });

  it('a million citations: the first sentences with their citations in order, the rest left out', () => {
    const ns = reference().sources.map((x) => x.n);
    const story = storyWith(Array.from({ length: 200 }, (_, j) => ({ text: `Sentence ${j + 1}.`, citations: Array.from({ length: 5_000 }, (_, i) => ns[i % ns.length]!) })));
    const { story: sent, cut } = storyExcerpt(story);
    expect(cut).toBe(true);
    expect(JSON.stringify(sent.summary).length).toBeLessThanOrEqual(LIST_CHARS * 1.1);
    const citations = sent.summary.flatMap((x) => x.sentences.flatMap((y) => y.citations));
    expect(citations.length).toBeGreaterThan(1_000);
    expect(citations.length).toBeLessThan(LIST_CHARS);
    // A prefix of the story's citations, in order.
    expect(citations).toEqual(story.summary.flatMap((x) => x.sentences.flatMap((y) => y.citations)).slice(0, citations.length));
    expect(sent.summary[0]!.sentences[0]!.citations).toEqual(story.summary[0]!.sentences[0]!.citations);
    expect(v.safeParse(StorySchema, sent).success).toBe(true);
  });
});

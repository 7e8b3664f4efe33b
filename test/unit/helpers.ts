/**
 * Shared fixtures for the unit tests. Data under ../shared/data is read with readFileSync so that a
 * missing file fails the test instead of skipping it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Story } from '../../src/core/story/model';
import type { Steps } from '../../src/core/text/steps';

export const REPO = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(__dirname, '../../../shared/data');

export const REFERENCE_PATH = path.join(REPO, 'data/ukraine-ceasefire-2026-02.txt');
export const SHARED_REFERENCE_PATH = path.join(SHARED, 'stories/ukraine-ceasefire-2026-02.txt');
export const KAGI_PATH = path.join(SHARED, 'matching/kagi-dev-stories.json');
export const UCI_PATH = path.join(SHARED, 'matching/uci-dev-stories.json');

export const readBytes = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
export const readText = (file: string): string => readFileSync(file, 'utf8');

export const referenceText = (): string => readText(REFERENCE_PATH);

/** The raw Kagi stories as published (parsed JSON, not imported). */
export type RawKagi = Record<string, unknown> & { id: string; title: string };
export const rawKagiStories = (): RawKagi[] => JSON.parse(readText(KAGI_PATH)) as RawKagi[];

export const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every human-readable text of a story, with where it sits, for checks that span all fields. */
export function textFields(s: Story): [where: string, text: string][] {
  const out: [string, string][] = [['title', s.title]];
  s.summary.forEach((sec, i) => {
    out.push([`summary[${i}].heading`, sec.heading], [`summary[${i}].text`, sec.text]);
    sec.sentences.forEach((x, j) => out.push([`summary[${i}].sentences[${j}]`, x.text]));
  });
  s.sources.forEach((x, i) => out.push([`sources[${i}].title`, x.title], [`sources[${i}].description`, x.description]));
  s.timeline.forEach((x, i) => out.push([`timeline[${i}].text`, x.text], [`timeline[${i}].label`, x.label ?? '']));
  s.articles.forEach((x, i) => out.push([`articles[${i}].title`, x.title]));
  s.perspectives.forEach((x, i) => out.push([`perspectives[${i}].text`, x.text]));
  return out;
}

/** Every citation number of a story, with where it sits. */
export function citationsOf(s: Story): [where: string, n: number][] {
  const out: [string, number][] = [];
  s.summary.forEach((sec, i) => {
    sec.citations.forEach((n) => out.push([`summary[${i}]`, n]));
    sec.sentences.forEach((x, j) => x.citations.forEach((n) => out.push([`summary[${i}].sentences[${j}]`, n])));
  });
  s.timeline.forEach((x, i) => x.citations.forEach((n) => out.push([`timeline[${i}]`, n])));
  return out;
}

/** Small deterministic PRNG, so that fuzz runs are reproducible. */
export { seededRandom as mulberry32 } from '../support/random';

/** Runs steps (core/text/steps.ts) to their end, counting them: what they return, and how many steps. */
export function stepped<T>(steps: Steps<T>): { value: T; steps: number } {
  let n = 0;
  let r = steps.next();
  while (!r.done) {
    n++;
    r = steps.next();
  }
  return { value: r.value, steps: n };
}

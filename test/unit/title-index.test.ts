/**
 * The recogniser's title step (identity.ts's TitleIndex) finds exactly the title that comparing with
 * every held title finds: random titles over small vocabularies (where every token is common, the
 * case its pair index is for), titles of one token and titles longer than the paired size, with
 * stories re-titled and removed between lookups.
 */
import { describe, expect, it } from 'vitest';
import { StoryRecognizer, TITLE_SIMILARITY } from '../../src/core/library/identity';
import type { Story } from '../../src/core/story/model';
import { tokenize } from '../../src/core/text/tokens';
import { seededRandom } from '../support/random';

const story = (id: string, title: string): Story => ({ id, title, articleCount: 0, summary: [], sources: [], timeline: [], articles: [], links: [], perspectives: [] });
const tokens = (t: string) => new Set(tokenize(t));

/** The held title most like `title` by comparing with every one (the rule identity.ts states). */
function bruteForce(held: Map<string, string>, title: string): string | undefined {
  const mine = tokens(title);
  let best: string | undefined;
  let bestScore = 0;
  for (const [id, t] of held) {
    const theirs = tokens(t);
    const shared = [...theirs].filter((x) => mine.has(x)).length;
    const score = mine.size === 0 ? 0 : shared / (mine.size + theirs.size - shared);
    if (score >= TITLE_SIMILARITY && (score > bestScore || (score === bestScore && best !== undefined && id < best))) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}

describe('title recognition', () => {
  for (const [vocabulary, lengths] of [
    [12, [1, 2, 3, 4]],
    [40, [2, 5, 8, 10]],
    [60, [20, 24, 25, 30, 40]],
  ] as const) {
    it(`finds the same title as comparing every pair (${vocabulary} words, titles of ${lengths.join(', ')} words)`, () => {
      const rand = seededRandom(vocabulary);
      const words = Array.from({ length: vocabulary }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
      const title = () => {
        const n = lengths[Math.floor(rand() * lengths.length)] as number;
        return Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
      };
      const recognizer = new StoryRecognizer();
      const held = new Map<string, string>();
      let found = 0;
      // Half the lookups are a held title with a word or more replaced: near the threshold both ways.
      const near = () => {
        const ws = ([...held.values()][Math.floor(rand() * held.size)] as string).split(' ');
        for (let k = Math.floor(rand() * Math.max(2, ws.length / 2)); k >= 0; k--) ws[Math.floor(rand() * ws.length)] = words[Math.floor(rand() * words.length)] as string;
        return ws.join(' ');
      };
      for (let i = 0; i < 600; i++) {
        const query = held.size > 0 && rand() < 0.5 ? near() : title();
        const expected = bruteForce(held, query);
        expect(recognizer.recognize(story(`q${i}`, query))?.id).toBe(expected);
        if (expected !== undefined) found++;
        const r = rand();
        if (r < 0.1 && held.size > 0) {
          // A held story removed, or re-titled (indexed again under its new title).
          const id = [...held.keys()][Math.floor(rand() * held.size)] as string;
          if (r < 0.05) {
            recognizer.remove(id);
            held.delete(id);
          } else {
            held.set(id, query);
            recognizer.add(story(id, query));
          }
        } else {
          held.set(`s${i}`, query);
          recognizer.add(story(`s${i}`, query));
        }
      }
      // The comparison means something only if titles were found as well as missed.
      expect(found).toBeGreaterThan(20);
      expect(found).toBeLessThan(580);
    });
  }
});

/**
 * The disputes read in steps (what the background runs, pausing between steps so that it keeps
 * answering) are the disputes read in one go, and a story replaced while they are read does not
 * get the old version's disputes cached.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSplit } from '../../bench/eval-lib';
import { disputeSteps, findDisputes } from '../../src/core/claims/disputes';
import { warmUpSteps } from '../../src/core/claims/tagging';
import { Library } from '../../src/core/library';
import { importText } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { REFERENCE_PATH, stepped } from './helpers';

const reference = (): Story => importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH)[0]!;
const stepsOf = (story: Story) => {
  const { value, steps } = stepped(disputeSteps(story));
  return { n: steps, disputes: value };
};

describe('disputes in steps', () => {
  it('give the disputes of findDisputes for the reference story and every Kagi dev story, in many steps', { timeout: 120_000 }, () => {
    const stories = [reference(), ...loadSplit('kagi').stories];
    let withDisputes = 0;
    for (const story of stories) {
      const { n, disputes } = stepsOf(story);
      expect(disputes).toEqual(findDisputes(story));
      if (disputes.length > 0) {
        withDisputes++;
        // One step per text read at least: no story is read in one go.
        expect(n).toBeGreaterThan(story.summary.length);
      }
    }
    expect(withDisputes).toBeGreaterThanOrEqual(4);
  });

  it('Library.disputesInSteps pauses between steps, caches the result, and does not cache a version replaced meanwhile', async () => {
    // compromise made ready first: its warm-up steps come once per process, in whichever read is first.
    for (const _ of warmUpSteps());
    const story = reference();
    const library = new Library([story]);
    let pauses = 0;
    const disputes = await library.disputesInSteps(story, async () => void pauses++);
    expect(pauses).toBe(stepsOf(story).n);
    expect(disputes).toEqual(findDisputes(story));
    expect(disputes.length).toBe(3);
    // Cached: asked again, no step is taken and the same array comes back.
    expect(await library.disputesInSteps(story, async () => void pauses++)).toBe(disputes);
    expect(library.disputes(story)).toBe(disputes);

    // The story is replaced by a version without its disputed paragraphs while its disputes are read.
    const other = reference();
    const replaced = { ...structuredClone(other), summary: [], timeline: [], perspectives: [] };
    let swapped = false;
    const old = findDisputes(other);
    expect(old.length).toBe(3);
    const library2 = new Library([other]);
    const during = await library2.disputesInSteps(other, async () => {
      if (!swapped) library2.add(replaced);
      swapped = true;
    });
    expect(during).toEqual(old);
    // The replaced story's own disputes, not the old version's.
    expect(library2.disputes(replaced)).toEqual(findDisputes(replaced));
    expect(library2.disputes(replaced)).not.toEqual(old);
  });
});

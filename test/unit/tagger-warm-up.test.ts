/**
 * compromise's first tagging in a worker's life, made ready in steps (tagging.ts `warmUpSteps`, the
 * first steps of `disputeSteps`): each step parses a bounded share of the post-tagger's patterns,
 * the first tagging then parses none, and the words and disputes are those of a compromise that
 * built its network in one go. Each side runs in a fresh process (compromise builds its network once
 * per process).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

interface Run {
  stepParses: number[];
  firstTagging: number;
  patterns: number;
  tags: unknown[];
  disputes: unknown[];
}

const child = resolve(import.meta.dirname, 'tagger-warm-up.child.ts');
async function run(mode: 'steps' | 'plain'): Promise<Run> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, mode], { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as Run;
}

describe('compromise made ready in steps', () => {
  it('parses its patterns a share at a step, not in the first tagging, and tags and finds disputes as before', { timeout: 300_000 }, async () => {
    const [steps, plain] = await Promise.all([run('steps'), run('plain')]);
    // Without the steps, the first tagging parses every post-tagger pattern in one call.
    expect(plain.patterns).toBeGreaterThan(500);
    expect(plain.firstTagging).toBeGreaterThanOrEqual(plain.patterns);
    // With them: every pattern once, at most 50 (and their guards) a step, and none left for the first tagging.
    expect(steps.stepParses.length).toBeGreaterThan(10);
    expect(Math.max(...steps.stepParses)).toBeLessThanOrEqual(100);
    expect(steps.stepParses.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(steps.patterns);
    expect(steps.firstTagging).toBe(0);
    // The same network: the same words for 600 dev clauses, the same disputes for every dev story.
    expect(steps.tags.length).toBe(600);
    expect(steps.tags).toEqual(plain.tags);
    expect(steps.disputes.flat().length).toBeGreaterThanOrEqual(4);
    expect(steps.disputes).toEqual(plain.disputes);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSplit } from '../../bench/eval-lib';
import { extractFigures, figuresConflict, isPartOf } from '../../src/core/claims/figures';
import { storyStatements } from '../../src/core/claims/statements';
import { Library } from '../../src/core/library';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { REFERENCE_PATH, REPO, readBytes } from './helpers';

const reference = (): Story => importBytes(readBytes(REFERENCE_PATH), REFERENCE_PATH)[0] as Story;

describe('figures', () => {
  it('reads number, unit, qualifiers and bound', () => {
    const f = extractFigures('AP reported a record 32 ballistic missiles and hundreds of drones, wounding at least ten people');
    expect(f.map((x) => [x.value, x.unit, x.qualifiers, x.bound])).toEqual([
      [32, 'missile', ['ballistic'], 'exact'],
      [200, 'drone', [], 'vague'],
      [10, 'people', [], 'at-least'],
    ]);
    expect(extractFigures('Temperatures plunged to ‑20 °C in Kyiv')[0]).toMatchObject({ value: -20, unit: '°c' });
    expect(extractFigures('over 1,200 high‑rise buildings')[0]).toMatchObject({ value: 1200, qualifiers: ['high-rise'], bound: 'more-than' });
  });

  it('does not read years or dates as counts', () => {
    expect(extractFigures('On the night of Feb 2–3, the largest attack of 2026')).toEqual([]);
  });

  it('treats a narrower count as a part, not a rival', () => {
    const [seventy] = extractFigures('roughly 70 missiles');
    const [ballistic] = extractFigures('32 ballistic missiles');
    const [hundred20] = extractFigures('120 missiles');
    expect(isPartOf(ballistic!, seventy!)).toBe(true);
    expect(figuresConflict(seventy!, ballistic!)).toBe(false);
    expect(figuresConflict(seventy!, hundred20!)).toBe(true);
    expect(figuresConflict(extractFigures('at least ten people')[0]!, extractFigures('40 people')[0]!)).toBe(false);
    expect(figuresConflict(extractFigures('about 70 missiles')[0]!, extractFigures('75 missiles')[0]!)).toBe(false);
  });
});

describe('statements of the reference story', () => {
  const statements = storyStatements(reference());
  it('names claimants and stances', () => {
    const kremlin = statements.filter((s) => s.claimant === 'the Kremlin');
    expect(kremlin.some((s) => s.stance === 'declines')).toBe(true);
    expect(kremlin.some((s) => s.dates.includes('2026-02-01'))).toBe(true);
    expect(statements.some((s) => s.claimant === 'Zelensky' && s.stance === 'accuses' && /breaking/.test(s.text))).toBe(true);
    expect(statements.some((s) => s.claimant === 'U.S. officials')).toBe(true);
  });
  it('keeps the citations of the sentence each clause came from', () => {
    const framed = statements.find((s) => s.claimant === 'U.S. officials');
    expect(framed?.citations).toEqual([1, 6, 8]);
  });
});

// The disputes of the reference story and of the Kagi dev stories are tested in disputes.test.ts.

interface ClaimCase {
  id: string;
  text: string;
  expect: string;
}

describe('Check claim on the reference story', () => {
  const cases = readFileSync(path.join(REPO, 'test/fixtures/claims/reference-claims.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ClaimCase);
  const library = new Library([reference(), ...loadSplit('kagi').stories]);
  const verdicts = cases.map((c) => ({ c, v: library.check(c.text) }));

  it('gets at least 90% of the verdicts right', () => {
    const right = verdicts.filter(({ c, v }) => v.verdict === c.expect).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(0.9);
  });

  it('never calls supported a claim whose figure the sources contradict', () => {
    for (const { c, v } of verdicts) if (c.expect === 'contradicted') expect(v.verdict, c.text).not.toBe('supported');
  });

  it('always shows evidence with sources for a verdict other than not-found', () => {
    for (const { v } of verdicts) {
      if (v.verdict === 'not-found' || v.verdict === 'fact-checked') continue;
      expect(v.evidence.length).toBeGreaterThan(0);
      expect(v.evidence.some((e) => e.citations.length > 0)).toBe(true);
    }
  });

  it('shows both sides for a disputed claim', () => {
    const v = library.check('Putin agreed to a one-week pause on strikes against Kyiv');
    expect(v.verdict).toBe('disputed');
    expect(v.dispute?.sides).toHaveLength(2);
    expect(v.evidence.map((e) => e.outlets.length > 0)).toEqual([true, true]);
  });

  it('lists the outlets that support a claim', () => {
    const v = library.check('Russia launched about 70 missiles and 450 drones against Ukraine’s power grid');
    expect(v.verdict).toBe('supported');
    expect(v.summary).toMatch(/outlets?/);
    expect(new Set(v.evidence.flatMap((e) => e.outlets)).size).toBeGreaterThanOrEqual(2);
  });
});

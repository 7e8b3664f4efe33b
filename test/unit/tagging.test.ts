/**
 * Tagging ahead (many clauses in one compromise call) must give exactly the words that tagging each
 * clause alone gives: the disputes read from them may not depend on how they were tagged.
 */
import { describe, expect, it } from 'vitest';
import { loadSplit } from '../../bench/eval-lib';
import { tag, tagAhead, tagAlone } from '../../src/core/claims/tagging';

describe('tagging ahead', () => {
  it('gives each clause of the Kagi dev stories the words it gets alone', () => {
    const stories = loadSplit('kagi').stories;
    const clauses = [
      ...new Set(
        stories
          .flatMap((s) => [...s.summary.flatMap((x) => x.sentences.map((y) => y.text)), ...s.timeline.map((e) => e.text), ...s.perspectives.map((p) => p.text)])
          .flatMap((t) => t.split(/[;,]\s+|\.\s+/))
          .map((c) => c.trim())
          .filter((c) => c.length > 3),
      ),
    ].slice(0, 800);
    expect(clauses.length).toBeGreaterThan(500);
    tagAhead(clauses);
    const differ = clauses.filter((c) => JSON.stringify(tag(c)) !== JSON.stringify(tagAlone(c)));
    expect(differ).toEqual([]);
  }, 120_000);

  it('keeps clauses apart when one ends in an abbreviation or a quote', () => {
    const clauses = ['The talks, said Dr', 'Smith of the U.N', '“We will not sign,” the minister said', 'prices rose 3.5 percent'];
    tagAhead(clauses);
    for (const c of clauses) expect(JSON.stringify(tag(c))).toBe(JSON.stringify(tagAlone(c)));
  });
});

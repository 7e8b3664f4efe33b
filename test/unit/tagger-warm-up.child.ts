/**
 * Run by tagger-warm-up.test.ts in a fresh process (compromise builds its networks once per
 * process): `steps` makes compromise ready with `warmUpSteps`, `plain` does not; then both tag the
 * Kagi dev stories' clauses and read the disputes of the reference story and every Kagi dev story.
 * Prints, as JSON: the match patterns compromise parsed in each warm-up step and in the first
 * tagging, the words of every clause, and the disputes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import nlp from 'compromise';
import { loadSplit } from '../../bench/eval-lib';
import { findDisputes } from '../../src/core/claims/disputes';
import { tagAlone, warmUpSteps } from '../../src/core/claims/tagging';
import { importText } from '../../src/core/story/import';

type ParseMatch = (input: unknown, opts?: object, world?: unknown) => unknown;
const methods = nlp.methods() as { one: { parseMatch: ParseMatch } };
const parse = methods.one.parseMatch;
let parsed: string[] = [];
// Counts compromise's own parses of match syntax (what the warm-up calls, and what its network build calls when nothing was kept).
methods.one.parseMatch = (input, opts, world) => {
  if (typeof input === 'string') parsed.push(input);
  return parse(input, opts, world);
};
const postTaggerPatterns = new Set((nlp.model() as { two: { matches: { match: string }[] } }).two.matches.map((m) => m.match));
const patternsParsed = () => {
  const n = parsed.filter((p) => postTaggerPatterns.has(p)).length;
  parsed = [];
  return n;
};

const stepParses: number[] = [];
if (process.argv[2] === 'steps') {
  for (const _ of warmUpSteps()) stepParses.push(patternsParsed());
  stepParses.push(patternsParsed());
}
// helpers.ts's REFERENCE_PATH needs vitest's __dirname.
const REFERENCE_PATH = resolve(import.meta.dirname, '../../data/ukraine-ceasefire-2026-02.txt');
const stories = [importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH)[0]!, ...loadSplit('kagi').stories];
const clauses = [...new Set(stories.flatMap((s) => [...s.summary.flatMap((x) => x.sentences.map((y) => y.text)), ...s.timeline.map((e) => e.text), ...s.perspectives.map((p) => p.text)]).flatMap((t) => t.split(/[;,]\s+|\.\s+/)))].slice(0, 600);
const words = [tagAlone(clauses[0]!)];
const firstTagging = patternsParsed();
for (const c of clauses.slice(1)) words.push(tagAlone(c));
const tags = words.map((ws) => ws.map((w) => ({ ...w, tags: [...w.tags].sort() })));
process.stdout.write(JSON.stringify({ stepParses, firstTagging, patterns: postTaggerPatterns.size, tags, disputes: stories.map((s) => findDisputes(s)) }));

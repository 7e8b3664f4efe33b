/**
 * Alignment: which words of a claim a passage of evidence states, word for word, by stem or by a
 * synonym (WordNet), and which it leaves out. Coverage weighs names above other words: a claim that
 * names someone the passage does not is about someone else.
 */
import { senseGroups, synonymous } from './lexicon';
import type { Passage } from './passages';
import type { Term } from './terms';

/** How much a name counts against another content word. */
export const NAME_WEIGHT = 1.5;

export interface Alignment {
  passage: Passage;
  /** claim term index → passage term index. */
  matched: Map<number, number>;
  /** Claim terms whose match the passage negates and the claim does not (or the reverse): stated the other way. */
  flipped: Set<number>;
  /** Weighted share of the claim's content terms the passage states (0–1). */
  coverage: number;
}

/**
 * Does a passage term state a claim term (same stem, or a synonym)? A compound matches when one's
 * parts contain the other's ("missiles" / "missile-drone"), not on one shared part ("anti-democratic"
 * is not "anti-terror").
 */
export function termsMatch(c: Term, p: Term): boolean {
  if (c.keys.length === 0 || p.keys.length === 0) return false;
  if (c.keys.every((k) => p.keys.includes(k)) || p.keys.every((k) => c.keys.includes(k))) return true;
  return c.lemma.length > 2 && p.lemma.length > 2 && synonymous(c.lemma, p.lemma);
}

export const termWeight = (t: Term) => t.weight ?? (t.name ? NAME_WEIGHT : 1);

/** A passage's terms by match key and by sense group: where a claim term's matches can be, at a glance. */
interface PassageIndex {
  byKey: Map<string, number[]>;
  byGroup: Map<number, number[]>;
}

const indexes = new WeakMap<Passage, PassageIndex>();

function indexOf(passage: Passage): PassageIndex {
  let ix = indexes.get(passage);
  if (ix) return ix;
  ix = { byKey: new Map(), byGroup: new Map() };
  const add = <K>(m: Map<K, number[]>, k: K, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  for (const t of passage.terms) {
    if (t.keys.length === 0) continue;
    for (const k of t.keys) add(ix.byKey, k, t.index);
    if (t.lemma.length > 2) for (const g of senseGroups(t.lemma)) add(ix.byGroup, Math.abs(g), t.index);
  }
  indexes.set(passage, ix);
  return ix;
}

/** The passage terms that state a claim term, in passage order. */
function candidates(c: Term, passage: Passage): Term[] {
  if (c.keys.length === 0) return [];
  const ix = indexOf(passage);
  const at = new Set<number>();
  for (const k of c.keys) for (const i of ix.byKey.get(k) ?? []) at.add(i);
  if (c.lemma.length > 2) for (const g of senseGroups(c.lemma)) for (const i of ix.byGroup.get(Math.abs(g)) ?? []) at.add(i);
  return [...at]
    .sort((a, b) => a - b)
    .map((i) => passage.terms[i] as Term)
    .filter((t) => termsMatch(c, t));
}

/** Aligns the given claim terms with one passage. */
export function align(content: readonly Term[], passage: Passage): Alignment {
  const matched = new Map<number, number>();
  const flipped = new Set<number>();
  let total = 0;
  let got = 0;
  for (const c of content) {
    const w = termWeight(c);
    total += w;
    // Prefer an occurrence with the claim's own polarity ("no arrests … arrests were made").
    const found = candidates(c, passage);
    const p = found.find((t) => t.negated === c.negated) ?? found[0];
    if (!p) continue;
    matched.set(c.index, p.index);
    if (p.negated !== c.negated && !c.name && !p.quoted && !c.quoted) flipped.add(c.index);
    else got += w;
  }
  return { passage, matched, flipped, coverage: total ? got / total : 0 };
}

/** Does an alignment state a claim term with the claim's polarity? */
export const states = (a: Alignment, index: number) => a.matched.has(index) && !a.flipped.has(index);

/**
 * Weighted share of `content` that a set of alignments states between them. A word a passage states
 * only under the opposite polarity is not stated (it is a conflict, judged apart).
 */
export function jointCoverage(content: readonly Term[], alignments: readonly Alignment[]): number {
  let total = 0;
  let got = 0;
  for (const c of content) {
    const w = termWeight(c);
    total += w;
    if (alignments.some((a) => states(a, c.index))) got += w;
  }
  return total ? got / total : 0;
}

/** Weighted share of `content` that a set of alignments matches, stated either way round. */
function matchedCoverage(content: readonly Term[], alignments: readonly Alignment[]): number {
  let total = 0;
  let got = 0;
  for (const c of content) {
    const w = termWeight(c);
    total += w;
    if (alignments.some((a) => a.matched.has(c.index))) got += w;
  }
  return total ? got / total : 0;
}

/**
 * The passages that state the claim best: the best one, then (when the claim joins two facts) the one
 * that adds most of what the first leaves out. Passages are weighed by how much they count as
 * evidence (a headline less than a sentence).
 */
export function bestAlignments(content: readonly Term[], passages: readonly Passage[], limit = 2): Alignment[] {
  if (content.length === 0) return [];
  // A passage that states some of the claim only the other way round ("has not made a formal
  // announcement") is kept: it may be the one that contradicts the claim.
  const all = passages.map((p) => align(content, p)).filter((a) => a.matched.size > 0);
  const score = (a: Alignment) => a.coverage * a.passage.weight;
  all.sort((a, b) => score(b) - score(a));
  const out: Alignment[] = [];
  const first = all[0];
  if (!first) return out;
  out.push(first);
  while (out.length < limit) {
    // What a second passage adds counts whichever way it states it: the rules judge the polarity.
    const base = matchedCoverage(content, out);
    let best: Alignment | null = null;
    let gain = 0;
    for (const a of all) {
      if (out.includes(a)) continue;
      const g = (matchedCoverage(content, [...out, a]) - base) * a.passage.weight;
      if (g > gain) {
        gain = g;
        best = a;
      }
    }
    if (!best || gain < 0.05) break;
    out.push(best);
  }
  return out;
}

/**
 * Conflicts a claim can have with a passage that otherwise states it: a name replaced by another, an
 * opposite word, a negation only one of them has, roles swapped around a shared verb, figures given
 * to each other's subjects. Each test is about form, never about a particular story's words.
 */
import { bestAlignments, jointCoverage, states, termsMatch, type Alignment } from './align';
import type { Claim, NamePhrase } from './claim';
import { valuesConflict } from './figures';
import { opposite } from './lexicon';
import type { Passage } from './passages';
import type { Term } from './terms';

/** Runs of name terms in a passage that no claim term matches: who or what the passage names instead. */
export function unmatchedNames(p: Passage, claim: Claim): Term[][] {
  const out: Term[][] = [];
  let run: Term[] = [];
  for (const t of p.terms) {
    const free = t.name && t.keys.length > 0 && !claim.terms.some((c) => termsMatch(c, t));
    if (free && (run.length === 0 || t.index === (run.at(-1) as Term).index + 1)) run.push(t);
    else {
      if (run.length) out.push(run);
      run = free ? [t] : [];
    }
  }
  if (run.length) out.push(run);
  return out;
}

export interface Substitution {
  /** The claim's words that the story never writes ("Mark Holland"). */
  claim: string;
  /** What the passage names in their place ("Marjorie Michel"). */
  source: string;
  passage: Passage;
}

/** Claim words within this many terms of a name are its neighbours; a substitute stands this near theirs. */
const SLOT = 3;

/**
 * A name of the claim that the story never writes, where the passages that state the rest of the
 * claim name someone or something else in the same place ("investor Peter Thiel stands to profit" /
 * "investor Chamath Palihapitiya stands to profit"). Returns null when nothing stands in its place.
 */
export function substitution(claim: Claim, content: readonly Term[], phrase: readonly number[], absent: number[], passages: readonly Passage[], rest: number, anchored: boolean): Substitution | null {
  const except = new Set(absent);
  const others = content.filter((t) => !except.has(t.index));
  const around = bestAlignments(others, passages, 2);
  if (around.length === 0 || jointCoverage(others, around) < rest) return null;
  // The rest must tie the claim to this story's event by a name it shares, or a figure or date it
  // agrees on ("A storm caused flooding in northern England" shares only common words with a
  // Canadian storm: a different event).
  if (!anchored && !others.some((t) => t.name && around.some((a) => states(a, t.index)))) return null;
  const from = absent[0] as number;
  const to = absent.at(-1) as number;
  const neighbours = others.filter((t) => t.index >= from - SLOT && t.index <= to + SLOT);
  // Part of the name is written ("Health Minister [Mark Holland]"): the substitute must continue that part.
  const present = phrase.filter((i) => !except.has(i));
  for (const a of around) {
    const anchors = present.length
      ? a.passage.terms.filter((t) => present.some((i) => termsMatch(claim.terms[i] as Term, t))).map((t) => t.index)
      : neighbours.map((t) => a.matched.get(t.index)).filter((i): i is number => i !== undefined);
    const reach = present.length ? 1 : SLOT;
    const run = unmatchedNames(a.passage, claim).find((r) => anchors.some((i) => i >= (r[0] as Term).index - reach && i <= (r.at(-1) as Term).index + reach));
    if (!run) continue;
    const first = claim.terms[from] as Term;
    const last = claim.terms[to] as Term;
    const p = a.passage;
    return {
      claim: claim.text.slice(first.start, last.start + last.word.length).replace(/['’]s$/, ''),
      source: p.text.slice((run[0] as Term).start, (run.at(-1) as Term).start + (run.at(-1) as Term).word.length).replace(/['’]s$/, ''),
      passage: p,
    };
  }
  return null;
}

/** The part of a name phrase the story never writes as a name. */
export function absentPart(claim: Claim, n: NamePhrase, passages: readonly Passage[]): number[] {
  return n.terms.filter((i) => !passages.some((p) => p.terms.some((t) => t.name && termsMatch(claim.terms[i] as Term, t))));
}

/** Words that are opposites only as function words ("on"/"off", "in"/"out"): too short to judge. */
const MIN_OPPOSITE = 4;

/**
 * Claim words and passage words that are opposites ("stronger" / "weaker"), the passage word matched
 * by nothing in the claim. The claim word may have a match elsewhere in the passage ("a strong run …
 * a weaker dollar"): the opposite still says the claim's word is wrong where it stands.
 */
export function oppositesIn(claim: Claim, a: Alignment): [Term, Term][] {
  const used = new Set(a.matched.values());
  const out: [Term, Term][] = [];
  for (const c of claim.terms) {
    if (c.name || c.word.length < MIN_OPPOSITE) continue;
    for (const p of a.passage.terms) {
      if (used.has(p.index) || p.name || p.word.length < MIN_OPPOSITE) continue;
      if (opposite(c.lemma, p.lemma) || opposite(c.word, p.word)) out.push([c, p]);
    }
  }
  return out;
}

/**
 * The alignment that states the claim the other way round: enough of the claim matched, and at least
 * a third of the matched words under a negation only one side has ("Google has not issued a formal
 * announcement" for "Google has made a formal announcement").
 */
export function negatedIn(content: readonly Term[], aligned: readonly Alignment[], rest: number): Alignment | null {
  for (const a of aligned) {
    if (a.flipped.size === 0) continue;
    let total = 0;
    let got = 0;
    let flippedWeight = 0;
    let matchedWeight = 0;
    for (const c of content) {
      const w = c.weight ?? 1;
      total += w;
      if (aligned.some((x) => states(x, c.index)) || a.flipped.has(c.index)) got += w;
      if (a.matched.has(c.index) && !c.name) {
        matchedWeight += w;
        if (a.flipped.has(c.index)) flippedWeight += w;
      }
    }
    if (total && got / total >= rest && flippedWeight * 3 >= matchedWeight) return a;
  }
  return null;
}

/** Passive voice ("was damaged in the attacks", "is being hit by"): its roles stand in reverse order. */
const PASSIVE = /\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b/i;
/** Nouns and names within this many terms of the shared verb take part in its roles. */
const ROLE_WINDOW = 25;

/**
 * Roles reversed around a verb both share: what the claim puts before it the passage puts after it,
 * and the reverse ("A invited B" / "B invited A"). Only nouns and names count, each at its occurrence
 * nearest the verb; passive voice on one side only reverses the order legitimately.
 */
export function rolesSwapped(claim: Claim, a: Alignment): boolean {
  if (PASSIVE.test(claim.text) !== PASSIVE.test(a.passage.text)) return false;
  const p = a.passage.terms;
  for (const v of claim.verbs) {
    const first = a.matched.get(v);
    if (first === undefined) continue;
    const verb = claim.terms[v] as Term;
    // The passage's occurrence of the verb, and for each noun its occurrence nearest to it.
    for (const pv of p.filter((t) => termsMatch(verb, t)).map((t) => t.index)) {
      let kept = 0;
      let forward = 0;
      let backward = 0;
      for (const ci of a.matched.keys()) {
        const c = claim.terms[ci] as Term;
        // Roles are the verb's own clause: a phrase set off before it ("For the first time, …") is not one.
        if (ci === v || claim.verbs.has(ci) || (c.weight ?? 1) < 1 || c.clause !== verb.clause) continue;
        const near = p.filter((t) => termsMatch(c, t) && Math.abs(t.index - pv) <= ROLE_WINDOW).sort((x, y) => Math.abs(x.index - pv) - Math.abs(y.index - pv))[0];
        if (!near) continue;
        if (ci < v === near.index < pv) kept++;
        else if (ci < v) forward++;
        else backward++;
      }
      // Both roles must move, three nouns or more between them: a phrase merely fronted ("For the
      // first time, …") moves one way only, one noun each way can be a reworded sentence.
      if (forward >= 1 && backward >= 1 && forward + backward >= 3 && forward + backward >= 2 * kept) return true;
    }
  }
  return false;
}

/** The content word a figure is said of: the first of its clause before it ("imports" in "imports fell 4.7%"). */
function subjectOf(terms: readonly Term[], start: number): Term | undefined {
  const before = terms.filter((t) => t.start < start && t.keys.length > 0 && !/^\d/.test(t.word));
  const last = before.at(-1);
  return last ? (before.find((t) => t.clause === last.clause) ?? last) : undefined;
}

/** Figures given to each other's subjects: "imports rose 8.8%" where the passage has "exports rose 8.8%, imports fell 4.7%". */
export function figuresSwapped(claim: Claim, a: Alignment): boolean {
  if (claim.figures.length < 2 || a.passage.figures.length < 2) return false;
  for (const f of claim.figures) {
    const g = a.passage.figures.find((x) => x.unit === f.unit && !valuesConflict(f, x));
    if (!g) continue;
    const cs = subjectOf(claim.terms, f.start);
    const ps = subjectOf(a.passage.terms, g.start);
    if (!cs || !ps || termsMatch(cs, ps)) continue;
    const taken = a.passage.figures.some((x) => {
      if (x === g || x.unit !== f.unit) return false;
      const other = subjectOf(a.passage.terms, x.start);
      return other !== undefined && termsMatch(cs, other);
    });
    if (taken) return true;
  }
  return false;
}

/** Where a sentence turns from one fact to another: "…, while …", "…; …", "… but …", "… whereas …". */
const TURN = /;|\b(?:while|whereas|but)\b/gi;

/**
 * What is said of whom, swapped: the claim says P of A and Q of B where the passage says P of B and
 * Q of A ("A died, while B was taken to hospital" / "B died, while A survived in hospital"). Each
 * part of the claim, split where the sentence turns, holds one name and what it says of it; in the
 * passage, each of those words is said of the claim's name in the same part of the passage (split
 * the same way), or failing one, of the name that stands nearest to it.
 */
export function attachmentsSwapped(claim: Claim, a: Alignment): boolean {
  const turns = [...claim.text.matchAll(TURN)].map((m) => m.index ?? 0);
  if (turns.length === 0) return false;
  const partOf = (t: Term) => turns.filter((at) => t.start > at).length;
  const names = claim.names.map((n) => ({ terms: n.terms, part: partOf(claim.terms[n.terms[0] as number] as Term) }));
  const parts = new Set(names.map((n) => n.part));
  if (parts.size < 2) return false;
  // Where each claim name stands in the passage.
  const placed = names
    .map((n) => ({ ...n, at: a.passage.terms.filter((t) => t.name && n.terms.some((i) => termsMatch(claim.terms[i] as Term, t))).map((t) => t.index) }))
    .filter((n) => n.at.length > 0);
  if (new Set(placed.map((n) => n.part)).size < 2) return false;
  // The passage's own parts: a word is said of the claim name in its part, else of the nearest one.
  const passageTurns = [...a.passage.text.matchAll(TURN)].map((m) => m.index ?? 0);
  const passagePart = (i: number) => passageTurns.filter((at) => (a.passage.terms[i] as Term).start > at).length;
  let kept = 0;
  let swapped = 0;
  for (const [ci, pi] of a.matched) {
    const c = claim.terms[ci] as Term;
    if (c.name || (c.weight ?? 1) < 0.8) continue;
    const own = placed.filter((n) => n.part === partOf(c));
    if (own.length === 0) continue;
    const samepart = placed.filter((n) => n.at.some((i) => passagePart(i) === passagePart(pi)));
    const distance = (n: (typeof placed)[number]) => Math.min(...n.at.map((i) => Math.abs(i - pi)));
    const nearest = samepart.length === 1 ? samepart[0] : [...placed].sort((x, y) => distance(x) - distance(y))[0];
    if (!nearest) continue;
    if (nearest.part === partOf(c)) kept++;
    else swapped++;
  }
  return swapped >= 2 && swapped > kept;
}

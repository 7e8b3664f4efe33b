/**
 * Disputes: where identifiable parties assert incompatible things. Read from a story's statements
 * (claimant, stance, proposition), never from names:
 *
 *  1. an accusation answered — "A accuses T of X" against the accused's denial ("T denies X"), or
 *     the accused's own charge against the accuser ("T says A does not want …");
 *  2. a rejection — "B rejects / denies / disputes / declines to confirm / calls unlawful" what
 *     another party A asserts. A is the party whose claim stands beside the rejection in the same
 *     sentence ("A claims P, though B offers no comment"), else the owner named in what is rejected
 *     ("Israel's move"), else the other party whose statements share the most of its rarer words.
 *     Critics ("critics argue …") reject what the other side asserts in the same way;
 *  3. rival ends — one party's end date against another's duration or end for the same thing;
 *  4. rival figures — two parties' counts of the same quantity for the same day that do not agree
 *     (a narrower count is a part, not a rival).
 *
 * Agreement, comment or different subjects are not disputes. Each step is linear in the number of
 * statements: candidates come from an index of words, with very common words left out.
 */
import type { Story } from '../story/model';
import { tokenize } from '../text/tokens';
import { figuresConflict, isPartOf } from './figures';
import { partyKey, sameParty } from './parties';
import { accusationQuestion, aboutQuestion, claimQuestion, endQuestion, evaluationQuestion, framingQuestion } from './questions';
import { mayOppose, roleOf } from './stance';
import { pastTense, tag } from './tagging';
import { datesIn, refDate, storyStatements, type Statement } from './statements';
import type { Dispute, DisputeSide } from './types';

interface Said {
  s: Statement;
  /** Identity of the speaking party (names, or its role when it has no name). */
  party: string[];
  role: 'pro' | 'con' | null;
  /** Content words of what is said, without the names of the speaker. */
  words: Set<string>;
}

const DAY = 86_400_000;
const dayOf = (iso: string | null) => (iso ? Date.parse(iso.length === 7 ? `${iso}-01` : iso.length === 4 ? `${iso}-01-01` : iso) : Number.NaN);
const daysApart = (a: Statement, b: Statement) => {
  const x = dayOf(a.when);
  const y = dayOf(b.when);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) / DAY : 0;
};
/** An accusation and its answer belong together only when close in time. */
const ANSWER_WITHIN_DAYS = 60;
/** Statements of one kind (accusations, denials, rejections) read at most: a bound on the work for a huge story. */
const MAX_PER_KIND = 300;
/** Words met in more statements than this say nothing about which statements belong together. */
const COMMON = 0.3;

/** The words of a text, with hyphenated compounds also read whole ("cease-fire" is "ceasefire" too). */
function terms(text: string): string[] {
  const joined = text.replace(/(\p{L})[\u2010-\u2015-](?=\p{L})/gu, '$1');
  return joined === text ? tokenize(text) : [...new Set([...tokenize(text), ...tokenize(joined)])];
}

function said(s: Statement): Said | null {
  if (!s.claimant) return null;
  const role = roleOf(s.claimant);
  const names = partyKey(s.claimant);
  const party = names.length ? names : role ? [`role:${role}`] : [];
  const words = new Set(terms(s.proposition).filter((t) => !names.includes(t) && !/^\d/.test(t)));
  return { s, party: role ? [...party, `role:${role}`] : party, role, words };
}

/**
 * Declining to confirm leaves a claim unconfirmed; declining to comment takes no position. Dismissing
 * "us" or "them" rejects people, not a claim.
 */
const rejects = (x: Said) =>
  ((x.s.stance === 'denies' && !/^(?:us|them|him|her|me|you)\b/i.test(x.s.proposition)) || (x.s.stance === 'declines' && !/\bcomment/i.test(x.s.verb ?? '')) || x.role === 'con');
const asserts = (x: Said) => !rejects(x) && x.s.stance !== 'reports';

/** How much two statements say about the same thing: the rarity-weighted words they share. */
class Overlap {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, Said[]>();
  constructor(private readonly all: Said[]) {
    for (const x of all) {
      for (const w of x.words) {
        this.df.set(w, (this.df.get(w) ?? 0) + 1);
        const p = this.postings.get(w);
        if (p) p.push(x);
        else this.postings.set(w, [x]);
      }
    }
  }
  private common(w: string): boolean {
    return (this.df.get(w) ?? 0) > Math.max(6, COMMON * this.all.length);
  }
  score(a: Said, b: Said): number {
    let s = 0;
    for (const w of a.words) if (b.words.has(w) && !this.common(w)) s += 1 / Math.sqrt(this.df.get(w) ?? 1);
    return s;
  }
  /** Statements sharing at least one word that is not common. */
  candidates(a: Said): Set<Said> {
    const out = new Set<Said>();
    for (const w of a.words) if (!this.common(w)) for (const x of this.postings.get(w) ?? []) out.add(x);
    return out;
  }
}

/** Citations of several statements, in first-seen order. */
const citationsOf = (xs: Said[]) => [...new Set(xs.flatMap((x) => x.s.citations))];

/** The claimants of a side, the most frequent first, at most two. */
function claimantOf(xs: Said[], inStory: ReadonlyMap<string, number>): string {
  const counts = new Map<string, number>();
  for (const x of xs) if (x.s.claimant) counts.set(x.s.claimant, (counts.get(x.s.claimant) ?? 0) + 1);
  // Ties go to the name the story uses most for a party ("the Kremlin" over a single "Moscow").
  const names = [...counts.entries()].sort((a, b) => b[1] - a[1] || (inStory.get(b[0]) ?? 0) - (inStory.get(a[0]) ?? 0)).map(([c]) => c);
  const distinct = names.filter((n, i) => names.findIndex((m) => m === n || sameParty(partyKey(m), partyKey(n))) === i);
  return distinct.slice(0, 2).join(' and ');
}

const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:“"]+|[\s,;:”"]+$/g, '')
    .trim();

function side(xs: Said[], claim: string, inStory: ReadonlyMap<string, number>): DisputeSide {
  return { claimant: claimantOf(xs, inStory), claim: clean(claim), citations: citationsOf(xs) };
}

/** What a rejecting statement says, as its side's claim. */
const rejection = (x: Said) => (x.s.stance === 'denies' || x.s.stance === 'declines' ? `${(x.s.verb ?? '').replace(/^still\s+/i, '')} ${x.s.proposition}` : x.s.proposition);

/** The claim of an asserting side that reads best: a quote, then a whole clause, then the longest. */
function bestClaim(xs: Said[]): Said | undefined {
  // A proposition that is a whole quote ("saying “P”") is the party's own words; one that opens on a pronoun ("them as …") reads badly alone.
  const quoted = (x: Said) => x.s.proposition.length > 12 && (x.s.text.includes(`“${x.s.proposition}`) || x.s.text.includes(`"${x.s.proposition}`));
  const score = (x: Said) => (quoted(x) ? 2 : 0) + (claimQuestion(x.s.proposition) ? 1 : 0) - (/^(?:it|them|this|that|he|she|they)\b/i.test(x.s.proposition) ? 2 : 0) + Math.min(x.s.proposition.length, 160) / 1000;
  return [...xs].sort((a, b) => score(b) - score(a))[0];
}

interface Found {
  kind: 'accusation' | 'rejection' | 'end' | 'figure';
  question: string;
  a: Said[];
  b: Said[];
  claimA: string;
  claimB: string;
}

const NEGATED_SUBJECT = /\b((?:the\s+)?[\p{Lu}][\p{L}.\u2010-\u2015-]*(?:\s+[\p{Lu}][\p{L}.\u2010-\u2015-]*){0,3})\s+(?:does|do|did|has|have|had|is|are|was|were|will|would|can|could)(?:\s+not|n['’]t)\b/u;

/** Does a proposition name an act ("breaching any agreement", "of breaking the pause")? */
const isAct = (p: string) => /^\p{L}+ing\b/u.test(p.trim());

/** Does a denial name the act an accusation charges (a word of it besides the accused's name)? */
function sharesAct(d: Said, a: Said): boolean {
  const act = new Set(terms(a.s.proposition));
  return terms(d.s.proposition).some((w) => act.has(w));
}

/** 1. An accusation answered by the accused's denial or by a charge against the accuser. */
function accusations(all: Said[], used: Set<Said>): Found[] {
  const out: Found[] = [];
  // Bounded lists, each read once per accusation: the work grows with the story, not with its square.
  const charges = all.filter((x) => x.s.stance === 'accuses').slice(0, MAX_PER_KIND);
  const denials = all.filter((x) => x.s.stance === 'denies').slice(0, MAX_PER_KIND);
  const negations = all
    .map((c) => ({ c, subject: c.party.length ? NEGATED_SUBJECT.exec(c.s.proposition)?.[1] : undefined }))
    .filter((n): n is { c: Said; subject: string } => n.subject !== undefined)
    .map(({ c, subject }) => ({ c, key: partyKey(subject) }))
    .slice(0, MAX_PER_KIND);
  const keyed = charges.map((o) => ({ o, key: o.s.target ? partyKey(o.s.target) : [] }));
  for (const { o: a, key: accused } of keyed) {
    if (!a.s.target || used.has(a) || accused.length === 0 || sameParty(accused, a.party)) continue;
    // The answer comes from the accused ("Moscow denies …"), or denies the very act ("police denied using force").
    const answers = denials.filter((d) => !used.has(d) && !sameParty(d.party, a.party) && (sameParty(d.party, accused) || sharesAct(d, a)) && daysApart(a.s, d.s) <= ANSWER_WITHIN_DAYS);
    // A denial answers the accusation closest to it in time; "denies doing" answers "accused of doing" first.
    const fit = (d: Said) => (isAct(d.s.proposition) === isAct(a.s.proposition) ? 0 : 1000) + daysApart(a.s, d.s);
    const closest = answers.filter((d) => !keyed.some(({ o, key }) => o !== a && sameParty(key, accused) && daysApart(o.s, d.s) < daysApart(a.s, d.s)));
    const mine = closest.sort((x, y) => fit(x) - fit(y)).slice(0, 1);
    // … or the accused charges the accuser back ("… shows Moscow does not want to end the war").
    const counters = negations.filter(({ c, key }) => c !== a && !sameParty(c.party, a.party) && sameParty(key, a.party)).map(({ c }) => c);
    const b = mine.length ? mine : counters;
    if (b.length === 0) continue;
    for (const x of b) used.add(x);
    used.add(a);
    // The accuser's other words for the same charge ("Zelensky's accusation of cease-fire breach") report the same side.
    const same = charges.filter((x) => x !== a && sameParty(x.party, a.party) && sharesAct(x, a) && daysApart(x.s, a.s) <= ANSWER_WITHIN_DAYS && !used.has(x));
    for (const x of same) used.add(x);
    const first = b[0] as Said;
    out.push({
      kind: 'accusation',
      question: accusationQuestion(a.s.target, a.s.proposition),
      a: [a, ...same],
      b,
      claimA: `${a.s.target} ${pastTense(a.s.proposition)}`,
      claimB: mine.length ? rejection(first) : first.s.proposition,
    });
  }
  return out;
}

const NEGATED = /\b(?:not|never|no longer)\b|n['’]t\b/i;
/** "Israel's move", "the company's account": whose claim or act is rejected. */
const POSSESSOR = /((?:the\s+)?[\p{Lu}][\p{L}.\u2010-\u2015-]*(?:\s+[\p{Lu}][\p{L}.\u2010-\u2015-]*){0,3}|\bthe\s+\p{Ll}+)['’]s\s+\p{L}/u;
/** Enough shared rare words to say two statements are about the same claim. */
const SAME_CLAIM = 0.4;

/** 2. A rejection of what another party asserts. */
function rejections(all: Said[], used: Set<Said>, overlap: Overlap): Found[] {
  const found: Found[] = [];
  const rejecting = all.filter((x) => rejects(x) && !used.has(x)).slice(0, MAX_PER_KIND);
  const byUnit = new Map<number, Said[]>();
  for (const x of all) {
    const unit = byUnit.get(x.s.unit);
    if (unit) unit.push(x);
    else byUnit.set(x.s.unit, [x]);
  }
  // A party that itself rejects in the same sentence, or about the same words, is on the rejecting side.
  const rejectsToo = new Map<Said, boolean>();
  const alsoRejects = (x: Said) => {
    let r = rejectsToo.get(x);
    if (r === undefined) rejectsToo.set(x, (r = rejecting.some((y) => sameParty(y.party, x.party) && (y.s.unit === x.s.unit || overlap.score(y, x) >= SAME_CLAIM))));
    return r;
  };
  // "Will not follow X" asserts nothing that a rejection of X could contradict.
  const opposes = (x: Said, d: Said) => x !== d && asserts(x) && x.party.length > 0 && !NEGATED.test(x.s.proposition) && !sameParty(x.party, d.party) && !alsoRejects(x);
  for (const d of rejecting) {
    // Beside it in the same sentence: "A claims P, though B offers no comment".
    let opponents = (byUnit.get(d.s.unit) ?? []).filter((x) => opposes(x, d));
    let owner: string | undefined;
    if (opponents.length === 0) {
      // The owner of what is rejected: "called Israel's move unlawful".
      owner = POSSESSOR.exec(d.s.object ?? d.s.proposition)?.[1];
      const key = owner ? partyKey(owner) : [];
      if (key.length && !sameParty(key, d.party)) opponents = all.filter((x) => sameParty(x.party, key) && opposes(x, d));
      else owner = undefined;
    }
    if (opponents.length === 0 && !owner) {
      let best: { x: Said; score: number } | null = null;
      for (const x of overlap.candidates(d)) {
        if (!opposes(x, d)) continue;
        const score = overlap.score(d, x);
        if (score > (best?.score ?? 0)) best = { x, score };
      }
      if (best && best.score >= SAME_CLAIM) opponents = [best.x];
    }
    if (opponents.length === 0) {
      if (owner) found.push({ kind: 'rejection', question: '', a: [], b: [d], claimA: owner, claimB: rejection(d) });
      continue;
    }
    // The asserting side: the opponent's statements about the same thing.
    const lead = opponents.reduce((p, x) => (overlap.score(d, x) > overlap.score(d, p) ? x : p), opponents[0] as Said);
    const a = all.filter((x) => opposes(x, d) && sameParty(x.party, lead.party) && (opponents.includes(x) || overlap.score(d, x) > 0 || overlap.score(lead, x) >= SAME_CLAIM));
    found.push({ kind: 'rejection', question: '', a, b: [d], claimA: '', claimB: rejection(d) });
  }
  return mergeRejections(found, all);
}

/** The question of a rejection: what the rejecting side calls wrong, else the claim it rejects. */
function rejectionQuestion(f: Found): string {
  for (const d of f.b) {
    const q = d.s.object && d.s.evaluation ? evaluationQuestion(d.s.object, d.s.evaluation) : '';
    if (q) return q;
  }
  for (const d of f.b) {
    const q = d.s.object && d.s.complement ? framingQuestion(d.s.object, d.s.complement) : '';
    if (q) return q;
  }
  const best = bestClaim(f.a);
  const claim = best ? claimQuestion(best.s.proposition) : '';
  if (claim) return claim;
  for (const x of f.a) {
    const q = x.s.object && x.s.complement ? framingQuestion(x.s.object, x.s.complement) : '';
    if (q) return q;
  }
  const d = f.b[0];
  return d ? aboutQuestion(d.s.object ?? d.s.proposition) : '';
}

/** Rejections of one party's claims are one dispute: their rejecting parties make one side. */
function mergeRejections(found: Found[], all: Said[]): Found[] {
  const out: Found[] = [];
  for (const f of found) {
    const aParty = f.a[0]?.party ?? partyKey(f.claimA);
    const into = out.find((o) => {
      const oParty = o.a[0]?.party ?? partyKey(o.claimA);
      return sameParty(oParty, aParty) || (o.b[0] && f.b[0] && sameParty(o.b[0].party, f.b[0].party) && o.a.some((x) => f.a.includes(x)));
    });
    if (!into) {
      out.push({ ...f, a: [...f.a], b: [...f.b] });
      continue;
    }
    for (const x of f.a) if (!into.a.includes(x)) into.a.push(x);
    for (const x of f.b) if (!into.b.includes(x)) into.b.push(x);
    if (!into.claimA && f.claimA) into.claimA = f.claimA;
  }
  for (const o of out) {
    const best = bestClaim(o.a);
    if (best) o.claimA = best.s.proposition;
    o.question = rejectionQuestion(o);
    // Several rejections: the one that reads as a question, the first otherwise.
    // The rejections that say what they reject first.
    const said = [...o.b].sort((x, y) => y.s.proposition.length - x.s.proposition.length);
    const first = said[0];
    // What the rejecting party goes on to say in the same sentence ("…, arguing the dam will worsen flooding").
    const reason = first ? all.find((x) => x.s.unit === first.s.unit && x !== first && sameParty(x.party, first.party) && x.s.stance === 'asserts' && x.s.text !== first.s.text) : undefined;
    o.claimB = [...new Set([...said.map(rejection), ...(reason ? [reason.s.proposition] : [])].map(clean))].slice(0, reason ? 3 : 2).join('; ');
  }
  return out;
}

const END = /\b(?:set\s+to\s+)?end(?:s|ing|ed)?\s+(?:on\s+)?((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b|\bexpir(?:es|ing|ed)\s+on\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b/i;
const SPAN_WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10 };
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };
const SPAN = /\b(a|one|two|three|four|five|six|seven|ten|\d{1,2})[\u2010-\u2015\s-](day|week|month)s?(?:[\u2010-\u2015-]long)?\b|\b(day|week|month)[\u2010-\u2015-]long\b|\buntil\s+((?:the\s+following\s+|next\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b/i;

/** Ends told of more than a month apart are about different spells, not rival accounts of one. */
const SAME_SPELL_DAYS = 30;

/** When a statement says something ends: its end date, or its start plus the span it gives. */
function endOf(s: Statement): { day: number; end: boolean; thing: string | null } | null {
  const ref = refDate(s.when);
  const end = END.exec(s.text);
  if (end) {
    const d = datesIn(end[1] ?? end[2] ?? '', ref)[0];
    if (!d) return null;
    const thing = /((?:the|a|an|its)\s+(?:[\p{L}\u2010-\u2015-]+\s+){0,2}?[\p{L}\u2010-\u2015-]+)\s+(?:as\s+[^,;]*?\s+)?(?:and\s+)?(?:is\s+)?(?:set\s+to\s+)?end/iu.exec(s.text)?.[1] ?? null;
    return { day: dayOf(d), end: true, thing };
  }
  const span = SPAN.exec(s.text);
  if (!span || !ref) return null;
  if (span[4]) {
    const d = datesIn(`until ${span[4]}`, ref)[0];
    return d ? { day: dayOf(d), end: false, thing: null } : null;
  }
  const n = SPAN_WORDS[(span[1] ?? 'a').toLowerCase()] ?? Number(span[1]);
  const days = n * (UNIT_DAYS[(span[2] ?? span[3] ?? 'day').toLowerCase()] ?? 1);
  return { day: dayOf(s.when) + days * DAY, end: false, thing: null };
}

/** 3. One party's end date against another party's span or end for the same thing. */
function rivalEnds(all: Said[], overlap: Overlap): Found[] {
  const dated = all.map((x) => ({ x, e: endOf(x.s) })).filter((y): y is { x: Said; e: NonNullable<ReturnType<typeof endOf>> } => y.e !== null && asserts(y.x));
  const ends = dated.filter((y) => y.e.end);
  if (ends.length === 0) return [];
  const first = ends[0] as (typeof ends)[number];
  const endSide = ends.filter((y) => sameParty(y.x.party, first.x.party) && y.e.day === first.e.day);
  // Two days' slack: "until Sunday" and "ends Feb 1" may count the last day differently.
  const rivals = dated.filter(
    (y) =>
      !sameParty(y.x.party, first.x.party) &&
      Math.abs(y.e.day - first.e.day) > 1.5 * DAY &&
      daysApart(y.x.s, first.x.s) <= SAME_SPELL_DAYS &&
      (y.x.s.unit === first.x.s.unit || overlap.score(first.x, y.x) > 0 || endSide.some((z) => z.x.s.unit === y.x.s.unit)),
  );
  if (rivals.length === 0) return [];
  // One wording per length: "one-week" and "a week-long" say the same.
  const byLength = new Map<string, string>();
  for (const y of rivals) {
    const words = SPAN.exec(y.x.s.text)?.[0] ?? END.exec(y.x.s.text)?.[0] ?? '';
    const span = SPAN.exec(words);
    const key = span?.[4] ? words : `${SPAN_WORDS[(span?.[1] ?? 'a').toLowerCase()] ?? span?.[1]} ${span?.[2] ?? span?.[3] ?? words}`;
    if (words && !byLength.has(key)) byLength.set(key, words);
  }
  const spans = [...byLength.values()];
  const thing = endSide.map((y) => y.e.thing).find(Boolean) ?? 'it';
  const endMatch = END.exec(first.x.s.text);
  const endDate = endMatch?.[1] ?? endMatch?.[2] ?? '';
  return [
    {
      kind: 'end',
      question: endQuestion(thing),
      a: endSide.map((y) => y.x),
      b: rivals.map((y) => y.x),
      claimA: `${thing} ends on ${endDate}`,
      claimB: `${thing} lasts ${spans.slice(0, 3).join(', ')}`,
    },
  ];
}

const CHANGE = /\bfrom\s+[\d,.]+\s*%?\s+to\s+[\d,.]+|\b(rose|fell|grew|dropped|increased|decreased|up|down)\s+from\b/i;
const MODAL = /\b(will|would|could|may|might|forecasts?|expected|warns?|warn)\b/i;

/** What a figure counts, as written after it ("12 people died in the fire" → "people died"). */
function counted(text: string, figure: string): string {
  const at = text.indexOf(figure);
  const after = at < 0 ? '' : text.slice(at + figure.length);
  const words = /^\s*((?:[\p{L}\u2010-\u2015-]+\s*){1,3}?)(?=\s+(?:in|on|at|of|for|from|to|by|with|and|while|but|as)\b|[,;.:]|$)/iu.exec(after)?.[1]?.trim();
  return words || 'are there';
}

/**
 * What an amount measures, from the nouns just before it: "revenue reached $3 billion" and "its
 * valuation reached $20 billion" are two quantities, though both are dollars.
 */
function measured(text: string, figure: string): string {
  const at = text.indexOf(figure);
  if (at < 0) return '';
  const before = text.slice(0, at).split(/[,;:]/).at(-1) ?? '';
  const words = tag(before).slice(-4);
  return words
    .filter((w) => w.tags.has('Noun') && !w.tags.has('Pronoun'))
    .flatMap((w) => tokenize(w.text))
    .sort()
    .join(' ');
}

/** 4. Two parties' counts of the same quantity on the same day that do not agree. */
function rivalFigures(all: Said[]): Found[] {
  const out: Found[] = [];
  const firm = all.filter((x) => x.s.figures.length > 0 && x.party.length > 0 && !MODAL.test(x.s.text) && !CHANGE.test(x.s.text));
  // Rival counts are set against each other in one sentence ("X reported 20, while Y said 30"): bucket by sentence.
  const bySentence = new Map<number, Said[]>();
  for (const x of firm) {
    const bucket = bySentence.get(x.s.unit) ?? [];
    if (bucket.length < 20) bucket.push(x);
    bySentence.set(x.s.unit, bucket);
  }
  const seen = new Set<string>();
  for (const bucket of bySentence.values()) {
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const a = bucket[i] as Said;
        const b = bucket[j] as Said;
        if (sameParty(a.party, b.party) || a.s.text === b.s.text) continue;
        for (const fa of a.s.figures) {
          for (const fb of b.s.figures) {
            if (isPartOf(fa, fb) || isPartOf(fb, fa) || !figuresConflict(fa, fb) || measured(a.s.proposition, fa.text) !== measured(b.s.proposition, fb.text)) continue;
            const key = `${fa.unit}|${fa.qualifiers.join(' ')}|${a.s.when}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({
              kind: 'figure',
              question: fa.unit === '%' ? 'What share is it?' : `How many ${counted(a.s.text, fa.text)}?`,
              a: [a],
              b: [b],
              claimA: a.s.proposition,
              claimB: b.s.proposition,
            });
          }
        }
      }
    }
  }
  return out;
}

/** The prose of a story, every field that statements are read from. */
function* prose(story: Story): Generator<string> {
  for (const section of story.summary) yield section.text;
  for (const e of story.timeline) yield e.text;
  for (const s of story.sources) yield s.description;
  for (const p of story.perspectives) yield p.text;
}

/**
 * Can the story hold a dispute at all? Every kind needs a rejecting word, an end date or rival
 * figures in one contrasting sentence; without any, its statements need not be read.
 */
function mayHoldDispute(story: Story): boolean {
  for (const text of prose(story)) if (mayOppose(text) || END.test(text) || (/\b(?:while|whereas|but)\b/i.test(text) && /\d/.test(text))) return true;
  return false;
}

/** The disputed claims of a story. */
export function findDisputes(story: Story, statements?: Statement[]): Dispute[] {
  if (!statements && !mayHoldDispute(story)) return [];
  const all = (statements ?? storyStatements(story)).map(said).filter((x): x is Said => x !== null);
  const overlap = new Overlap(all);
  const used = new Set<Said>();
  // Accusations first: a denial that answers an accusation is not also a rejection of something else.
  const accused = accusations(all, used);
  const ordered = [...rejections(all, used, overlap), ...rivalEnds(all, overlap), ...accused, ...rivalFigures(all)];
  const names = new Map<string, number>();
  for (const x of all) if (x.s.claimant) names.set(x.s.claimant, (names.get(x.s.claimant) ?? 0) + 1);
  return ordered
    .filter((f) => f.b.length > 0 && f.question)
    .map((f) => ({
      question: f.question,
      sides: [f.a.length ? side(f.a, f.claimA, names) : { claimant: clean(f.claimA), claim: clean(f.claimA), citations: [] }, side(f.b, f.claimB, names)],
    }));
}

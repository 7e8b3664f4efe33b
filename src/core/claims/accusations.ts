/**
 * Accusations answered: "A accuses T of X" against the accused's denial ("T denies X", or a denial
 * of the very act), or the accused's own charge against the accuser ("T says A does not want …").
 */
import { partyKey, sameParty } from './parties';
import { accusationQuestion } from './questions';
import { daysApart, MAX_PER_KIND, rejection, terms, type Found, type Said } from './said';
import { pastTense } from './tagging';

/** An accusation and its answer belong together only when close in time. */
const ANSWER_WITHIN_DAYS = 60;

const NEGATED_SUBJECT = /\b((?:the\s+)?[\p{Lu}][\p{L}.\u2010-\u2015-]*(?:\s+[\p{Lu}][\p{L}.\u2010-\u2015-]*){0,3})\s+(?:does|do|did|has|have|had|is|are|was|were|will|would|can|could)(?:\s+not|n['’]t)\b/u;

/** Does a proposition name an act ("breaching any agreement", "of breaking the pause")? */
const isAct = (p: string) => /^\p{L}+ing\b/u.test(p.trim());

/** Does a denial name the act an accusation charges (a word of it besides the accused's name)? */
function sharesAct(d: Said, a: Said): boolean {
  const act = new Set(terms(a.s.proposition));
  return terms(d.s.proposition).some((w) => act.has(w));
}

/** 1. An accusation answered by the accused's denial or by a charge against the accuser. */
export function accusations(all: Said[], used: Set<Said>): Found[] {
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
    // The accuser's other words for the same charge ("the minister's accusation of a ceasefire breach") report the same side.
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

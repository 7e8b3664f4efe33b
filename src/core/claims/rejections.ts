/**
 * Rejections: "B rejects / denies / disputes / declines to confirm / calls unlawful" what another
 * party A asserts. A is the party whose claim stands beside the rejection in the same sentence ("A
 * claims P, though B offers no comment"), else the owner named in what is rejected ("Israel's
 * move"), else the other party whose statements share the most of its rarer words. Critics reject
 * what the other side asserts in the same way. Rejections of one party's claims are one dispute.
 */
import { partyKey, sameParty } from './parties';
import { aboutQuestion, claimQuestion, evaluationQuestion, framingQuestion } from './questions';
import type { Overlap } from './overlap';
import { asserts, clean, MAX_PER_KIND, NEGATED, rejection, rejects, type Found, type Said } from './said';

/**
 * The claims of one side weighed for the best one: the first this many. A side of the dev stories
 * has at most 8 statements; a story that repeats one party's claims hundreds of times would
 * otherwise have every one parsed (about a millisecond each).
 */
const MAX_WEIGHED = 20;
/** Each statement's score, computed once: it parses the proposition, and a side is weighed twice. */
const scores = new WeakMap<Said, number>();

/** The claim of an asserting side that reads best: a quote, then a whole clause, then the longest. */
function bestClaim(xs: Said[]): Said | undefined {
  // A proposition that is a whole quote ("saying “P”") is the party's own words; one that opens on a pronoun ("them as …") reads badly alone.
  const quoted = (x: Said) => x.s.proposition.length > 12 && (x.s.text.includes(`“${x.s.proposition}`) || x.s.text.includes(`"${x.s.proposition}`));
  const score = (x: Said) => {
    let v = scores.get(x);
    if (v === undefined) {
      v = (quoted(x) ? 2 : 0) + (claimQuestion(x.s.proposition) ? 1 : 0) - (/^(?:it|them|this|that|he|she|they)\b/i.test(x.s.proposition) ? 2 : 0) + Math.min(x.s.proposition.length, 160) / 1000;
      scores.set(x, v);
    }
    return v;
  };
  const scored = xs.slice(0, MAX_WEIGHED).map((x) => ({ x, score: score(x) }));
  return scored.sort((a, b) => b.score - a.score)[0]?.x;
}

/** "Israel's move", "the company's account": whose claim or act is rejected. */
const POSSESSOR = /((?:the\s+)?[\p{Lu}][\p{L}.\u2010-\u2015-]*(?:\s+[\p{Lu}][\p{L}.\u2010-\u2015-]*){0,3}|\bthe\s+\p{Ll}+)['’]s\s+\p{L}/u;
/** Enough shared rare words to say two statements are about the same claim. */
const SAME_CLAIM = 0.4;

/** 2. A rejection of what another party asserts. */
export function rejections(all: Said[], used: Set<Said>, overlap: Overlap): Found[] {
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

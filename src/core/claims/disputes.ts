/**
 * Disputes: where accounts conflict. Three kinds are read from a story's statements, and one from
 * its perspectives:
 *
 *  1. claim against denial — one side says another side agreed to or did something; that side
 *     denies it, or declines to confirm it ("Putin agreed to a pause" / "the Kremlin offers no
 *     comment");
 *  2. when — one account gives an end date, another a duration or a different day for the same
 *     thing ("the pause ends on Feb 1" / "a week-long pause, until the following Sunday");
 *  3. accusation against denial — "Zelensky accuses Russia of breaking the pause" / "Moscow denies
 *     breaching any agreement", about the same time;
 *  4. figures — two counts of the same quantity (same unit and qualifiers) for the same day that do
 *     not agree; a narrower count ("32 ballistic missiles") is a part of a wider one ("70 missiles"),
 *     not a rival;
 *  and Kagi perspectives whose stances oppose.
 *
 * Each dispute is a short question and its sides, each side with claimant, claim and citations.
 */
import type { Story } from '../story/model';
import { tokenize } from '../text/tokens';
import { figuresConflict, isPartOf } from './figures';
import { storyStatements, type Statement } from './statements';
import type { Dispute, DisputeSide } from './types';

/** What an agreement, a pause or a deal is called. */
const DEAL = /\b(pause|cease[\u2010-\u2015-]?fire|truce|halt|agreement|pact|deal|suspension)\b/i;
const AGREED = /\b(?:Putin|Moscow|Russia|the Kremlin)\s+agreed\b|\bsecured\s+(?:a|an)\s+[^,.;]*\b(?:pause|cease[\u2010-\u2015-]?fire|truce)\b|\bclaim(?:s|ed)?\s+(?:of\s+)?(?:a\s+)?(?:fulfilled\s+)?agreement\b|\b(?:cease[\u2010-\u2015-]?fire|pause)\s+claim\b|\bclaimed\s+pause\b|\bclaim\s+of\s+a\s+week[\u2010-\u2015-]long\b/i;
const BREACH = /\b(break(?:ing|s)?|broke|breach(?:ing|es|ed)?|violat(?:e|es|ed|ing|ion))\b/i;
const END_DATE = /\b(?:set\s+to\s+)?end(?:s|ing)?\s+(?:on\s+)?((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b|\bexpires?\b/i;
const DURATION = /\b(?:one|1|a)[\u2010-\u2015\s-]week\b|\bweek[\u2010-\u2015-]long\b|\bfor\s+a\s+week\b|\buntil\s+(?:the\s+following\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/i;
const CHANGE = /\bfrom\s+[\d,.]+\s*%?\s+to\s+[\d,.]+|\b(rose|fell|grew|dropped|increased|decreased|up|down)\s+from\b/i;
const MODAL = /\b(will|would|could|may|might|forecasts?|expected|warns?|warn)\b/i;

const DAY = 86_400_000;
const dayOf = (iso: string | null) => (iso ? Date.parse(iso.length === 7 ? `${iso}-01` : iso.length === 4 ? `${iso}-01-01` : iso) : Number.NaN);
const near = (a: Statement, b: Statement, days: number) => {
  const x = dayOf(a.when);
  const y = dayOf(b.when);
  return !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x - y) <= days * DAY;
};

/** Citations of several statements, in first-seen order. */
function citationsOf(statements: Statement[]): number[] {
  return [...new Set(statements.flatMap((s) => s.citations))];
}

/** Names of one institution, shown once ("Moscow" speaks for the Kremlin). */
const SAME_SPEAKER: Record<string, string> = { Moscow: 'the Kremlin', Russia: 'the Kremlin' };

/** The claimants of a side: the most frequent first, at most two. */
function claimantOf(statements: Statement[]): string {
  const counts = new Map<string, number>();
  for (const s of statements) {
    if (!s.claimant) continue;
    const who = SAME_SPEAKER[s.claimant] ?? s.claimant;
    counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([c]) => c)
    .join(' and ');
}

const clean = (s: string) =>
  s
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[“"]|[”"]$/g, '');

/** A quoted sentence inside a statement ("saying “Putin agreed to …”"), if any. */
const quoteIn = (s: Statement) => /[“"]([^”"]{12,200})[”"]/.exec(s.text)?.[1]?.replace(/[,.]$/, '');

function side(statements: Statement[], claim: string): DisputeSide {
  return { claimant: claimantOf(statements), claim: clean(claim), citations: citationsOf(statements) };
}

/** 1. "X agreed / secured a deal" asserted by one camp; denied or left unconfirmed by the other. */
function agreementDisputes(all: Statement[]): Dispute[] {
  const claims = all.filter((s) => s.stance !== 'denies' && s.stance !== 'declines' && s.camp !== 'russia' && s.camp !== null && AGREED.test(s.text));
  const denials = all.filter((s) => s.camp === 'russia' && (s.stance === 'declines' || s.stance === 'denies') && !BREACH.test(s.text));
  if (claims.length === 0 || denials.length === 0) return [];
  const agreedTo = all.map((s) => /\bPutin\s+agreed\s+to\s+(?:a|an)\s+([^,.;”"]+)/i.exec(s.text)?.[1]).find(Boolean);
  const what = agreedTo && /week/i.test(agreedTo) ? 'a week-long pause' : agreedTo ? `a ${agreedTo.replace(/^(one|1)[\u2010-\u2015\s-]week/i, 'week-long')}` : 'the pause';
  const quoted = claims.map(quoteIn).find((q) => q && /agreed/i.test(q));
  const claimText = quoted ?? claims.find((s) => /agreed/i.test(s.text))?.text ?? claims[0]?.text ?? '';
  // "still declines to confirm the cease-fire"; "Moscow's denial of any binding pact" → "denies any binding pact".
  const decline = denials.find((s) => s.stance === 'declines' && s.proposition && /confirm/i.test(s.verb ?? '')) ?? denials.find((s) => s.stance === 'declines');
  const denial = denials.find((s) => s.stance === 'denies');
  const declineText = decline ? `${(decline.verb ?? 'declines to confirm').replace(/^still\s+/i, '')} ${decline.proposition}`.trim() : '';
  const denialText = denial ? denial.text.replace(/\bunderscores.*$/i, '').replace(/^.*?\bdenial\s+of\s+/i, 'denies ').trim() : '';
  const counter = [declineText, denialText].filter(Boolean).join('; ');
  return [{ question: `Did Putin agree to ${what}?`, sides: [side(claims, claimText), side(denials, counter)] }];
}

/** 2. An end date from one camp against a duration or another end from the other camp. */
function whenDisputes(all: Statement[]): Dispute[] {
  const ends = all.filter((s) => s.camp !== null && END_DATE.test(s.text) && DEAL.test(s.text) && s.stance !== 'declines');
  const durations = all.filter((s) => s.camp !== null && DURATION.test(s.text) && DEAL.test(s.text) && s.stance !== 'declines' && s.stance !== 'denies');
  for (const e of ends) {
    const rivals = durations.filter((d) => d.camp !== e.camp);
    if (rivals.length === 0) continue;
    const endSide = ends.filter((x) => x.camp === e.camp);
    const endDate = END_DATE.exec(e.text)?.[1];
    // "one-week", "week-long", "until Sunday", "until the following Sunday": the distinct phrasings, longest kept.
    const phrasings = rivals.flatMap((r) => [...r.text.matchAll(new RegExp(DURATION.source, 'gi'))].map((m) => m[0].replace(/^(?:one|1|a)[\u2010-\u2015\s-]week$|^week[\u2010-\u2015-]long$|^for a week$/i, 'a week')));
    const core = (p: string) => p.toLowerCase().replace(/\bthe\s+following\s+/, '');
    const distinct = [...new Set(phrasings)].filter((p, i, all) => all.findIndex((q) => core(q) === core(p)) === i);
    const rivalClaim = `the pause lasts ${distinct.join(', ')}`;
    return [
      {
        question: 'When does the pause end?',
        sides: [side(endSide, endDate ? `the pause ends on ${endDate}` : clean(e.proposition)), side(rivals, rivalClaim)],
      },
    ];
  }
  return [];
}

/** 3. An accusation of breaking a deal against a denial of breaching one, close in time. */
function breachDisputes(all: Statement[]): Dispute[] {
  const denials = all.filter((s) => s.stance === 'denies' && BREACH.test(s.text) && s.camp !== null);
  const accusations = all.filter((s) => s.stance === 'accuses' && BREACH.test(s.text) && DEAL.test(s.text) && s.camp !== null && denials.some((d) => d.camp !== s.camp && near(s, d, 60)));
  if (accusations.length === 0) return [];
  const accused = denials.filter((d) => accusations.some((a) => a.camp !== d.camp && near(a, d, 60)));
  const spelled = accusations.map((a) => /\baccuses\s+(\w+)\s+of\s+breaking\s+(.+)$/i.exec(a.text)).find(Boolean);
  const claim = spelled ? `${spelled[1]} broke ${spelled[2]}` : (accusations[0]?.proposition ?? '');
  const who = spelled?.[1] ?? 'Russia';
  const denial = accused[0];
  return [
    {
      question: `Did ${who} break the pause?`,
      sides: [side(accusations, claim), side(accused, denial ? `${denial.verb ?? 'denies'} ${denial.proposition.replace(/,?\s+and\s+.*$/, '')}` : '')],
    },
  ];
}

/** 4. Counts of the same quantity on the same day that do not agree. */
function figureDisputes(all: Statement[]): Dispute[] {
  const out: Dispute[] = [];
  // Changes over time ("rose from 14% to 90%") are not rival counts; unsourced statements cannot take a side.
  const firm = all.filter((s) => s.figures.length > 0 && !MODAL.test(s.text) && !CHANGE.test(s.text) && s.when !== null && s.citations.length > 0);
  const seen = new Set<string>();
  for (let i = 0; i < firm.length; i++) {
    for (let j = i + 1; j < firm.length; j++) {
      const a = firm[i] as Statement;
      const b = firm[j] as Statement;
      if (a.when !== b.when || a.text === b.text || a.citations.some((n) => b.citations.includes(n))) continue;
      const shared = new Set(tokenize(a.text).filter((t) => tokenize(b.text).includes(t)));
      if (shared.size < 3) continue;
      for (const fa of a.figures) {
        for (const fb of b.figures) {
          if (isPartOf(fa, fb) || isPartOf(fb, fa) || !figuresConflict(fa, fb)) continue;
          const key = `${fa.unit}|${fa.qualifiers.join(' ')}|${a.when}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            question: fa.unit === '%' ? 'What share is it?' : fa.unit.startsWith('°') ? 'What was the temperature?' : `How many ${[...fa.qualifiers, fa.unit].join(' ')}s?`,
            sides: [side([a], `${fa.text}: ${a.text}`), side([b], `${fb.text}: ${b.text}`)],
          });
        }
      }
    }
  }
  return out;
}

const OPPOSING = /\b(den(?:y|ies|ied)|reject(?:s|ed)?|dispute(?:s|d)?|criticiz(?:e|es|ed)|condemn(?:s|ed)?|oppose(?:s|d)?|warn(?:s|ed)?|skeptic\w*|question(?:s|ed)|call(?:s|ed)\s+(?:it|the)\s+\w*\s*(?:illegal|unlawful|false))\b/i;

/** Kagi perspectives: a perspective that rejects what another asserts, on the same subject. */
function perspectiveDisputes(story: Story): Dispute[] {
  const ps = story.perspectives.map((p) => {
    const m = /^([^:]{2,80}):\s+(.*)$/s.exec(p.text);
    return { who: m?.[1]?.trim() ?? p.sources[0]?.name ?? 'An outlet', claim: (m?.[2] ?? p.text).trim(), sources: p.sources, tokens: new Set(tokenize(p.text)) };
  });
  const against = ps.filter((p) => OPPOSING.test(p.claim));
  const sides: DisputeSide[] = [];
  for (const a of against) {
    const target = ps.filter((p) => p !== a && !OPPOSING.test(p.claim) && [...p.tokens].filter((t) => a.tokens.has(t)).length >= 3)[0];
    if (!target) continue;
    const cite = (p: typeof a) => story.sources.filter((s) => p.sources.some((x) => x.url && x.url === s.url)).map((s) => s.n);
    if (!sides.some((s) => s.claimant === target.who)) sides.push({ claimant: target.who, claim: target.claim, citations: cite(target) });
    sides.push({ claimant: a.who, claim: a.claim, citations: cite(a) });
    if (sides.length >= 2) break;
  }
  return sides.length >= 2 ? [{ question: `How do the accounts of “${story.title}” differ?`, sides }] : [];
}

/** The disputed claims of a story. */
export function findDisputes(story: Story, statements: Statement[] = storyStatements(story)): Dispute[] {
  return [...agreementDisputes(statements), ...whenDisputes(statements), ...breachDisputes(statements), ...figureDisputes(statements), ...perspectiveDisputes(story)];
}

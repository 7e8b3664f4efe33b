/**
 * A claim taken apart for alignment: its terms (with names and negation marked), figures, dates,
 * the names it states, its verbs, and whether it is attributed ("X says …", "according to X"): an
 * attributed claim asserts only that X said it.
 *
 * compromise (a rule-based English tagger) tells which words are verbs and whether a capitalised
 * first word is a name ("Benzinga reported…") or just the start of a sentence ("Both bodies…"). It
 * runs on the claim only, never on a whole story, so its cost stays per check.
 */
import nlp from 'compromise';
import { NAME_WEIGHT } from './align';
import { extractFigures, type Figure } from './figures';
import { termsOf, type Term } from './terms';
import { dateMentions, type DateMention } from './when';

export interface NamePhrase {
  text: string;
  /** Indexes of the terms that make it up. */
  terms: number[];
}

export interface Claim {
  text: string;
  terms: Term[];
  /**
   * Terms that alignment weighs: words with content, the speaker of an attributed claim included
   * ("X said Y" is stated where the story says X said Y); not the dates and the number words of
   * figures (those are compared as dates and figures). What a figure counts ("motorcycles") stays.
   */
  content: Term[];
  figures: Figure[];
  dates: DateMention[];
  names: NamePhrase[];
  /** Term indexes that compromise tags as verbs. */
  verbs: Set<number>;
  /** "X says …": the speaker as written. */
  speaker: string | null;
  /** The speaker's words (term indexes): the passages that bear the claim out must name them. */
  speakerTerms: number[];
}

/** Words that only spell a number ("sixteen thousand", "a dozen", "two-thirds"). */
const NUMBER_WORD = /^(?:\d.*|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|half|third|thirds|quarter|quarters)$/;

/** "According to X, …" and "X says/said/reports/warned (that) …" at the start of a claim. */
const ACCORDING = /^\s*according\s+to\s+([^,]{2,80}),\s*/i;
/**
 * "X says/said/reports/warned (that) …", and the stances that report a position as well: "X denies …",
 * "X accused Y of …", "X declined to confirm …", "X rejected …" — each true as a report of what X did.
 */
const SAYS = /^\s*((?:the\s+)?[^,;:]{2,80}?)\s+(?:says?|said|reports?|reported|claims?|claimed|argues?|argued|warns?|warned|insists?|insisted|notes?|noted|told\s+\w+|writes?|wrote|states?|stated|alleges?|alleged|den(?:y|ies|ied)|accus(?:es|ed)|declined?\s+to|declines\s+to|refused?\s+to|refuses\s+to|reject(?:s|ed)?|dispute[sd]?|condemn(?:s|ed)?|called|calls)\s+(?:that\s+)?(?=\S)/i;

/** Reporting verbs that take a stance (unlike "said"): a report of one is false if the speaker took another. */
const STANCE = /^(?:den(?:y|ies|ied)|accus(?:e|es|ed)|declined?|declines|refused?|refuses|reject(?:s|ed)?|dispute[sd]?|condemn(?:s|ed)?)$/;

function attribution(text: string): { speaker: string; end: number } | null {
  const a = ACCORDING.exec(text);
  if (a) return { speaker: (a[1] ?? '').trim(), end: a[0].length };
  const s = SAYS.exec(text);
  // A speaker is a short noun phrase that names someone: it has a capitalised word or a role noun.
  if (s && /(?:^|\s)(?:\p{Lu}|officials?\b|police\b|researchers?\b|analysts?\b|critics?\b|government\b|report\b|study\b|survey\b)/u.test(s[1] ?? '') && !/\b(?:not|no|never)\b/i.test(s[1] ?? '')) {
    return { speaker: (s[1] ?? '').trim(), end: s[0].length };
  }
  return null;
}

/**
 * What a word of the claim counts for: the things it names most, what is said of them next, and
 * the words that only shade it (adverbs, connectives) least — a supported claim is often reworded
 * in those, while a claim that adds a fact adds a noun.
 */
function weightOf(tags: readonly string[]): number {
  if (tags.includes('Noun') || tags.includes('Value')) return 1;
  if (tags.includes('Auxiliary') || tags.includes('Copula')) return 0.2;
  if (tags.includes('Verb') || tags.includes('Adjective')) return 0.8;
  if (tags.includes('Adverb')) return 0.3;
  return 0.2;
}

/** Consecutive name terms form one name ("Peter Thiel", "St Paul's Cathedral"). */
function namePhrases(terms: Term[]): NamePhrase[] {
  const out: NamePhrase[] = [];
  let run: Term[] = [];
  const flush = () => {
    if (run.length) out.push({ text: run.map((t) => t.word).join(' '), terms: run.map((t) => t.index) });
    run = [];
  };
  for (const t of terms) {
    const last = run.at(-1);
    if (t.name && t.keys.length > 0 && (!last || (t.index === last.index + 1 && t.clause === last.clause))) run.push(t);
    else {
      flush();
      if (t.name && t.keys.length > 0) run.push(t);
    }
  }
  flush();
  return out;
}

export function analyseClaim(text: string): Claim {
  const terms = termsOf(text);
  const doc = nlp(text);
  // A capitalised first word of a sentence is a name only if the tagger says so.
  const properStarts = new Set<number>();
  for (const m of doc.match('#ProperNoun').json({ offset: true }) as { offset: { start: number } }[]) properStarts.add(m.offset.start);
  const verbStarts = new Set<number>();
  for (const m of doc.match('#Verb').json({ offset: true }) as { offset: { start: number } }[]) verbStarts.add(m.offset.start);
  const sentenceStarts = new Set([0, ...[...text.matchAll(/[.!?]\s+(?=\S)/g)].map((m) => (m.index ?? 0) + m[0].length)]);
  for (const t of terms) {
    if (!t.name && sentenceStarts.has(t.start) && properStarts.has(t.start) && /^\p{Lu}/u.test(text.slice(t.start))) t.name = true;
  }
  const verbs = new Set(terms.filter((t) => verbStarts.has(t.start)).map((t) => t.index));
  const tags = new Map<number, string[]>();
  for (const sentence of doc.json({ offset: true }) as { terms: { offset: { start: number }; tags: string[] }[] }[]) {
    for (const term of sentence.terms) tags.set(term.offset.start, term.tags);
  }
  for (const t of terms) t.weight = t.name ? NAME_WEIGHT : weightOf(tags.get(t.start) ?? []);
  const attributed = attribution(text);
  // In a report of a stance ("X denied …", "X accused …") the stance is what is claimed of X.
  if (attributed) for (const t of terms) if (t.start < attributed.end && STANCE.test(t.word)) t.weight = NAME_WEIGHT;
  const figures = extractFigures(text);
  const dates = dateMentions(text);
  // Dates and figures are compared as such; "Christmas Eve" and "Xiaomi 17" are not names to look for.
  const spans = [...figures.map((f) => [f.start, f.start + f.text.length]), ...dates.map((d) => [d.start, d.start + d.text.length])] as [number, number][];
  const inSpan = (t: Term) => spans.some(([a, b]) => t.start >= a && t.start < b);
  // A time of day is compared as a whole ("half past noon" against "12:30 p.m."), like a date.
  const inDate = (t: Term) =>
    dates.some((d) => t.start >= d.start && t.start < d.start + d.text.length) || figures.some((f) => f.unit === 'clock' && t.start >= f.start && t.start < f.start + f.phrase.length);
  const content = terms.filter(
    (t) => t.keys.length > 0 && !inDate(t) && !/^\d/.test(t.word) && !t.word.split(/[-\u2010-\u2015]/).every((part) => NUMBER_WORD.test(part)),
  );
  return {
    text,
    terms,
    content,
    figures,
    dates,
    // The speaker of an attributed claim is a name to check too: "Minister X says …" is wrong if Y said it.
    names: namePhrases(terms.filter((t) => !inSpan(t))),
    verbs,
    speaker: attributed?.speaker ?? null,
    speakerTerms: attributed ? terms.filter((t) => t.start < attributed.end && t.keys.length > 0 && !/^(?:say|said|says|according|report|reported|claim|told|deny|denies|denied|accuse|accused|accuses)$/.test(t.word)).map((t) => t.index) : [],
  };
}

/**
 * Rival figures: two parties' counts of the same quantity set against each other in one sentence
 * ("officials said 12 died, while rescuers said 40"). A narrower count is a part, not a rival, and
 * amounts of different things (revenue, valuation) are not the same quantity.
 */
import { tokenize } from '../text/tokens';
import { figuresConflict, isPartOf } from './figures';
import { sameParty } from './parties';
import type { Found, Said } from './said';
import { tag } from './tagging';

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
export function rivalFigures(all: Said[]): Found[] {
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

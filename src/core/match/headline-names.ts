/** Names in a headline: the page-side evidence of who a story is about (see the matcher's veto). */
import { tokenize } from '../text/tokens';

/**
 * The names in a sentence-case headline: tokens of its capitalised words. A word that opens a sentence
 * (the first, or one after a colon, a question mark or a dash) is capitalised anyway, so it counts
 * only when it is a possessive or an acronym. Title Case headlines ("Titanfall Review Roundup") give no
 * such evidence.
 */
export function headlineNames(title: string): string[] {
  const words = title.split(/\s+/).filter((w) => /[\p{L}\p{N}|–—-]/u.test(w));
  const long = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length >= 4);
  const capital = (w: string) => /^["“‘'(]?\p{Lu}/u.test(w);
  if (long.length === 0 || long.filter(capital).length / long.length > 0.6) return [];
  const names = words.filter((w, i) => {
    // Two-letter acronyms (TV, AI, UN) name things of every story, not this one's actors.
    if (!capital(w) || /^\p{Lu}{2}$/u.test(w.replace(/[^\p{L}]/gu, ''))) return false;
    const prev = words[i - 1];
    const opens = prev === undefined || /[:?!]["”’']?$/.test(prev) || /^[|–—-]+$/.test(prev);
    return !opens || /['’]s$/.test(w) || /^\p{Lu}{2,}$/u.test(w.replace(/[^\p{L}]/gu, ''));
  });
  return [...new Set(names.flatMap((w) => tokenize(w)))];
}

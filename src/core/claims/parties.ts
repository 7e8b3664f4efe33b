/**
 * Parties: telling whether two claimants speak for the same side. A party is known by the names in
 * how the story writes it, folded by the shared tokenizer (so "Russian officials", "Russia" and
 * "Moscow" meet, and "Nigeria's foreign ministry" meets "Nigerian officials"); titles and role words
 * ("President", "officials", "critics") say nothing about which side, so they are left out.
 */
import { tokenize } from '../text/tokens';

const GENERIC = new Set(
  (
    'official leader government ministry minister president prime deputy foreign secretary general spokesman ' +
    'spokeswoman spokesperson office federal senior former mr ms dr analyst expert critic supporter opponent ' +
    'group people resident voter majority outlet media coverage independent cited quoted reported summarized ' +
    'characterized fm chief head member organizer participant advocate advocacy administration authority state ' +
    'country nation side camp force lawmaker legislator senator commander agency department team staff ' +
    'observer commentator source parties party cabinet their its his her they them he she'
  )
    .split(' ')
    .flatMap((w) => tokenize(w)),
);

/** The words that identify a party, without who reported it ("cited by Al Jazeera") or titles. */
export function partyKey(claimant: string): string[] {
  const named = claimant
    .replace(/\((?:as|quoted|cited|via)\b[^)]*\)/gi, ' ')
    .replace(/\b(?:as\s+)?(?:cited|quoted|reported|summari[sz]ed|characteri[sz]ed)\s+(?:by|in)\b.*$/i, ' ');
  const key = tokenize(named).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t));
  // A party written only with common words ("the government") is known by those words together.
  if (key.length === 0) {
    const whole = tokenize(named).join(' ');
    return whole ? [`=${whole}`] : [];
  }
  // "African Union" is also "the AU": a name of several capitalised words is known by its initials too.
  const capitals = named.match(/\b\p{Lu}[\p{Ll}]+/gu) ?? [];
  if (capitals.length >= 2 && capitals.length <= 4) key.push(capitals.map((w) => w.charAt(0).toLowerCase()).join(''));
  return [...new Set(key)];
}

/** Do two claimants speak for the same side (they share a name)? Claimants with no name never do. */
export function sameParty(a: readonly string[], b: readonly string[]): boolean {
  return a.some((t) => b.includes(t));
}

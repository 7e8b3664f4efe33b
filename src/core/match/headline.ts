/**
 * A headline as evidence of its event: without the outlet's name that pages and feeds append to it
 * ("… - Phys.org", "… | CBC News"). An outlet's name is no evidence of which event a page reports, and
 * a rare one (rare in the library because few stories cite that outlet) would otherwise count as a
 * specific word the page and any story citing that outlet share.
 */

/** " - ", " | ", " – ", " — " before the last segment. */
const SEPARATOR = /\s+[-|\u2013\u2014]\s+(?=[^\s])/g;

const HAS_SEPARATOR = /\s[-|\u2013\u2014]\s/;

/** A name of up to four words, each capitalised, a number, a connector or a domain ("Tom's Hardware", "Phys.org", "news.com.au"). */
const NAME_WORD = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}'’&.-]*|&|of|the|de|du|la|le|and|[\p{Ll}\p{N}-]+(?:\.[\p{Ll}\p{N}-]+)+)$/u;
/** A name does not open with a connector ("… — and T-Mobile Is Next" is the headline going on). */
const CONNECTOR = /^(?:&|of|the|de|du|la|le|and)$/;
const MAX_NAME_WORDS = 4;
/** What is left must still be a headline, not a label ("Opinion - The Guardian" keeps its words). */
const MIN_HEADLINE_WORDS = 3;

/** The headline without a trailing outlet name (twice at most: "… - Business - Reuters"). */
export function withoutOutletName(title: string): string {
  // Most headlines have no separator at all: one test, and the index builder reads every headline.
  if (!HAS_SEPARATOR.test(title)) return title;
  let out = title.trim();
  for (let round = 0; round < 2; round++) {
    let cut = -1;
    let after = 0;
    for (const m of out.matchAll(SEPARATOR)) {
      cut = m.index;
      after = m.index + m[0].length;
    }
    if (cut < 0) break;
    const name = out.slice(after).trim().split(/\s+/);
    if (name.length > MAX_NAME_WORDS || CONNECTOR.test(name[0] as string) || !name.every((w) => NAME_WORD.test(w))) break;
    const rest = out.slice(0, cut);
    if (rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length < MIN_HEADLINE_WORDS) break;
    out = rest.trim();
  }
  return out;
}

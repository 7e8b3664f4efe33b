/**
 * A text a reader brings to claim retrieval (a tweet, a sentence they selected), prepared the way
 * social text needs: links and picture links dropped, HTML entities decoded, #hashtags and @handles
 * split into words, the "— Name (@handle) Month D, YYYY" signatures of embedded tweets kept apart as
 * who posted it; and the terms retrieval compares, with the synonyms fact-checks and posts use for
 * the same thing folded together.
 */
import { tokenize } from '../text/tokens';

/** A query text prepared for matching. */
export interface PreparedQuery {
  /** The text without links, signatures and markup; hashtags and handles split into words. */
  body: string;
  /** Names from signatures ("— Name (@handle) date"): who posted, not what was said. */
  authors: string;
  /** Hashtags and handles that are one run of letters ("capetownstorm"), for the vocabulary to split. */
  runs: string[];
  /** Signature handles that are one run of letters ("pnbrock"). */
  authorRuns: string[];
  /** Year of the latest signature date, when the text is an embedded tweet. */
  year: number | undefined;
}

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** "— Name (@handle) Month D, YYYY", as embedded tweets end (and quote other tweets). */
const SIGNATURE = new RegExp(`[\u2014\u2013]\\s*([^\u2014\u2013\\n]{0,80}?)\\s*\\(@(\\w{1,20})\\)\\s*(?:${MONTH}\\.?\\s+\\d{1,2},?\\s+(\\d{4}))?`, 'g');
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Longest text a query reads (a tweet is 280 characters; a selection may be a paragraph). */
const MAX_QUERY = 5_000;

/** Decodes the HTML entities social text carries (&amp;, &#39;, &#x2019;). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (m, e: string) => {
    if (e.startsWith('#')) {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : ' ';
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** "DefundTheCBC" → "Defund The CBC", "Paul_Butler_" → "Paul Butler", "covid19" → "covid 19". */
export function splitCamel(word: string): string {
  return word
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .trim();
}

/** Prepares a tweet or a selected sentence for matching (see PreparedQuery). */
export function prepareQuery(raw: string): PreparedQuery {
  let text = decodeEntities(raw.slice(0, MAX_QUERY));
  const authors: string[] = [];
  const authorRuns: string[] = [];
  let year: number | undefined;
  text = text.replace(SIGNATURE, (_m, name: string, handle: string, y: string | undefined) => {
    const split = splitCamel(handle);
    authors.push(name, split);
    if (!split.includes(' ') && handle.length >= 6) authorRuns.push(handle);
    if (y !== undefined) year = Math.max(year ?? 0, Number(y));
    return ' ';
  });
  const runs: string[] = [];
  text = text
    .replace(/pic\.twitter\.com\/[A-Za-z0-9]{1,12}/g, ' ')
    .replace(/https?:\/\/t\.co\/[A-Za-z0-9]{1,10}/g, ' ')
    .replace(/(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/[#@]([\p{L}\p{N}_]{1,60})/gu, (_m, tag: string) => {
      const split = splitCamel(tag);
      if (!split.includes(' ') && tag.length >= 6) runs.push(tag);
      return ` ${split} `;
    });
  return { body: text.replace(/\s+/g, ' ').trim(), authors: authors.join(' '), runs, authorRuns, year };
}

/**
 * Words fact-checks and social posts use for the same thing, folded to one term (keys are the
 * tokenizer's stemmed forms).
 */
const SYNONYMS: Record<string, string> = Object.fromEntries(
  Object.entries({
    photo: ['photograph', 'picture', 'pic', 'image', 'snapshot', 'pictur'],
    video: ['footage', 'clip', 'film', 'videotape'],
    migrant: ['immigrant', 'refugee', 'asylum'],
    child: ['children', 'kid', 'toddler', 'childhood'],
    mother: ['mom', 'mum', 'mommy'],
    father: ['dad', 'daddy'],
    gun: ['firearm', 'weapon', 'rifle'],
    police: ['cop', 'policeman', 'officer'],
    president: ['potus'],
    republican: ['gop'],
    democrat: ['dem', 'democratic'],
    muslim: ['islam', 'islamic'],
    doctor: ['photoshop', 'photoshopp', 'alter', 'manipulat', 'edit', 'fake', 'hoax', 'fabricat'],
    shooter: ['gunman'],
    vaccine: ['vaccination', 'vaccinat', 'vax', 'vaccinate'],
    ocasio: ['aoc'],
    teen: ['teenager', 'adolescent'],
  }).flatMap(([to, words]) => words.map((w) => [w, to])),
);

/**
 * Evens out what the light stemmer leaves apart: a doubled final consonant ("bann" from "banned",
 * "stopp" from "stopped" meet "ban", "stop") and a final e ("drive" meets "driv" from "driving").
 */
function evenStem(t: string): string {
  if (t.length >= 4 && /([bdgmnpt])\1$/.test(t)) return t.slice(0, -1);
  if (t.length >= 5 && t.endsWith('e') && !t.endsWith('ee')) return t.slice(0, -1);
  return t;
}

const MAGNITUDE: Record<string, string> = { k: 'thousand', m: 'million', mn: 'million', b: 'billion', bn: 'billion' };

/**
 * The tokenizer's terms (folded, stemmed, no stop words), with synonyms folded and amounts spelled
 * out ("$80M" → "80", "million").
 */
export function claimTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const amount = /^(\d+)(k|m|mn|bn|b)$/.exec(t);
    if (amount) out.push(amount[1] as string, MAGNITUDE[amount[2] as string] as string);
    else out.push(evenStem(SYNONYMS[t] ?? t));
  }
  return out;
}

/**
 * Fact-check records: a claim someone made, and a fact-checker's review of it. One model, three
 * inputs chosen by content (never by file name):
 *
 *  - schema.org `ClaimReview` JSON-LD as fact-checkers publish it: one object, an array, a `@graph`,
 *    a `DataFeed`, nodes nested in other nodes, or an HTML page with `application/ld+json` scripts;
 *  - a Google Fact Check Tools API response (`{claims: [{text, claimReview: [...]}]}`), one record
 *    per review;
 *  - JSON lines `{id, claim, claimant?, rating?, url?, title?, date?}` (or a JSON array of records,
 *    as Storylens exports them).
 *
 * All or nothing: a bad record fails the file with an ImportError naming the line (JSON lines, HTML)
 * or the JSON path, and what was expected. Links are kept only when they are absolute http(s) URLs;
 * anything else (javascript:, data:, relative paths) is dropped, not followed.
 */
import * as v from 'valibot';
import { ImportError, jsonPath } from '../story/errors';
import { hash52, slugify } from '../story/ids';
import { parseJson, parseJsonLines, type JsonLine } from '../story/import';
import { isHttpUrl } from '../story/model';
import { runSteps, type Steps } from '../text/steps';

export const FACTCHECK_LIMITS = {
  id: 200,
  claim: 5_000,
  text: 2_000,
  url: 4_096,
  date: 64,
  language: 35,
  /** Records in one file. */
  records: 200_000,
  /** Characters in one file (40 MB of text is far beyond any real feed). */
  input: 40_000_000,
} as const;

const text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(max, `is longer than ${max.toLocaleString('en-US')} characters`));
const optional = (max: number) => v.optional(text(max));

export const FactCheckSchema = v.strictObject({
  id: text(FACTCHECK_LIMITS.id),
  /** The claim as the fact-checker worded it. */
  claim: text(FACTCHECK_LIMITS.claim),
  /** Who made the claim. */
  claimant: optional(FACTCHECK_LIMITS.text),
  /** When the claim was made (as published, usually ISO 8601). */
  claimDate: optional(FACTCHECK_LIMITS.date),
  /** The verdict in the fact-checker's words ("False", "Mostly true", "Miscaptioned"). */
  rating: optional(FACTCHECK_LIMITS.text),
  /** The fact-checker ("Snopes", "PolitiFact"). */
  publisher: optional(FACTCHECK_LIMITS.text),
  /** The fact-checker's site, as a host name ("snopes.com"). */
  publisherSite: optional(FACTCHECK_LIMITS.text),
  /** The review; always an absolute http(s) URL. */
  url: v.optional(v.pipe(text(FACTCHECK_LIMITS.url), v.check(isHttpUrl, 'must be an absolute http(s) URL'))),
  /** The review's headline. */
  title: optional(FACTCHECK_LIMITS.text),
  /** When the review was published. */
  reviewDate: optional(FACTCHECK_LIMITS.date),
  /** BCP 47 language of the review ("en", "pt-BR"). */
  language: optional(FACTCHECK_LIMITS.language),
});

export type FactCheck = v.InferOutput<typeof FactCheckSchema>;

/** Field order of the canonical form. */
const FIELDS = ['id', 'claim', 'claimant', 'claimDate', 'rating', 'publisher', 'publisherSite', 'url', 'title', 'reviewDate', 'language'] as const;
type Field = (typeof FIELDS)[number];

/** A stable id from what identifies a review: its URL and the claim (same input, same id). */
export function deriveFactCheckId(claim: string, url?: string): string {
  const key = `${(url ?? '').trim()}\n${claim.normalize('NFKC').trim().toLowerCase()}`;
  return `fc-${slugify(claim, 40)}-${hash52(key).toString(36)}`;
}

/** The URL when it is an absolute http(s) URL without whitespace; otherwise nothing. */
export function safeUrl(url: string | undefined): string | undefined {
  const u = url?.trim();
  if (!u || u.length > FACTCHECK_LIMITS.url || /[\s\p{Cc}]/u.test(u) || !isHttpUrl(u)) return undefined;
  return u;
}

/** A host name ("snopes.com") from a host or a URL; nothing when it is neither. */
function siteOf(value: string | undefined): string | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  if (/^https?:\/\//i.test(s)) {
    const u = safeUrl(s);
    return u ? new URL(u).hostname.replace(/^www\./, '') : undefined;
  }
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(s) && s.length <= 253 ? s.toLowerCase().replace(/^www\./, '') : undefined;
}

type Seg = string | number;
/** Where a problem is: a JSON path (JSON inputs) or a line (JSON lines, HTML scripts). */
interface Where {
  file: string;
  line?: number;
  /** Path inside the JSON value (relative to the line's or script's value). */
  at: Seg[];
}

function fail(where: Where, problem: string): never {
  const path = jsonPath(where.at);
  if (where.line !== undefined) throw new ImportError({ file: where.file, line: where.line, ...(where.at.length ? { path } : {}) }, problem);
  throw new ImportError({ file: where.file, path }, problem);
}

const sub = (where: Where, ...segs: Seg[]): Where => ({ ...where, at: [...where.at, ...segs] });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return 'a string';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** A string field; absent, null and blank are undefined. Numbers only where `numbers` says so. */
function str(o: Record<string, unknown>, key: string, where: Where, numbers = false): string | undefined {
  const x = o[key];
  if (x === undefined || x === null) return undefined;
  if (numbers && typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (typeof x !== 'string') fail(sub(where, key), `expected a string, found ${describe(x)}`);
  return x.trim() === '' ? undefined : x;
}

/** A name from a string, a `{name}` object, or a list of them (joined with ", "). */
function names(x: unknown, where: Where): string | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x === 'string') return x.trim() || undefined;
  if (isObject(x)) return str(x, 'name', where) ?? str(x, 'alternateName', where);
  if (Array.isArray(x)) {
    const all = x.map((item, i) => names(item, sub(where, i))).filter((n): n is string => !!n);
    return all.length ? [...new Set(all)].join(', ') : undefined;
  }
  return fail(where, `expected a name or an object with a name, found ${describe(x)}`);
}

/** A URL field: strings only; anything but an absolute http(s) URL is dropped. */
function url(o: Record<string, unknown>, key: string, where: Where): string | undefined {
  return safeUrl(str(o, key, where));
}

/** The raw record, and where each field came from (to place validation errors). */
interface Draft {
  value: Partial<Record<Field, string>>;
  from: Partial<Record<Field, Where>>;
  where: Where;
  /** The input named the id (duplicates are then an error, not merged). */
  explicitId: boolean;
}

function draft(where: Where): Draft {
  return { value: {}, from: {}, where, explicitId: false };
}

function set(d: Draft, field: Field, value: string | undefined, from: Where): void {
  if (value === undefined) return;
  d.value[field] = value;
  d.from[field] = from;
}

function finish(d: Draft): FactCheck {
  if (d.value.claim === undefined) fail(d.from.claim ?? d.where, 'missing the claim text; expected a non-empty string');
  if (d.value.id === undefined) d.value.id = deriveFactCheckId(d.value.claim, d.value.url);
  const parsed = v.safeParse(FactCheckSchema, d.value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = issue?.path?.[0]?.key as Field | undefined;
    const where = (field && d.from[field]) || d.where;
    fail(where, `${field ? `${field} ` : ''}${issue?.message ?? 'is invalid'}`);
  }
  const out: Partial<FactCheck> = {};
  for (const f of FIELDS) if (parsed.output[f] !== undefined) out[f] = parsed.output[f];
  return out as FactCheck;
}

// ---------------------------------------------------------------------------------------------
// schema.org ClaimReview

function types(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(?:https?:\/\/)?schema\.org\//, ''));
}

const isClaimReview = (x: unknown): boolean => isObject(x) && types(x).includes('ClaimReview');

/** Every ClaimReview node in a JSON-LD value, wherever it sits, with its path. */
function findClaimReviews(value: unknown, at: Seg[], out: { node: Record<string, unknown>; at: Seg[] }[]): void {
  if (Array.isArray(value)) value.forEach((x, i) => findClaimReviews(x, [...at, i], out));
  else if (isObject(value)) {
    if (isClaimReview(value)) {
      out.push({ node: value, at });
      return;
    }
    for (const [k, x] of Object.entries(value)) if (typeof x === 'object' && x !== null) findClaimReviews(x, [...at, k], out);
  }
}

function fromClaimReview(node: Record<string, unknown>, where: Where): FactCheck {
  const d = draft(where);
  set(d, 'claim', str(node, 'claimReviewed', where), sub(where, 'claimReviewed'));
  const item = node.itemReviewed;
  const itemAt = sub(where, 'itemReviewed');
  if (item !== undefined && item !== null && !isObject(item)) fail(itemAt, `expected a Claim object, found ${describe(item)}`);
  if (isObject(item)) {
    if (d.value.claim === undefined) set(d, 'claim', str(item, 'name', itemAt) ?? str(item, 'text', itemAt), sub(itemAt, 'name'));
    set(d, 'claimant', names(item.author, sub(itemAt, 'author')), sub(itemAt, 'author'));
    set(d, 'claimDate', str(item, 'datePublished', itemAt), sub(itemAt, 'datePublished'));
  }
  if (d.value.claim === undefined) fail(sub(where, 'claimReviewed'), 'missing the claim; expected claimReviewed (a non-empty string)');
  const rating = node.reviewRating;
  const ratingAt = sub(where, 'reviewRating');
  if (rating !== undefined && rating !== null && !isObject(rating)) fail(ratingAt, `expected a Rating object, found ${describe(rating)}`);
  if (isObject(rating)) {
    const value = str(rating, 'ratingValue', ratingAt, true);
    const best = str(rating, 'bestRating', ratingAt, true);
    const label = str(rating, 'alternateName', ratingAt) ?? str(rating, 'name', ratingAt) ?? (value !== undefined ? (best !== undefined ? `${value}/${best}` : value) : undefined);
    set(d, 'rating', label, ratingAt);
  }
  const author = node.author ?? node.publisher;
  const authorAt = sub(where, node.author !== undefined ? 'author' : 'publisher');
  set(d, 'publisher', names(author, authorAt), authorAt);
  const first = Array.isArray(author) ? author[0] : author;
  const reviewUrl = url(node, 'url', where) ?? (typeof node['@id'] === 'string' ? safeUrl(node['@id']) : undefined);
  set(d, 'url', reviewUrl, sub(where, 'url'));
  const site = isObject(first) ? siteOf(str(first, 'url', authorAt)) : undefined;
  set(d, 'publisherSite', site ?? siteOf(reviewUrl), authorAt);
  set(d, 'title', str(node, 'name', where) ?? str(node, 'headline', where), sub(where, 'name'));
  set(d, 'reviewDate', str(node, 'datePublished', where), sub(where, 'datePublished'));
  const lang = node.inLanguage;
  if (typeof lang === 'string') set(d, 'language', lang.trim() || undefined, sub(where, 'inLanguage'));
  else if (isObject(lang)) set(d, 'language', str(lang, 'alternateName', sub(where, 'inLanguage')) ?? str(lang, 'name', sub(where, 'inLanguage')), sub(where, 'inLanguage'));
  return finish(d);
}

// ---------------------------------------------------------------------------------------------
// Google Fact Check Tools API (claims:search)

function fromGoogle(data: Record<string, unknown>, where: Where): FactCheck[] {
  const claims = data.claims;
  const at = sub(where, 'claims');
  if (!Array.isArray(claims)) fail(at, `expected an array of claims, found ${describe(claims)}`);
  const out: FactCheck[] = [];
  claims.forEach((c, i) => {
    const cAt = sub(at, i);
    if (!isObject(c)) fail(cAt, `expected a claim object, found ${describe(c)}`);
    const claim = str(c, 'text', cAt);
    if (claim === undefined) fail(sub(cAt, 'text'), 'missing the claim text; expected a non-empty string');
    const claimant = str(c, 'claimant', cAt);
    const claimDate = str(c, 'claimDate', cAt);
    const reviews = c.claimReview;
    const rAt = sub(cAt, 'claimReview');
    if (!Array.isArray(reviews) || reviews.length === 0) fail(rAt, `expected a non-empty array of reviews, found ${Array.isArray(reviews) ? 'an empty array' : describe(reviews)}`);
    reviews.forEach((r, j) => {
      const at2 = sub(rAt, j);
      if (!isObject(r)) fail(at2, `expected a review object, found ${describe(r)}`);
      const d = draft(at2);
      set(d, 'claim', claim, sub(cAt, 'text'));
      set(d, 'claimant', claimant, sub(cAt, 'claimant'));
      set(d, 'claimDate', claimDate, sub(cAt, 'claimDate'));
      const pub = r.publisher;
      const pAt = sub(at2, 'publisher');
      if (pub !== undefined && pub !== null && !isObject(pub)) fail(pAt, `expected a publisher object {name, site}, found ${describe(pub)}`);
      const reviewUrl = url(r, 'url', at2);
      if (isObject(pub)) {
        set(d, 'publisher', str(pub, 'name', pAt), sub(pAt, 'name'));
        set(d, 'publisherSite', siteOf(str(pub, 'site', pAt)), sub(pAt, 'site'));
      }
      if (d.value.publisherSite === undefined) set(d, 'publisherSite', siteOf(reviewUrl), sub(at2, 'url'));
      set(d, 'url', reviewUrl, sub(at2, 'url'));
      set(d, 'title', str(r, 'title', at2), sub(at2, 'title'));
      set(d, 'reviewDate', str(r, 'reviewDate', at2), sub(at2, 'reviewDate'));
      set(d, 'rating', str(r, 'textualRating', at2), sub(at2, 'textualRating'));
      set(d, 'language', str(r, 'languageCode', at2), sub(at2, 'languageCode'));
      out.push(finish(d));
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plain records: JSON lines, or a JSON array as Storylens exports them

function fromPlain(o: Record<string, unknown>, where: Where): FactCheck {
  const d = draft(where);
  const id = o.id;
  if (id !== undefined && id !== null) {
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) fail(sub(where, 'id'), `expected a string id, found ${describe(id)}`);
    set(d, 'id', String(id), sub(where, 'id'));
    d.explicitId = true;
  }
  for (const f of FIELDS) {
    if (f === 'id' || f === 'url' || f === 'publisherSite') continue;
    set(d, f, str(o, f, where), sub(where, f));
  }
  if (d.value.claim === undefined) fail(sub(where, 'claim'), `missing the claim text; expected a non-empty string, found ${o.claim === undefined ? 'nothing' : JSON.stringify(o.claim)}`);
  set(d, 'url', url(o, 'url', where), sub(where, 'url'));
  set(d, 'publisherSite', siteOf(str(o, 'publisherSite', where)), sub(where, 'publisherSite'));
  if (d.value.reviewDate === undefined) set(d, 'reviewDate', str(o, 'date', where), sub(where, 'date'));
  return finish(d);
}

/** A plain record names its claim and is not JSON-LD. */
const looksPlain = (o: Record<string, unknown>) => 'claim' in o && !('@type' in o) && !('@graph' in o) && !('@context' in o);

// ---------------------------------------------------------------------------------------------
// Entry point

const EXPECTED =
  'expected schema.org ClaimReview JSON-LD (an object, an array, a @graph or an HTML page with ld+json scripts), a Google Fact Check Tools response ({claims: [...]}) or JSON lines of {id, claim, claimant?, rating?, url?, title?, date?}';

/** Imports fact-check records from text; the format is chosen by content. */
export function importFactChecks(input: string, file: string): FactCheck[] {
  if (input.length > FACTCHECK_LIMITS.input) {
    throw new ImportError({ file }, `the file has ${input.length.toLocaleString('en-US')} characters; the limit is ${FACTCHECK_LIMITS.input.toLocaleString('en-US')}`);
  }
  const text = input.replace(/^\ufeff/, '');
  if (text.trim() === '') throw new ImportError({ file, line: 1 }, `the file is empty; ${EXPECTED}`);
  const first = /\S/.exec(text)?.[0];
  if (first === '<') return checked(fromHtml(text, file), file);
  if (first === '[' || first === '{') {
    const lines = parseJsonLines(text, file);
    // One line is one JSON value: read as JSON (a single record, a ClaimReview, an array).
    if (lines && lines.length > 1) return factChecksFromLines(lines, file);
    return factChecksFromJson(lines?.[0] ? lines[0].value : parseJson(text, file), file);
  }
  throw new ImportError({ file, line: 1 }, `unrecognised format; ${EXPECTED}`);
}

/** Fact-check records from a JSON value parsed once elsewhere: ClaimReview JSON-LD, a Google Fact Check Tools response, plain records. */
export function factChecksFromJson(data: unknown, file: string): FactCheck[] {
  return checked(fromJson(data, { file, at: [] }), file);
}

/** Fact-check records from JSON lines parsed once elsewhere (`parseJsonLines`). */
export function factChecksFromLines(lines: readonly JsonLine[], file: string): FactCheck[] {
  return checked(fromJsonLines(lines, file), file);
}

/**
 * Does a parsed JSON value hold fact-check records rather than stories: a ClaimReview anywhere in
 * it, a Google Fact Check Tools response (`{claims: [...]}`), or plain records (`{claim, …}`)?
 */
export function holdsFactChecks(data: unknown): boolean {
  return runSteps(holdsFactChecksSteps(data));
}

/**
 * `holdsFactChecks` in steps: the search for a ClaimReview node looks at one item (or member) of
 * the value a step, and at one item of each list among them a step (a file of 10,000 stories is
 * walked whole before it is taken for stories: hundreds of ms of work, which the service pauses in).
 */
export function* holdsFactChecksSteps(data: unknown): Steps<boolean> {
  if (isObject(data) && (Array.isArray(data.claims) || looksPlain(data))) return true;
  if (Array.isArray(data) && data.length > 0 && data.every((x) => isObject(x) && looksPlain(x))) return true;
  return yield* hasClaimReviewSteps(data, 0);
}

/** `hasClaimReview` one item a step down to `depth` 1, at once below. */
function* hasClaimReviewSteps(value: unknown, depth: number): Steps<boolean> {
  if (depth > 1) return hasClaimReview(value);
  if (isObject(value) && isClaimReview(value)) return true;
  const items = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
  for (const x of items) {
    if (typeof x === 'object' && x !== null && (yield* hasClaimReviewSteps(x, depth + 1))) return true;
    yield;
  }
  return false;
}

/** A ClaimReview node anywhere in the value (depth is bounded by the JSON parser's limit). */
function hasClaimReview(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasClaimReview);
  if (!isObject(value)) return false;
  if (isClaimReview(value)) return true;
  for (const x of Object.values(value)) if (typeof x === 'object' && x !== null && hasClaimReview(x)) return true;
  return false;
}

/** Records found: none is an error, too many is an error, the same review twice is kept once. */
function checked(records: { record: FactCheck; explicit: boolean; where: Where }[], file: string): FactCheck[] {
  if (records.length === 0) throw new ImportError({ file }, `no fact-check records found; ${EXPECTED}`);
  if (records.length > FACTCHECK_LIMITS.records) {
    throw new ImportError({ file }, `more than ${FACTCHECK_LIMITS.records.toLocaleString('en-US')} fact-check records in one file`);
  }
  return dedupe(records);
}

/** Same id twice: an error when the input named the ids, the same review listed twice otherwise. */
function dedupe(records: { record: FactCheck; explicit: boolean; where: Where }[]): FactCheck[] {
  const seen = new Map<string, { record: FactCheck; where: Where }>();
  const out: FactCheck[] = [];
  for (const r of records) {
    const before = seen.get(r.record.id);
    if (before) {
      if (r.explicit) {
        const was = before.where.line !== undefined ? `line ${before.where.line}` : jsonPath(before.where.at);
        fail(sub(r.where, 'id'), `duplicate fact-check id "${r.record.id}" (also at ${was})`);
      }
      continue;
    }
    seen.set(r.record.id, r);
    out.push(r.record);
  }
  return out;
}

function fromJsonLines(lines: readonly JsonLine[], file: string): { record: FactCheck; explicit: boolean; where: Where }[] {
  return lines.map(({ line, value }) => {
    const where: Where = { file, line, at: [] };
    if (!isObject(value)) fail(where, `expected a JSON object {id, claim, claimant?, rating?, url?, title?, date?}, found ${describe(value)}`);
    if (isClaimReview(value)) return { record: fromClaimReview(value, where), explicit: false, where };
    return { record: fromPlain(value, where), explicit: value.id !== undefined && value.id !== null, where };
  });
}

function fromJson(data: unknown, where: Where): { record: FactCheck; explicit: boolean; where: Where }[] {
  if (isObject(data) && 'claims' in data && !isClaimReview(data)) {
    return fromGoogle(data, where).map((record) => ({ record, explicit: false, where: sub(where, 'claims') }));
  }
  const reviews: { node: Record<string, unknown>; at: Seg[] }[] = [];
  findClaimReviews(data, where.at, reviews);
  if (reviews.length) return reviews.map(({ node, at }) => ({ record: fromClaimReview(node, { ...where, at }), explicit: false, where: { ...where, at } }));
  const items = Array.isArray(data) ? data : isObject(data) && looksPlain(data) ? [data] : null;
  if (items && items.length && items.every((x) => isObject(x) && looksPlain(x))) {
    return items.map((x, i) => {
      const at = Array.isArray(data) ? sub(where, i) : where;
      return { record: fromPlain(x as Record<string, unknown>, at), explicit: (x as Record<string, unknown>).id != null, where: at };
    });
  }
  if (Array.isArray(data)) {
    const bad = data.findIndex((x) => !isObject(x) || !looksPlain(x));
    if (bad >= 0) fail(sub(where, bad), `${EXPECTED}; found ${describe(data[bad])}${isObject(data[bad]) ? ' that is none of these' : ''}`);
  }
  return fail(where, `no ClaimReview found; ${EXPECTED}`);
}

const LD_SCRIPT = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** An HTML page: every `application/ld+json` script is parsed; errors name the script's line. */
function fromHtml(text: string, file: string): { record: FactCheck; explicit: boolean; where: Where }[] {
  const out: { record: FactCheck; explicit: boolean; where: Where }[] = [];
  let scripts = 0;
  for (const m of text.matchAll(LD_SCRIPT)) {
    scripts++;
    const body = (m[1] as string).replace(/^\s*<!--/, '').replace(/-->\s*$/, '');
    const start = (m.index ?? 0) + m[0].indexOf(m[1] as string);
    const line = text.slice(0, start).split('\n').length;
    let value: unknown;
    try {
      value = parseJson(body, file);
    } catch (e) {
      const inner = e instanceof ImportError ? e : undefined;
      throw new ImportError({ file, line: line + (inner?.line ?? 1) - 1 }, `${inner?.problem ?? 'invalid JSON'} (in an ld+json script)`);
    }
    const reviews: { node: Record<string, unknown>; at: Seg[] }[] = [];
    findClaimReviews(value, [], reviews);
    for (const { node, at } of reviews) {
      const where: Where = { file, line, at };
      out.push({ record: fromClaimReview(node, where), explicit: false, where });
    }
  }
  if (scripts === 0) throw new ImportError({ file, line: 1 }, `an HTML page without application/ld+json scripts; ${EXPECTED}`);
  return out;
}

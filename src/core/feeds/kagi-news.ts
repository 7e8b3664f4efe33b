/**
 * Kagi News as a source: the day's edition, category by category. Two adapters read it, each
 * tolerant of fields it does not use:
 * - `kiteSource`: the documented files, `kite.json` (`{categories: [{name, file}]}`) and one file per
 *   category (`{category, timestamp, clusters: [story…]}`);
 * - `batchSource`: the batch API of Kagi's web app (`api/batches/latest` → `{id}`,
 *   `api/batches/{id}/categories` → `{categories: [{id, categoryId, categoryName}]}`,
 *   `api/batches/{id}/categories/{id}/stories` → `{stories, timestamp}`).
 * Both give categories and, per category, stories read by the Kagi importer. Fetching is given
 * (`FetchText`), so the same code runs in the extension, the CLI and the tests.
 */
import * as v from 'valibot';
import { ImportError, jsonPath } from '../story/errors';
import { importJson, parseJson } from '../story/import';
import type { Story } from '../story/model';
import { fetchFeed, validateFeedUrl } from './sync';

export const KAGI_DEFAULT_BASE = 'https://kite.kagi.com/';
export { KAGI_ATTRIBUTION } from './kagi-attribution';
/** The category a reader starts with when they opt in. */
export const KAGI_DEFAULT_CATEGORY = 'World';
/** Stories per category page of the batch API (what Kagi's web app asks for). */
export const BATCH_PAGE_LIMIT = 12;
/** A category list longer than this is not Kagi's (it has about 190). */
const MAX_CATEGORIES = 2_000;

/** Gets the text at a URL, or throws an Error saying why not. */
export type FetchText = (url: string) => Promise<string>;

export interface KagiCategory {
  /** The name as the source lists it ("World"). */
  name: string;
  /** Where its stories are: the category file's URL, or the batch API's stories URL. */
  url: string;
}

export interface CategoryEdition {
  category: KagiCategory;
  /** ISO time the source gives for this edition of the category, if any. */
  timestamp?: string;
  stories: Story[];
}

export interface KagiSource {
  readonly kind: 'kite' | 'batch';
  readonly base: string;
  categories(): Promise<KagiCategory[]>;
  edition(category: KagiCategory): Promise<CategoryEdition>;
}

/** The base URL checked (https, or plain http on localhost) and ending in a slash. */
export function kagiBase(base: string = KAGI_DEFAULT_BASE): string {
  const href = validateFeedUrl(base);
  const u = new URL(href);
  u.search = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

/** A URL the source gives, resolved against the base: it must stay on the base's origin. */
function within(base: string, ref: string, file: string, path: string): string {
  let u: URL;
  try {
    u = new URL(ref, base);
  } catch {
    throw new ImportError({ file, path }, `"${ref.slice(0, 120)}" is not a valid address`);
  }
  if (u.origin !== new URL(base).origin) throw new ImportError({ file, path }, `"${ref.slice(0, 120)}" points to another host (${u.host}); refused`);
  return u.href;
}

const name = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200, 'is longer than 200 characters'));
const KiteIndexSchema = v.looseObject({
  categories: v.pipe(v.array(v.looseObject({ name, file: v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(1000, 'is longer than 1,000 characters')) })), v.maxLength(MAX_CATEGORIES, `has more than ${MAX_CATEGORIES} categories`)),
});
const BatchLatestSchema = v.looseObject({ id: v.union([v.pipe(v.string(), v.nonEmpty('must not be empty')), v.number()]) });
const BatchCategoriesSchema = v.looseObject({
  categories: v.pipe(v.array(v.looseObject({ id: v.union([v.pipe(v.string(), v.nonEmpty('must not be empty')), v.number()]), categoryName: name })), v.maxLength(MAX_CATEGORIES, `has more than ${MAX_CATEGORIES} categories`)),
});

function parseWith<S extends v.GenericSchema>(schema: S, text: string, file: string, what: string): v.InferOutput<S> {
  const data = parseJson(text, file);
  const r = v.safeParse(schema, data);
  if (!r.success) {
    const issue = r.issues[0];
    const path = jsonPath((issue?.path ?? []).map((p) => p.key as string | number));
    const problem = issue?.kind === 'schema' && issue.received === 'undefined' ? `missing required field; expected ${issue.expected}` : (issue?.message ?? 'invalid');
    throw new ImportError({ file, path }, `${problem} (in ${what})`);
  }
  return r.output;
}

/** `kite.json`'s category list, each category file resolved against the base. */
export function parseKiteIndex(text: string, url: string, base: string): KagiCategory[] {
  const index = parseWith(KiteIndexSchema, text, url, 'the Kagi News category list');
  return index.categories.map((c, i) => ({ name: c.name, url: within(base, c.file, url, jsonPath(['categories', i, 'file'])) }));
}

const toIso = (t: unknown): string | undefined => {
  const ms = typeof t === 'number' ? (t < 1e11 ? t * 1000 : t) : typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/**
 * One category's stories from a category file or a batch stories page: an object with a `clusters`
 * or `stories` array of Kagi stories (an empty list is a quiet day, not an error).
 */
export function parseCategoryEdition(text: string, category: KagiCategory): CategoryEdition {
  const data = parseJson(text, category.url);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ImportError({ file: category.url, path: '$' }, 'expected an object with a "clusters" or "stories" array (a Kagi News category)');
  }
  const o = data as Record<string, unknown>;
  const key = Array.isArray(o.clusters) ? 'clusters' : Array.isArray(o.stories) ? 'stories' : undefined;
  if (key === undefined) throw new ImportError({ file: category.url, path: '$.clusters' }, 'missing required field; expected an array of stories (a Kagi News category)');
  const list = o[key] as unknown[];
  const stories = list.length === 0 ? [] : importJson({ [key]: list }, category.url);
  const timestamp = toIso(o.timestamp);
  return { category, stories, ...(timestamp ? { timestamp } : {}) };
}

/** The documented files: `kite.json`, then one file per category. */
export function kiteSource(baseUrl: string, fetchText: FetchText): KagiSource {
  const base = kagiBase(baseUrl);
  return {
    kind: 'kite',
    base,
    async categories() {
      const url = new URL('kite.json', base).href;
      return parseKiteIndex(await fetchText(url), url, base);
    },
    async edition(category) {
      return parseCategoryEdition(await fetchText(category.url), category);
    },
  };
}

/** The batch API of Kagi's web app: the latest batch, its categories, each category's stories. */
export function batchSource(baseUrl: string, fetchText: FetchText, limit: number = BATCH_PAGE_LIMIT): KagiSource {
  const base = kagiBase(baseUrl);
  return {
    kind: 'batch',
    base,
    async categories() {
      const latestUrl = new URL('api/batches/latest?lang=default', base).href;
      const latest = parseWith(BatchLatestSchema, await fetchText(latestUrl), latestUrl, 'the latest Kagi News batch');
      const batch = encodeURIComponent(String(latest.id));
      const listUrl = new URL(`api/batches/${batch}/categories?lang=default`, base).href;
      const list = parseWith(BatchCategoriesSchema, await fetchText(listUrl), listUrl, 'the Kagi News category list');
      return list.categories.map((c) => ({
        name: c.categoryName,
        url: new URL(`api/batches/${batch}/categories/${encodeURIComponent(String(c.id))}/stories?limit=${limit}&lang=default`, base).href,
      }));
    },
    async edition(category) {
      return parseCategoryEdition(await fetchText(category.url), category);
    },
  };
}

/**
 * The categories named (as the source lists them, case-insensitive), in the source's order; all of
 * them when no names are given. A name the source does not list is an error naming it.
 */
export function selectCategories(all: readonly KagiCategory[], names?: readonly string[]): KagiCategory[] {
  if (!names || names.length === 0) return [...all];
  const wanted = new Map(names.map((n) => [n.trim().toLowerCase(), n.trim()]));
  const known = new Set(all.map((c) => c.name.toLowerCase()));
  const missing = [...wanted].filter(([k]) => !known.has(k)).map(([, n]) => n);
  if (missing.length) throw new Error(`Kagi News lists no categor${missing.length === 1 ? 'y' : 'ies'} named ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  return all.filter((c) => wanted.has(c.name.toLowerCase()));
}

export type EditionResult = { category: KagiCategory; ok: true; edition: CategoryEdition } | { category: KagiCategory; ok: false; error: string };

/**
 * Every category's edition, `concurrency` downloads at a time; one category's failure is recorded
 * on that category and the others still come.
 */
export async function fetchEditions(source: KagiSource, categories: readonly KagiCategory[], concurrency = 6): Promise<EditionResult[]> {
  const results: EditionResult[] = new Array<EditionResult>(categories.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= categories.length) return;
      const category = categories[i] as KagiCategory;
      try {
        results[i] = { category, ok: true, edition: await source.edition(category) };
      } catch (e) {
        results[i] = { category, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, categories.length)) }, worker));
  return results;
}

/** `FetchText` over the feed rules of sync.ts (same-host redirects, size and time limits, no cookies). */
export function feedFetchText(fetchFn: typeof fetch, now: () => Date, opts: { maxBytes?: number; timeoutMs?: number } = {}): FetchText {
  return async (url) => {
    const outcome = await fetchFeed({ url, failures: 0 }, fetchFn, { ...opts, now: now() });
    if (outcome.kind === 'ok') return outcome.text;
    if (outcome.kind === 'not-modified') throw new Error(`${url}: the server answered 304 Not Modified`);
    throw new Error(`${url}: ${outcome.message}`);
  };
}

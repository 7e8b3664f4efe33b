/**
 * Feed refresh, as pure logic: the background's alarm asks `isDue`, then `syncFeed` fetches (with the
 * `fetch` it is given), validates and decides the feed's next state. Nothing here touches browser
 * APIs or storage, and nothing reads the clock or a random source: `now` is passed in, and the
 * retry jitter is derived from the feed URL, so the same inputs always give the same state.
 *
 * A feed update is all or nothing: a download that fails (network, status, size, time, encoding) or
 * whose content fails validation yields `failed` and no stories; the caller keeps its last good copy.
 */
import { importLibrarySteps, type Imported } from '../library/import';
import { runSteps, runStepsPaused, type Steps } from '../text/steps';
import { ImportError } from '../story/errors';
import { FNV_OFFSET, fnvStep } from '../text/hash';
import { decodeText } from '../story/import';

export interface FeedState {
  url: string;
  /** Validator of the last good copy, sent back as If-None-Match. */
  etag?: string;
  /** Last-Modified of the last good copy, sent back as If-Modified-Since. */
  lastModified?: string;
  /** Consecutive failed attempts (0 when healthy). */
  failures: number;
  /** ISO time before which a failing feed is not retried. */
  nextAttempt?: string;
  /** ISO time of the last attempt, successful or not. */
  lastAttempt?: string;
  /** ISO time of the last attempt that got a good (or unchanged) feed. */
  lastSuccess?: string;
  /** Why the last attempt failed; absent when healthy. */
  error?: string;
}

export type FetchOutcome =
  | { kind: 'not-modified' }
  | { kind: 'ok'; text: string; etag?: string; lastModified?: string }
  | { kind: 'error'; message: string };

/** What a sync attempt ended with, as far as the feed's state is concerned. */
export type Outcome = FetchOutcome | { kind: 'invalid'; message: string };

export type SyncResult =
  | { kind: 'updated'; stories: Imported['stories']; factChecks: Imported['factChecks'] }
  | { kind: 'unchanged' }
  | { kind: 'failed'; message: string };

export interface FetchOptions {
  /** Largest body accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Time allowed for the whole download, headers and body (default 30 s). */
  timeoutMs?: number;
  now: Date;
  /**
   * Called between the steps of reading the body (a piece of JSON parsed, a story validated) once
   * the step budget is spent: the background passes its pause so that it answers meanwhile. Without
   * one the body is read at once.
   */
  pause?: () => Promise<void>;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_URL_LENGTH = 2048;
/** First retry delay after a failure; doubles with each further failure. */
export const BACKOFF_BASE_MS = 15 * 60_000;
/** Longest retry delay before jitter. */
export const BACKOFF_MAX_MS = 24 * 60 * 60_000;
/** Retry delays are spread by up to ±10 %, so that feeds that fail together do not retry together. */
export const JITTER = 0.1;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(u: URL): boolean {
  return LOOPBACK_HOSTS.has(u.hostname.toLowerCase());
}

/** https, or http on localhost only (what a fetched or redirected-to URL must be). */
function isAllowedOrigin(u: URL): boolean {
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u));
}

const shorten = (s: string, max = 120): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Checks a feed URL as the user typed it and returns it normalised (`URL.href`, without a
 * fragment). Throws an Error saying what is wrong: https only (plain http only for localhost,
 * 127.0.0.1 and [::1]), no user name or password, at most 2,048 characters.
 */
export function validateFeedUrl(url: string): string {
  const raw = url.trim();
  if (raw === '') throw new Error('the feed URL is empty');
  if (raw.length > MAX_URL_LENGTH) throw new Error(`the feed URL is longer than ${MAX_URL_LENGTH.toLocaleString('en-US')} characters`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`"${shorten(raw)}" is not a valid URL; expected an address such as https://example.com/stories.json`);
  }
  if (u.protocol === 'http:') {
    if (!isLoopback(u)) throw new Error(`the feed URL must use https:// (plain http:// is allowed only for localhost): ${shorten(raw)}`);
  } else if (u.protocol !== 'https:') {
    throw new Error(`the feed URL must start with https://, not ${u.protocol}//`);
  }
  if (u.username !== '' || u.password !== '') throw new Error('the feed URL must not contain a user name or password');
  u.hash = '';
  const out = u.href;
  if (out.length > MAX_URL_LENGTH) throw new Error(`the feed URL is longer than ${MAX_URL_LENGTH.toLocaleString('en-US')} characters`);
  return out;
}

/** "20 MB", "256 KB", "1.5 MB", "100 bytes" (binary units, as people say them). */
function formatSize(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB) return `${Number.isInteger(bytes / MiB) ? bytes / MiB : (bytes / MiB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Number.isInteger(bytes / 1024) ? bytes / 1024 : (bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

const formatSeconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** What a failed fetch() says, with the underlying cause (ECONNREFUSED, DNS) when there is one. */
function describeFetchError(e: unknown): string {
  if (!(e instanceof Error)) return `could not fetch the feed: ${String(e)}`;
  const cause = (e as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return `could not fetch the feed: ${e.message}${detail && !e.message.includes(detail) ? ` (${detail})` : ''}`;
}

/**
 * Downloads a feed: conditional (ETag / Last-Modified), uncached, without cookies, bounded in time and
 * size, refusing a redirect to plain http or to another host, and a 304 to a request that sent no
 * validators. Never throws: every failure is `{kind: 'error', message}`.
 */
export async function fetchFeed(state: FeedState, fetchFn: typeof fetch, opts: FetchOptions): Promise<FetchOutcome> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tooLarge: FetchOutcome = { kind: 'error', message: `the feed is larger than ${formatSize(maxBytes)}` };
  let url: string;
  try {
    url = validateFeedUrl(state.url);
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let response: Response | undefined;
  /** Drops the rest of the body and the connection. */
  const discard = () => {
    response?.body?.cancel().catch(() => undefined);
    controller.abort();
  };

  try {
    const headers: Record<string, string> = { Accept: 'application/json, text/plain' };
    if (state.etag) headers['If-None-Match'] = state.etag;
    if (state.lastModified) headers['If-Modified-Since'] = state.lastModified;
    response = await fetchFn(url, { headers, cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: controller.signal });

    const finalUrl = response.url || url;
    let final: URL | undefined;
    try {
      final = new URL(finalUrl);
    } catch {
      final = undefined;
    }
    if (!final || !isAllowedOrigin(final)) {
      discard();
      return { kind: 'error', message: `the feed redirected to ${shorten(finalUrl)}, which is not https; refused` };
    }
    // The reader allowed this feed's host, not whatever host it sends us on to.
    if (final.host !== new URL(url).host) {
      discard();
      return { kind: 'error', message: `the feed redirected to another host (${final.host}); refused` };
    }
    if (response.status === 304) {
      discard();
      // "Not modified" answers a conditional request; without validators it is a broken answer.
      if (!state.etag && !state.lastModified) return { kind: 'error', message: 'the server answered HTTP 304 Not Modified to a request that asked for no comparison' };
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      discard();
      return { kind: 'error', message: `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      discard();
      return tooLarge;
    }

    const bytes = await readCapped(response, maxBytes);
    if (bytes === null) {
      discard();
      return tooLarge;
    }
    let text: string;
    try {
      text = decodeText(bytes, url);
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return { kind: 'ok', text, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  } catch (e) {
    if (timedOut) return { kind: 'error', message: `timed out after ${formatSeconds(timeoutMs)}` };
    discard();
    return { kind: 'error', message: describeFetchError(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, or null as soon as more than `maxBytes` have arrived (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The stories and fact-check records a feed holds (any format the library imports). Throws an
 * ImportError naming the URL and the line or JSON path when the feed is invalid, or when it holds
 * nothing at all.
 */
export function parseFeed(text: string, url: string): Imported {
  return runSteps(parseFeedSteps(text, url));
}

/** `parseFeed` in steps. */
export function* parseFeedSteps(text: string, url: string): Steps<Imported> {
  const imported = yield* importLibrarySteps(text, url);
  if (imported.stories.length === 0 && imported.factChecks.length === 0) {
    throw new ImportError({ file: url }, 'the feed holds no stories and no fact-check records');
  }
  return imported;
}

/** FNV-1a, 32 bits. */
function hash32(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

/** This URL's jitter factor, in [1 − 10 %, 1 + 10 %): fixed per URL. */
export function jitterFactor(url: string): number {
  return 1 + (2 * (hash32(url) / 2 ** 32) - 1) * JITTER;
}

/** Delay before retrying after the `failures`-th consecutive failure: 15 min × 2^(failures−1), at most 24 h, ± jitter. */
export function backoffMs(failures: number, url: string): number {
  const n = Math.max(1, Math.min(Math.floor(failures), 32));
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
  return Math.round(base * jitterFactor(url));
}

/**
 * The feed's state after an attempt. Fields the outcome clears (`error`, `nextAttempt`, and a
 * validator the server no longer sends) are present with the value `undefined`, so that spreading
 * the result over an older record clears them there too. Other fields of `state` are kept.
 */
export function nextState<S extends FeedState>(state: S, outcome: Outcome, now: Date): S {
  const at = now.toISOString();
  if (outcome.kind === 'ok' || outcome.kind === 'not-modified') {
    const validators = outcome.kind === 'ok' ? { etag: outcome.etag, lastModified: outcome.lastModified } : {};
    return { ...state, ...validators, failures: 0, error: undefined, nextAttempt: undefined, lastAttempt: at, lastSuccess: at };
  }
  // A failure keeps the validators of the last good copy: an invalid update must not be taken as seen.
  const failures = (Number.isFinite(state.failures) && state.failures > 0 ? Math.floor(state.failures) : 0) + 1;
  const nextAttempt = new Date(now.getTime() + backoffMs(failures, state.url)).toISOString();
  return { ...state, failures, error: outcome.message, lastAttempt: at, nextAttempt };
}

const time = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));

/**
 * Should this feed be fetched now? Yes if it never was; if failing, once `nextAttempt` has come; if
 * healthy, once `refreshMinutes` have passed since the last attempt. A recorded time that cannot be
 * read, or a last attempt in the future (the clock went back), makes the feed due.
 */
export function isDue(state: FeedState, now: Date, refreshMinutes: number): boolean {
  const last = time(state.lastAttempt);
  const t = now.getTime();
  if (!Number.isFinite(last) || last > t) return true;
  if (state.failures > 0) {
    const next = time(state.nextAttempt);
    return !Number.isFinite(next) || t >= next;
  }
  return t - last >= refreshMinutes * 60_000;
}

/**
 * One refresh of one feed: fetch, validate, and the next state. `updated` carries the feed's whole
 * content; `failed` carries none (a feed that fails validation is rejected whole).
 */
export async function syncFeed<S extends FeedState>(state: S, fetchFn: typeof fetch, opts: FetchOptions): Promise<{ state: S; result: SyncResult }> {
  const outcome = await fetchFeed(state, fetchFn, opts);
  if (outcome.kind === 'error') return { state: nextState(state, outcome, opts.now), result: { kind: 'failed', message: outcome.message } };
  if (outcome.kind === 'not-modified') return { state: nextState(state, outcome, opts.now), result: { kind: 'unchanged' } };
  let imported: Imported;
  try {
    imported = opts.pause ? await runStepsPaused(parseFeedSteps(outcome.text, state.url), opts.pause) : parseFeed(outcome.text, state.url);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { state: nextState(state, { kind: 'invalid', message }, opts.now), result: { kind: 'failed', message } };
  }
  return { state: nextState(state, outcome, opts.now), result: { kind: 'updated', stories: imported.stories, factChecks: imported.factChecks } };
}

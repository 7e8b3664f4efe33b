/**
 * The one message protocol between the extension's contexts. Each message type declares its payload
 * schema (checked at runtime on receipt: a payload is never trusted because it arrived), its response
 * type, and who may send it: `content` (our content script, running inside a web page, so its data is
 * page data) or `extension` (the popup and other extension pages: privileged).
 *
 * Replies are `Result` values, never thrown errors, so a caller always gets an answer it can show.
 */
import * as v from 'valibot';
import type { Match } from './core/match/matcher';
import { PageMetaSchema } from './core/match/page';
import type { Verdict } from './core/claims/check';
import type { FactCheck } from './core/claims/factchecks';
import type { Dispute } from './core/claims/types';
import type { LookupResult } from './core/search/lookup';
import type { StoryChange } from './core/library/changes';
import type { Story, StoryHeader } from './core/story/model';

/** A failure the background recorded (src/background/errors.ts). */
export interface ErrorRecord {
  /** ISO time. */
  at: string;
  /** Which step failed, e.g. "alarm.feeds". */
  where: string;
  message: string;
}

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (error: string): Result<never> => ({ ok: false, error });

export type Role = 'content' | 'extension';

/** What kind of page the active tab shows, as far as the popup needs to know. */
export type PageKind = 'web' | 'restricted' | 'unknown';

/** What the popup needs to show a tab. */
export interface TabView {
  /**
   * The tab this view is of (null: none was found). Asked without a tab id, the background answers
   * for the active tab of its current window: the popup checks that this is its own tab.
   */
  tabId: number | null;
  /** The tab's story: set when the tab is an article of a story in the library. */
  story: Story | null;
  /** The tab's match, when the tab is an article of a story in the library. */
  match: Match | null;
  librarySize: number;
  /** 'restricted': a browser page, store or PDF viewer where extensions cannot read the page. */
  page: PageKind;
  /** The disputed claims of `story`. */
  disputes: Dispute[];
  /** `story` is too long to send whole: its lists and long texts are cut (core/story/excerpt.ts). */
  cut: boolean;
  /** The last claim checked in this tab, and its verdict. */
  verdict: { claim: string; verdict: Verdict } | null;
}

export type { StoryHeader } from './core/story/model';

/** A story as the options page lists it: where it came from. */
export interface LibraryEntry extends StoryHeader {
  /** 'builtin', 'import', or the feed URL it came from (the first of `origins` in that order). */
  origin: string;
  /** Every origin that holds it ('builtin', 'import', 'feed:URL'); none: kept for the retention period. */
  origins?: string[];
  hidden?: boolean;
}

export interface ImportPreview {
  stories: StoryHeader[];
  factChecks: number;
  /** Stories already in the library that the import will replace (same id, or the same articles). */
  replaces: StoryHeader[];
}

export interface FeedStatus {
  url: string;
  kind: 'stories' | 'factchecks' | 'unknown';
  lastSuccess: string | null;
  lastAttempt: string | null;
  error: string | null;
  stories: number;
  factChecks: number;
  nextAttempt: string | null;
}

/** One Kagi News category's sync status. */
export interface KagiCategoryStatus {
  name: string;
  lastAttempt: string | null;
  lastSuccess: string | null;
  /** Stories the library holds from this category now. */
  stories: number;
  error: string | null;
}

/** Kagi News as the options page shows it: the reader's choices and the sync status. */
export interface KagiView {
  enabled: boolean;
  categories: string[];
  retentionDays: number;
  /** Where kite.json is read (kite.kagi.com; unit tests start the service with a local server). */
  base: string;
  /** The host permission to ask for ("https://kite.kagi.com/*"). */
  hostPattern: string;
  status: {
    lastAttempt: string | null;
    lastSuccess: string | null;
    error: string | null;
    nextRun: string | null;
    categories: KagiCategoryStatus[];
  };
}

export interface PageVerdict {
  matched: boolean;
  storyId: string | null;
  source: number | null;
}

/** A story the reader may follow, as the popup shows it (src/background/follows.ts). */
export interface FollowView {
  followed: boolean;
  /** What the story gained since the reader last looked; null when it is not followed. */
  change: StoryChange | null;
  /** When the reader last looked (ISO); null when it is not followed. */
  since: string | null;
}

const empty = v.strictObject({});

/** Bytes of a file per `upload.part` message: 4 MiB, 5.6 MB as base64, far below Chrome's 64 MiB. */
export const UPLOAD_PART_BYTES = 4 * 1024 * 1024;
const UPLOAD_PART_BASE64 = Math.ceil(UPLOAD_PART_BYTES / 3) * 4;
/** Parts of one upload: 64 MiB, the import limit of every route. */
export const MAX_UPLOAD_PARTS = 16;
const uploadId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'must be an upload id'));

export const PROTOCOL = {
  /** The content script read an article page. */
  'page.seen': { from: 'content', payload: PageMetaSchema },
  /** The content script: the view it reported as an article was left for one that is not (a single-page site). */
  'page.left': { from: 'content', payload: empty },
  /** The popup asks what to show for a tab. */
  'tab.view': { from: 'extension', payload: v.strictObject({ tabId: v.optional(v.pipe(v.number(), v.integer())) }) },
  /** Library size and story headers. */
  'library.list': { from: 'extension', payload: empty },
  /** Lookup: stories matching the words typed so far. */
  'library.search': {
    from: 'extension',
    payload: v.strictObject({ query: v.pipe(v.string(), v.maxLength(500)), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))) }),
  },
  /** The most recently updated stories, for an empty lookup. */
  'library.recent': { from: 'extension', payload: empty },
  /** Check claim from the popup: a verdict for a sentence. */
  'claim.check': { from: 'extension', payload: v.strictObject({ text: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }) },
  /** Options page: the library. */
  'library.entries': { from: 'extension', payload: empty },
  'library.preview': { from: 'extension', payload: v.strictObject({ name: v.pipe(v.string(), v.maxLength(500)), text: v.pipe(v.string(), v.maxLength(64 * 1024 * 1024)) }) },
  'library.import': { from: 'extension', payload: v.strictObject({ name: v.pipe(v.string(), v.maxLength(500)), text: v.pipe(v.string(), v.maxLength(64 * 1024 * 1024)) }) },
  /**
   * Options page: a file sent in parts, in order (Chrome refuses a message over 64 MiB, and a file
   * sent as text is decoded by the page, leniently): base64 bytes, decoded by the background once
   * the file is previewed or imported, strictly, as every import (core/story/import.ts decodeText).
   */
  'upload.part': {
    from: 'extension',
    payload: v.strictObject({ id: uploadId, index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_UPLOAD_PARTS - 1)), bytes: v.pipe(v.string(), v.maxLength(UPLOAD_PART_BASE64)) }),
  },
  'upload.preview': { from: 'extension', payload: v.strictObject({ id: uploadId, name: v.pipe(v.string(), v.maxLength(500)) }) },
  'upload.import': { from: 'extension', payload: v.strictObject({ id: uploadId, name: v.pipe(v.string(), v.maxLength(500)) }) },
  'library.remove': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)) }) },
  'library.restore': { from: 'extension', payload: empty },
  'library.export': { from: 'extension', payload: empty },
  'feeds.list': { from: 'extension', payload: empty },
  'feeds.add': { from: 'extension', payload: v.strictObject({ url: v.pipe(v.string(), v.maxLength(2048)) }) },
  'feeds.remove': { from: 'extension', payload: v.strictObject({ url: v.pipe(v.string(), v.maxLength(2048)) }) },
  'feeds.sync': { from: 'extension', payload: v.strictObject({ url: v.optional(v.pipe(v.string(), v.maxLength(2048))) }) },
  'settings.get': { from: 'extension', payload: empty },
  'settings.set': { from: 'extension', payload: v.strictObject({ refreshMinutes: v.pipe(v.number(), v.integer(), v.minValue(15), v.maxValue(7 * 24 * 60)) }) },
  /** Options page: Kagi News (opt-in; nothing is fetched before). */
  'kagi.get': { from: 'extension', payload: empty },
  /** The categories kite.json lists (fetched only once the reader opted in). */
  'kagi.categories': { from: 'extension', payload: empty },
  'kagi.set': {
    from: 'extension',
    payload: v.strictObject({
      enabled: v.optional(v.boolean()),
      categories: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(2000))),
      retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
    }),
  },
  'kagi.sync': { from: 'extension', payload: empty },
  /** Is the background answering? (Diagnostics and the pushState-flood benchmark; touches nothing.) */
  ping: { from: 'extension', payload: empty },
  /** The failures the background recorded (kept on this machine only), oldest first. */
  'diagnostics.errors': { from: 'extension', payload: empty },
  'diagnostics.clear': { from: 'extension', payload: empty },
  /** The fact-check records in the library, for the options page. */
  'factchecks.list': { from: 'extension', payload: empty },
  'factchecks.remove': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(2000)) }) },
  /** One story, by id. */
  'story.get': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)) }) },
  /** The popup shows a story: is it followed, what is new since the reader last looked (from now on, seen). */
  'follow.open': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)) }) },
  /** Follow or unfollow a story. */
  'follow.set': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)), follow: v.boolean() }) },
  /** Options page: notify when a followed story changes (the page asks for the permission first). */
  'follow.settings.get': { from: 'extension', payload: empty },
  'follow.settings.set': { from: 'extension', payload: v.strictObject({ notify: v.boolean() }) },
} as const satisfies Record<string, { from: Role; payload: v.GenericSchema }>;

export type MessageType = keyof typeof PROTOCOL;
export type Payload<K extends MessageType> = v.InferOutput<(typeof PROTOCOL)[K]['payload']>;
export interface Responses {
  'page.seen': PageVerdict;
  'page.left': { cleared: boolean };
  'tab.view': TabView;
  'library.list': StoryHeader[];
  'library.search': LookupResult[];
  'library.recent': StoryHeader[];
  /** `cut`: the story is too long to send whole (core/story/excerpt.ts). */
  'story.get': { story: Story; disputes: Dispute[]; cut: boolean } | null;
  'claim.check': Verdict;
  'library.entries': LibraryEntry[];
  'library.preview': ImportPreview;
  'library.import': { added: number; replaced: number; factChecks: number };
  'upload.part': { bytes: number };
  'upload.preview': ImportPreview;
  'upload.import': { added: number; replaced: number; factChecks: number };
  'library.remove': { removed: boolean };
  'library.restore': { restored: number };
  'library.export': { filename: string; json: string };
  'feeds.list': FeedStatus[];
  'feeds.add': FeedStatus;
  'feeds.remove': { removed: boolean };
  'feeds.sync': FeedStatus[];
  'settings.get': { refreshMinutes: number };
  'settings.set': { refreshMinutes: number };
  ping: { at: number };
  'kagi.get': KagiView;
  'kagi.categories': string[];
  'kagi.set': KagiView;
  'kagi.sync': KagiView;
  'diagnostics.errors': ErrorRecord[];
  'diagnostics.clear': { cleared: true };
  'factchecks.list': FactCheck[];
  'factchecks.remove': { removed: boolean };
  'follow.open': FollowView;
  'follow.set': FollowView;
  'follow.settings.get': { notify: boolean };
  'follow.settings.set': { notify: boolean };
}
export type Response<K extends MessageType> = Result<Responses[K]>;

/**
 * Messages the background sends to a tab (`tabs.sendMessage`), received by the verdict card script.
 * They come from the extension only; the card still checks the sender and the shape.
 */
export interface TabMessages {
  /** Show the verdict card for a claim the reader checked in this tab. */
  'verdict.show': { verdict: Verdict; claim: string };
}
export type TabMessageType = keyof TabMessages;
export type TabMessage = { [K in TabMessageType]: { type: K } & TabMessages[K] }[TabMessageType];
/** Builds a background→tab message (typed, so a renamed field fails the build on both ends). */
export const tabMessage = <K extends TabMessageType>(type: K, body: TabMessages[K]): TabMessage => ({ type, ...body }) as TabMessage;

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: Payload<K>;
}

/** Parses an unknown value into an envelope, or says why not. */
export function parseEnvelope(raw: unknown): Result<Envelope> {
  if (typeof raw !== 'object' || raw === null) return err('message is not an object');
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(PROTOCOL, type)) return err(`unknown message type ${JSON.stringify(String(type)).slice(0, 60)}`);
  const spec = PROTOCOL[type as MessageType];
  const parsed = v.safeParse(spec.payload, payload ?? {});
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return err(`invalid ${type} payload${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  return ok({ type: type as MessageType, payload: parsed.output });
}

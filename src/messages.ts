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
import type { Dispute } from './core/claims/types';
import type { LookupResult } from './core/search/lookup';
import type { Story } from './core/story/model';

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (error: string): Result<never> => ({ ok: false, error });

export type Role = 'content' | 'extension';

/** What kind of page the active tab shows, as far as the popup needs to know. */
export type PageKind = 'web' | 'restricted' | 'unknown';

/** What the popup needs to show a tab. */
export interface TabView {
  /** The tab's story: set when the tab is an article of a story in the library. */
  story: Story | null;
  /** The tab's match, when the tab is an article of a story in the library. */
  match: Match | null;
  librarySize: number;
  /** 'restricted': a browser page, store or PDF viewer where extensions cannot read the page. */
  page: PageKind;
  /** The disputed claims of `story`. */
  disputes: Dispute[];
}

export interface StoryHeader {
  id: string;
  title: string;
  articleCount: number;
  updated: string | null;
}

export interface PageVerdict {
  matched: boolean;
  storyId: string | null;
  source: number | null;
}

const empty = v.strictObject({});

export const PROTOCOL = {
  /** The content script read an article page. */
  'page.seen': { from: 'content', payload: PageMetaSchema },
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
  /** One story, by id. */
  'story.get': { from: 'extension', payload: v.strictObject({ id: v.pipe(v.string(), v.maxLength(200)) }) },
} as const satisfies Record<string, { from: Role; payload: v.GenericSchema }>;

export type MessageType = keyof typeof PROTOCOL;
export type Payload<K extends MessageType> = v.InferOutput<(typeof PROTOCOL)[K]['payload']>;
export interface Responses {
  'page.seen': PageVerdict;
  'tab.view': TabView;
  'library.list': StoryHeader[];
  'library.search': LookupResult[];
  'library.recent': StoryHeader[];
  'story.get': { story: Story; disputes: Dispute[] } | null;
}
export type Response<K extends MessageType> = Result<Responses[K]>;

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

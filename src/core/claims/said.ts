/**
 * A statement as one party's: who holds it (the party's names, or its role when it has no name),
 * the words it uses, and whether it rejects or asserts. The shared vocabulary of the dispute finders.
 */
import { tokenize } from '../text/tokens';
import { partyKey } from './parties';
import { roleOf } from './stance';
import type { Statement } from './statements';


export interface Said {
  s: Statement;
  /** Identity of the speaking party (names, or its role when it has no name). */
  party: string[];
  role: 'pro' | 'con' | null;
  /** Content words of what is said, without the names of the speaker. */
  words: Set<string>;
}

/** A dispute found by one of the finders, before its sides are written out. */
export interface Found {
  kind: 'accusation' | 'rejection' | 'end' | 'figure';
  question: string;
  a: Said[];
  b: Said[];
  claimA: string;
  claimB: string;
}

export const DAY = 86_400_000;
export const dayOf = (iso: string | null) => (iso ? Date.parse(iso.length === 7 ? `${iso}-01` : iso.length === 4 ? `${iso}-01-01` : iso) : Number.NaN);
export const daysApart = (a: Statement, b: Statement) => {
  const x = dayOf(a.when);
  const y = dayOf(b.when);
  return Number.isFinite(x) && Number.isFinite(y) ? Math.abs(x - y) / DAY : 0;
};

/** Statements of one kind (accusations, denials, rejections) read at most: a bound on the work for a huge story. */
export const MAX_PER_KIND = 300;

/** A negated proposition asserts nothing that a rejection of it could contradict. */
export const NEGATED = /\b(?:not|never|no longer)\b|n['’]t\b/i;

/** The words of a text, with hyphenated compounds also read whole ("cease-fire" is "ceasefire" too). */
export function terms(text: string): string[] {
  const joined = text.replace(/(\p{L})[\u2010-\u2015-](?=\p{L})/gu, '$1');
  return joined === text ? tokenize(text) : [...new Set([...tokenize(text), ...tokenize(joined)])];
}

/** A statement with a claimant, read as its party's; null for the story's own voice. */
export function said(s: Statement): Said | null {
  if (!s.claimant) return null;
  const role = roleOf(s.claimant);
  const names = partyKey(s.claimant);
  const party = names.length ? names : role ? [`role:${role}`] : [];
  const words = new Set(terms(s.proposition).filter((t) => !names.includes(t) && !/^\d/.test(t)));
  return { s, party: role ? [...party, `role:${role}`] : party, role, words };
}

/**
 * Declining to confirm leaves a claim unconfirmed; declining to comment takes no position. Dismissing
 * "us" or "them" rejects people, not a claim.
 */
export const rejects = (x: Said) =>
  ((x.s.stance === 'denies' && !/^(?:us|them|him|her|me|you)\b/i.test(x.s.proposition)) || (x.s.stance === 'declines' && !/\bcomment/i.test(x.s.verb ?? '')) || x.role === 'con');
export const asserts = (x: Said) => !rejects(x) && x.s.stance !== 'reports';

/** What a rejecting statement says, as its side's claim. */
export const rejection = (x: Said) => (x.s.stance === 'denies' || x.s.stance === 'declines' ? `${(x.s.verb ?? '').replace(/^still\s+/i, '')} ${x.s.proposition}` : x.s.proposition);

/** A claim as shown: one line, without the quotes and punctuation around it. */
export const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:“"]+|[\s,;:”"]+$/g, '')
    .trim();

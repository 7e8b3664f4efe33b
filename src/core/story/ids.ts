/**
 * Stable story ids derived from content, for inputs that carry none. Same content, same id, on every
 * machine: a slug of the title (readable in URLs and logs) plus a 52-bit hash of what identifies the
 * news event (the title and the titles of its articles).
 */
import { FNV_OFFSET, fnvStep } from '../text/hash';

/** FNV-1a over UTF-16 code units, run in two lanes with different offsets, combined to 52 bits. */
export function hash52(text: string): number {
  let a = FNV_OFFSET;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = fnvStep(a, c);
    b = fnvStep(b, c) ^ (a >>> 15);
  }
  return (b >>> 12) * 0x100000000 + (a >>> 0);
}

export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '') || 'story';
}

export function deriveStoryId(title: string, articleTitles: readonly string[]): string {
  const key = [title, ...articleTitles].map((s) => s.normalize('NFKC').trim().toLowerCase()).join('\n');
  return `${slugify(title)}-${hash52(key).toString(36)}`;
}

/**
 * What the content script reads off an article page. Everything here comes from a web page and is
 * untrusted: the background validates it (PageMetaSchema) before use.
 */
import * as v from 'valibot';

const text = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max)));

export const PageMetaSchema = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(4096), v.url()),
  canonicalUrl: v.optional(v.pipe(v.string(), v.maxLength(4096), v.url())),
  title: v.pipe(v.string(), v.maxLength(1000)),
  description: text(4000),
  siteName: text(200),
  published: text(100),
  modified: text(100),
  author: text(500),
  lang: text(35),
  lead: text(4000),
});
export type PageMeta = v.InferOutput<typeof PageMetaSchema>;

/** A page as the matcher needs it (the content script's PageMeta, or a CLI/benchmark page line). */
export type MatchPage = Pick<PageMeta, 'url' | 'title'> & Partial<Pick<PageMeta, 'canonicalUrl' | 'description' | 'siteName' | 'published' | 'lead'>>;

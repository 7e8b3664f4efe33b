/** Shared by the match benchmark and tests: load a dev split, score decisions as the data README defines. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importBytes } from '../src/core/story/import';
import type { Story } from '../src/core/story/model';

export const DATA = resolve(import.meta.dirname, '../../shared/data');

export interface PageLine {
  id: string;
  url: string;
  title: string;
  siteName?: string;
  published?: string;
  expect: string | null;
}

/** A page line as the matcher takes it (its `expect` left out). */
export const pageOf = (p: PageLine) => ({ url: p.url, title: p.title, ...(p.siteName ? { siteName: p.siteName } : {}), ...(p.published ? { published: p.published } : {}) });

export function loadSplit(name: 'uci' | 'kagi'): { stories: Story[]; pages: PageLine[] } {
  const storiesPath = resolve(DATA, `matching/${name}-dev-stories.json`);
  const stories = importBytes(readFileSync(storiesPath), storiesPath);
  const pages = readFileSync(resolve(DATA, `matching/${name}-dev-pages.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PageLine);
  return { stories, pages };
}

export interface Decisions {
  pages: number;
  correct: number;
  falseMatches: number;
  missed: number;
  correctRate: number;
  falseRate: number;
}

/** "Correct decisions" = right story, or no story when none is expected; false = a wrong story given. */
export function score(pages: readonly PageLine[], predicted: readonly (string | null)[]): Decisions {
  let correct = 0, falseMatches = 0, missed = 0;
  pages.forEach((p, i) => {
    const got = predicted[i] ?? null;
    if (got === p.expect) correct++;
    else if (got === null) missed++;
    else falseMatches++;
  });
  return { pages: pages.length, correct, falseMatches, missed, correctRate: correct / pages.length, falseRate: falseMatches / pages.length };
}

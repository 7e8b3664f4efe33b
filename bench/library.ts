/**
 * npm run bench:library — importing a 10,000-story library: time and memory of the parse and
 * validation (the importer) and of the whole import into the library service (IndexedDB through
 * fake-indexeddb in Node, indexes built), beside MiniSearch indexing the same stories for scale.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { LibraryService } from '../src/background/service';
import { exportLibrary } from '../src/core/library/import';
import * as v from 'valibot';
import { importText } from '../src/core/story/import';
import { StorySchema } from '../src/core/story/model';
import { loadSplit } from './eval-lib';
import { synthLibrary } from './synth';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

async function main() {
  const real = [...loadSplit('uci').stories, ...loadSplit('kagi').stories];
  // Synthetic stories are built as objects; keep those the schema accepts (a few have blank titles).
  const stories = synthLibrary(10_200, real).filter((s) => v.safeParse(StorySchema, s).success).slice(0, 10_000);
  const text = exportLibrary(stories, []);
  const rows: [string, number, number][] = [];

  let h0 = heap();
  let t0 = performance.now();
  const parsed = importText(text, 'library.json');
  rows.push(['parse + validate 10,000 stories (importer)', performance.now() - t0, heap() - h0]);

  h0 = heap();
  t0 = performance.now();
  const svc = await (await LibraryService.start([])).ready();
  await svc.import('library.json', text);
  svc.library.match({ url: 'https://example.com/x', title: 'warm up the index' });
  rows.push(['import into the library service (store + indexes)', performance.now() - t0, heap() - h0]);

  h0 = heap();
  t0 = performance.now();
  const ms = new MiniSearch({ fields: ['title', 'text'] });
  ms.addAll(parsed.map((s) => ({ id: s.id, title: s.title, text: s.articles.map((a) => a.title).join(' ') })));
  rows.push(['MiniSearch addAll of the same stories (peer, for scale)', performance.now() - t0, heap() - h0]);

  console.log(`Library import, ${stories.length.toLocaleString('en-US')} stories, ${(text.length / 1e6).toFixed(1)} MB of JSON`);
  for (const [what, ms2, mb] of rows) console.log(`  ${what.padEnd(56)} ${ms2.toFixed(0).padStart(7)} ms  ${mb.toFixed(1).padStart(7)} MB heap`);
  mkdirSync(resolve(import.meta.dirname, '../artifacts/bench'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, '../artifacts/bench/library.json'), JSON.stringify({ stories: stories.length, bytes: text.length, rows }, null, 2));
  svc.close();
}

await main();

/**
 * Part of npm run bench:library: the extension's library service itself (IndexedDB through
 * fake-indexeddb in Node, the recogniser and holdings in memory, each change one transaction), while
 * a 10 ms timer measures the event loop's longest stall (what a ping to the service worker would
 * wait). A library of 10,000 stories (8,000 imported, 2,000 a feed's), then the feed's next listing
 * of 2,000 served from localhost (1,000 of its stories again under a new title with one more
 * article each, 1,000 new; the 1,000 it no longer lists are kept unlisted), then 10,000 more stories
 * imported. Runs on any version of the service with this API (for before/after comparisons).
 */
import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LibraryService } from '../src/background/service';
import { STORY_BATCH } from '../src/background/store';
import { Library } from '../src/core/library';
import { exportLibrary } from '../src/core/library/import';
import { decodeText } from '../src/core/story/import';
import type { Story } from '../src/core/story/model';
import { withLag, type KagiBenchRow } from './kagi-sync';
import { variant } from './synth';


/**
 * A feed's story: `variant`, its title's words each followed by a word of its own, so that it is
 * like no imported title (the reader's copy of a story a feed lists is left as it is, see listing.ts).
 */
const feedStory = (s: Story, tag: string): Story => ({
  ...variant(s, tag),
  title: s.title
    .split(/\s+/)
    .map((w, j) => `${w} ${tag}x${j}`)
    .join(' '),
});

export async function serviceBench(base: readonly Story[]): Promise<KagiBenchRow[]> {
  const pick = (i: number) => base[i % base.length] as Story;
  const rows: KagiBenchRow[] = [];
  let body = '[]';
  const server = createServer((_req, res) => {
    // A fresh connection a sync, as a daily feed has: a kept-alive socket that this server closes
    // after 5 idle seconds could be taken up by the next fetch just as it closes (ECONNRESET).
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
  let day = Date.UTC(2026, 0, 1, 12);
  const svc = await (await LibraryService.start([], { dbName: `bench-service-${process.pid}`, now: () => new Date(day) })).ready();
  try {
    const imported = Array.from({ length: 8_000 }, (_, i) => variant(pick(i), `imp${i}`));
    await svc.import('library.json', exportLibrary(imported, []));
    const feedDay1 = Array.from({ length: 2_000 }, (_, i) => feedStory(pick(i + 8_000), `feed${i}`));
    body = JSON.stringify(feedDay1);
    await svc.addFeed(url, fetch);
    // The matcher and lookup are built, as in a background that has matched a page and searched.
    svc.library.match({ url: 'https://example.com/x', title: 'warm up the index' });
    svc.library.search('warm up', 5);

    // Day 2: half the feed's stories again (new title, one more article), and 1,000 new ones.
    day += 86_400_000;
    const again = feedDay1.slice(0, 1_000).map((s, i) => ({
      ...s,
      title: `${s.title} (day 2)`,
      articles: [...s.articles, { outlet: 'example.org', title: `Day 2 report ${i}`, url: `https://example.org/day2/${i}`, domain: 'example.org' }],
      articleCount: s.articleCount + 1,
    }));
    body = JSON.stringify([...again, ...Array.from({ length: 1_000 }, (_, i) => feedStory(pick(i + 3_000), `feednew${i}`))]);
    let t0 = performance.now();
    const { result: feed, lagMs: feedLag } = await withLag(() => svc.syncFeeds(fetch, url));
    rows.push({ what: 'feed of 2,000 into 10,000 (service, IndexedDB)', ms: performance.now() - t0, note: `${feed[0]?.stories ?? 0} stories held by the feed${feed[0]?.error ? `, error ${feed[0].error}` : ''}; event loop max lag ${feedLag.toFixed(0)} ms` });

    // The text as the service gets it from the options page: the file's bytes decoded (background/uploads.ts),
    // one flat string, not the joined pieces a JSON writer returns (which V8 would flatten on first read).
    const more = decodeText(new TextEncoder().encode(exportLibrary(Array.from({ length: 10_000 }, (_, i) => variant(pick(i), `more${i}`)), [])), 'more.json');
    t0 = performance.now();
    const { result: imp, lagMs: importLag } = await withLag(() => svc.import('more.json', more));
    rows.push({ what: 'import 10,000 into 11,000 (service, IndexedDB)', ms: performance.now() - t0, note: `${imp.added} added; event loop max lag ${importLag.toFixed(0)} ms` });
    rows.push({ what: '  (library afterwards)', ms: 0, note: `${svc.library.size} stories` });

    // A worker's restart: the library loads, then its matcher and lookup are built in steps before the
    // first match and search (LibraryService.indexed, both at once here); beside it, the same indexes built at once, as
    // the first match and search built them before.
    const restarted = await LibraryService.start([], { dbName: `bench-service-${process.pid}`, now: () => new Date(day) });
    try {
      const probe = { url: 'https://example.com/restart', title: pick(5).title };
      t0 = performance.now();
      const { lagMs: loadLag } = await withLag(() => restarted.ready());
      const loaded = performance.now() - t0;
      rows.push({ what: `restart: ${restarted.library.size.toLocaleString('en-US')} stories loaded from the store`, ms: loaded, note: `event loop max lag ${loadLag.toFixed(0)} ms (a request per ${STORY_BATCH} stories)` });
      t0 = performance.now();
      const { result: [lib], lagMs: stepsLag } = await withLag(() => Promise.all([restarted.indexed('matcher'), restarted.indexed('lookup')]));
      const built = performance.now() - t0;
      const { lagMs: firstLag } = await withLag(async () => {
        lib.match(probe);
        lib.search('storm', 5);
      });
      rows.push({ what: '  then their indexes, in steps', ms: performance.now() - t0, note: `built in ${built.toFixed(0)} ms, event loop max lag ${stepsLag.toFixed(0)} ms; then the first match and search ${firstLag.toFixed(0)} ms` });
      t0 = performance.now();
      const { lagMs: onceLag } = await withLag(async () => {
        const lib = new Library(restarted.library.stories());
        lib.match(probe);
        lib.search('storm', 5);
      });
      rows.push({ what: '  the same built at once (on first use)', ms: performance.now() - t0, note: `event loop max lag ${onceLag.toFixed(0)} ms` });
    } finally {
      restarted.close();
    }
  } finally {
    svc.close();
    server.close();
  }
  return rows;
}

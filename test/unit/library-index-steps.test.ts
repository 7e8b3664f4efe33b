/**
 * The library's matcher and lookup built a story a step (Library.matcherSteps, lookupSteps), as the background does
 * at every start of its worker: the same answers as indexes built at once, with the stories added,
 * replaced or removed while the steps ran; and the service's indexed() lets the event loop run
 * while it builds the one a question needs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

// The background's pause, counted: how often a restarted service lets its messages through.
const pauses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/background/pause', async (original) => {
  const real = await original<typeof import('../../src/background/pause')>();
  return { pause: () => (pauses.count++, real.pause()) };
});
import { Library } from '../../src/core/library';
import { importText } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { exportLibrary } from '../../src/core/library/import';
import { variant } from '../../bench/synth';
import { KAGI_PATH, readText, stepped, UCI_PATH } from './helpers';
import { libraryServices } from './library-service-harness';

const stories = (): Story[] => [...importText(readText(KAGI_PATH), 'kagi.json'), ...importText(readText(UCI_PATH), 'uci.json')];
/** Each story's own headlines as pages: what a reader would open. */
const pages = (lib: readonly Story[]) => lib.flatMap((s) => s.articles.slice(0, 2).map((a) => ({ url: `https://reader.example/${encodeURIComponent(a.title)}`, title: a.title })));
const queries = ['economy', 'Nvidia Groq', 'storm warnings', 'iOS 7.1', 'gas prices', 'ceasefire talks'];

function answers(lib: Library, over: readonly Story[]) {
  return { matches: pages(over).map((p) => lib.match(p)), search: queries.map((q) => lib.search(q, 10).map((r) => r.id)) };
}

describe('Library.matcherSteps and lookupSteps', () => {
  it('builds a story a step, and answers as indexes built at once do', () => {
    const all = stories();
    const lib = new Library(all);
    // A step a story for each: the background pauses between them.
    expect(stepped(lib.matcherSteps()).steps).toBeGreaterThanOrEqual(all.length);
    expect(stepped(lib.lookupSteps()).steps).toBeGreaterThanOrEqual(all.length);
    expect(answers(lib, all)).toEqual(answers(new Library(all), all));
    // Built: nothing more to do.
    expect(stepped(lib.matcherSteps()).steps).toBe(0);
    expect(stepped(lib.lookupSteps()).steps).toBe(0);
  });

  it('stories added, replaced and removed while the steps run are matched and found as they are at the end', () => {
    const all = stories();
    const [first, second, third, ...rest] = all as [Story, Story, Story, ...Story[]];
    const lib = new Library([first, second, ...rest]);
    // Both built at once, interleaved, as a page and a search at a worker's start are.
    const builds = [lib.matcherSteps(), lib.lookupSteps()];
    for (let i = 0; i < 40; i++) for (const b of builds) b.next();
    lib.add(third);
    lib.remove(second.id);
    const renamed = { ...first, title: `${first.title} — renamed`, articles: first.articles.slice(0, 1) };
    lib.add(renamed);
    for (const b of builds) while (!b.next().done);
    const now = [renamed, third, ...rest];
    expect(answers(lib, [...now, second])).toEqual(answers(new Library(now), [...now, second]));
    expect(lib.match(pages([third])[0]!).storyId).toBe(third.id);
  });
});

describe('a restarted LibraryService: ready() and indexed()', () => {
  const { start, wipe } = libraryServices({ now: () => new Date('2026-02-01T12:00:00Z') });
  afterEach(wipe);

  it('after a restart, loads 3,000 stories, then builds the index each question needs, with pauses between steps', async () => {
    const base = stories();
    const many = Array.from({ length: 3_000 }, (_, i) => variant(base[i % base.length] as Story, String(i)));
    await (await start()).import('many.json', exportLibrary(many, []));
    // start() loads the library (ready): it pauses between the stories it takes into memory.
    pauses.count = 0;
    const again = await start();
    expect(pauses.count).toBeGreaterThan(0);
    pauses.count = 0;
    let turns = 0;
    let building = true;
    const ticker = (async () => {
      while (building) {
        await new Promise((r) => setImmediate(r));
        turns++;
      }
    })();
    const lib = await again.indexed('matcher');
    building = false;
    await ticker;
    expect(turns).toBeGreaterThan(1);
    expect(pauses.count).toBeGreaterThan(0);
    const target = many[1_234] as Story;
    expect(lib.match({ url: 'https://reader.example/x', title: target.articles[0]!.title }).storyId).not.toBeNull();
    // A page's match built the matcher only: the lookup is built, in steps of its own, for a search.
    pauses.count = 0;
    expect(await again.indexed('lookup')).toBe(lib);
    expect(pauses.count).toBeGreaterThan(0);
    expect(lib.search(target.title, 5).map((r) => r.id)).toContain(target.id);
    // Once per worker: asked again, both are built.
    pauses.count = 0;
    await Promise.all([again.indexed('matcher'), again.indexed('lookup')]);
    expect(pauses.count).toBe(0);
  });
});

/**
 * `storylens kagi` against a local Kagi News server built from the dev stories over two "days": the
 * second run updates stories in place, keeps the reader's story with a colliding id, writes
 * atomically, and reports one JSON line.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runKagi } from '../../cli/kagi';
import { main, type Io } from '../../cli/main';
import { importJson, importText } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { delisted, devEdition, retitled, storyOnDay, type RawStory } from '../support/kagi-editions';
import { startKagiServer, type KagiServer } from '../support/kagi-server';
import { rawKagiStories } from './helpers';

const raws = rawKagiStories() as unknown as RawStory[];
const day1 = devEdition(raws, 1);
const day2 = devEdition(raws, 2);
let server: KagiServer;
let dir: string;
let file: string;

const io = () => {
  let out = '';
  let err = '';
  const io: Io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  return { io, out: () => out, err: () => err };
};
async function run(args: string[]) {
  const c = io();
  const code = await main(['kagi', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}
const library = (): Story[] => importText(readFileSync(file, 'utf8'), file);
const dayOneId = (i: number) => importJson(storyOnDay(raws[i] as RawStory, i, 1), 'x')[0]!.id;

beforeAll(async () => {
  server = await startKagiServer(day1.files);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'storylens-kagi-'));
  file = join(dir, 'library.json');
  server.publish(day1.files);
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('storylens kagi', () => {
  it('creates the library from day 1, then updates it in place from day 2; the reader’s colliding story survives', async () => {
    const first = await run(['--base', server.base, '--library', file]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ categories: day1.categories.size, stories: raws.length, added: raws.length, updated: 0, unchanged: 0 });
    expect(first.out.trim().split('\n').length).toBe(1);
    expect(library().length).toBe(raws.length);

    // The reader adds their own story under the id of a day-1 story that day 2 keeps listing unchanged.
    const keptIndex = raws.findIndex((_, i) => !retitled(i) && !delisted(i));
    const collidingId = dayOneId(keptIndex);
    const mine: Story = { id: collidingId, title: 'My own notes', articleCount: 0, summary: [], sources: [], timeline: [], articles: [], links: [], perspectives: [] };
    writeFileSync(file, JSON.stringify([...library().filter((s) => s.id !== collidingId), mine]));

    server.publish(day2.files);
    const second = await run(['--base', server.base, '--library', file]);
    expect(second.code).toBe(0);
    const retitledCount = raws.filter((_, i) => retitled(i)).length;
    const listed = raws.filter((_, i) => !delisted(i)).length;
    const line = JSON.parse(second.out) as Record<string, number>;
    // The colliding story is listed again: it is neither the reader's to overwrite nor lost, so the
    // feed's copy comes back beside it under an id of its own.
    expect(line).toEqual({ categories: day2.categories.size, stories: listed, added: 1, updated: retitledCount, unchanged: listed - retitledCount - 1 });

    const after = library();
    expect(after.find((s) => s.id === collidingId)).toEqual(mine);
    expect(after.length).toBe(raws.length + 1);
    for (let i = 0; i < raws.length; i++) {
      if (!retitled(i)) continue;
      const story = after.find((s) => s.id === dayOneId(i));
      expect(story?.title).toBe(storyOnDay(raws[i] as RawStory, i, 2)!.title);
      expect(story?.articles.length).toBe((raws[i]!.articles ?? []).length + 2);
    }
    // Written by rename: no temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.holdings.json']);

    // The same edition again changes nothing.
    const third = await run(['--base', server.base, '--library', file]);
    expect(JSON.parse(third.out)).toMatchObject({ added: 0, updated: 0, unchanged: listed });
  });

  it('fetches only the categories named, case-insensitive; an unknown name writes nothing', async () => {
    const name = [...day1.categories.keys()].find((n) => (day1.categories.get(n) ?? []).length > 0)!;
    const r = await run(['--base', server.base, '--categories', name.toUpperCase(), '--library', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ categories: 1, stories: day1.categories.get(name)!.length });
    const before = readFileSync(file, 'utf8');
    const bad = await run(['--base', server.base, '--categories', 'No Such Category', '--library', file]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no category named "No Such Category"/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("one category's failure is reported and exits 1; the others are merged and written", async () => {
    const names = [...day1.categories.keys()].filter((n) => (day1.categories.get(n) ?? []).length > 0);
    const broken = names[0]!;
    const files = new Map(day1.files);
    files.delete(`${broken.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`);
    server.publish(files);
    const r = await run(['--base', server.base, '--library', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`category "${broken}" not synced`);
    expect(r.err).toMatch(/HTTP 404/);
    expect(library().length).toBe(raws.length - day1.categories.get(broken)!.length);
  });

  it('keeps an unlisted story for the retention period, then drops it (clock injected)', async () => {
    const quiet = io();
    await runKagi(['--base', server.base, '--library', file, '--retention-days', '2'], quiet.io, { now: () => new Date('2025-12-27T13:00:00Z') });
    server.publish(day2.files);
    await runKagi(['--base', server.base, '--library', file, '--retention-days', '2'], quiet.io, { now: () => new Date('2025-12-28T13:00:00Z') });
    const gone = raws.map((_, i) => i).filter(delisted).map(dayOneId);
    expect(gone.length).toBeGreaterThan(0);
    for (const id of gone) expect(library().some((s) => s.id === id)).toBe(true);
    await runKagi(['--base', server.base, '--library', file, '--retention-days', '2'], quiet.io, { now: () => new Date('2025-12-30T13:00:00Z') });
    const ids = new Set(library().map((s) => s.id));
    for (const id of gone) expect(ids.has(id)).toBe(false);
    expect(ids.size).toBe(raws.length - gone.length);
  });

  it('refuses plain http to a host other than localhost, and a missing --library, as usage errors', async () => {
    const r = await run(['--base', 'http://kite.kagi.com/', '--library', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/https/);
    expect((await run(['--base', server.base])).code).toBe(2);
  });

  it('names the file and field of a bad category list', async () => {
    server.publish(new Map([['kite.json', '{"categories":[{"file":"world.json"}]}']]));
    const r = await run(['--base', server.base, '--library', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/kite\.json at \$\.categories\[0\]\.name: missing required field/);
  });
});

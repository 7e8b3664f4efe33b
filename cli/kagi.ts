/**
 * `storylens kagi [--base URL] [--categories NAME,...] [--retention-days N] --library FILE`: the day's
 * Kagi News edition merged into a library file, by the extension's rules (identity across days,
 * ownership, retention: src/core/library). The library file is a canonical story JSON array; who
 * holds each story is kept beside it in FILE.holdings.json (a story the holdings do not name is the
 * reader's, never changed or removed). Both are written atomically (temporary file, then rename),
 * the holdings first: a run cut short leaves at worst stories counted as the reader's. The holdings
 * also keep a hash of each story as written, so a story the reader edits in the file becomes theirs.
 */
import { randomBytes } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { feedFetchText, fetchEditions, KAGI_DEFAULT_BASE, kagiBase, kiteSource, selectCategories } from '../src/core/feeds/kagi-news';
import { LivingLibrary } from '../src/core/library/living';
import { feedOrigin, type Holding, type Origin } from '../src/core/library/ownership';
import { DEFAULT_RETENTION_DAYS, validateRetentionDays } from '../src/core/library/retention';
import { ImportError, jsonPath } from '../src/core/story/errors';
import { decodeText, exportStories, importText, parseJson } from '../src/core/story/import';
import { hash52 } from '../src/core/story/ids';
import { canonicalize, type Story } from '../src/core/story/model';
import { readInput } from './input';
import { terminalText } from './terminal';

export const KAGI_HELP = `storylens kagi [--base URL] [--categories NAME,...] [--retention-days N] --library FILE

Reads kite.json at URL (default ${KAGI_DEFAULT_BASE}; plain http only for localhost), fetches the named
categories (as kite.json names them, case-insensitive; default all) and merges that edition into
FILE, a canonical story JSON array (created if missing): a story seen before is updated in place
(same id, new title, articles and timeline never fewer), a story no category lists any more is kept
N days (default ${DEFAULT_RETENTION_DAYS}), the stories you imported are never changed or removed. Who holds
each story is kept in FILE.holdings.json. Prints one JSON line
{"categories", "stories", "added", "updated", "unchanged"}. Exit 1 when a category failed (the
others are merged and written) or an input is bad; 2 on a usage error.
Stories: Kagi News (https://kite.kagi.com/), CC BY-NC 4.0.
`;

/** A library file holds everything the importers accept; well past one month of full editions. */
const MAX_LIBRARY_BYTES = 512 * 1024 * 1024;

export class KagiUsageError extends Error {}

export interface KagiIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export interface KagiDeps {
  fetch?: typeof fetch;
  now?: () => Date;
}

const HOLDINGS_FORMAT = 'storylens-holdings';
const origin = v.custom<Origin>((x) => typeof x === 'string' && (x === 'builtin' || x === 'import' || x.startsWith('feed:')), 'must be "builtin", "import" or "feed:<url>"');
const iso = v.optional(v.pipe(v.string(), v.check((s) => Number.isFinite(Date.parse(s)), 'must be an ISO date-time')));
const HoldingsFileSchema = v.object({
  format: v.literal(HOLDINGS_FORMAT),
  version: v.literal(1),
  holdings: v.record(v.string(), v.object({ origins: v.array(origin), lastUpdated: iso, unlistedSince: iso, followed: v.optional(v.boolean()), lastSeen: iso, written: v.optional(v.string()) })),
});

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** What the command wrote for a story, as a hash of its canonical JSON: an edit since is the reader's. */
const fingerprint = (s: Story): string => hash52(JSON.stringify(canonicalize(s))).toString(36);

type Recorded = Holding & { written?: string };

async function readHoldings(file: string): Promise<[string, Recorded][]> {
  if (!(await exists(file))) return [];
  const data = parseJson(decodeText(await readInput(file, undefined, MAX_LIBRARY_BYTES), file), file);
  const r = v.safeParse(HoldingsFileSchema, data);
  if (!r.success) {
    const issue = r.issues[0];
    throw new ImportError({ file, path: jsonPath((issue?.path ?? []).map((p) => p.key as string)) }, issue?.message ?? 'not a holdings file');
  }
  return Object.entries(r.output.holdings).map(([id, h]) => [id, Object.fromEntries(Object.entries(h).filter(([, x]) => x !== undefined)) as unknown as Recorded]);
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The library file's stories; an empty array (a library every story has left) is an empty library. */
function readLibrary(bytes: Uint8Array, file: string): Story[] {
  const text = decodeText(bytes, file);
  return text.trim() === '[]' ? [] : importText(text, file);
}

/** The map store the CLI's library lives in. */
class StoryMap {
  private readonly byId = new Map<string, Story>();
  constructor(stories: Iterable<Story>) {
    for (const s of stories) this.byId.set(s.id, s);
  }
  get = (id: string) => this.byId.get(id);
  add = (s: Story) => void this.byId.set(s.id, s);
  remove = (id: string) => this.byId.delete(id);
  stories = () => this.byId.values();
}

/** Where a Kagi category's stories come from, as an origin: the same every day. */
export const kagiOrigin = (base: string, category: string): Origin => feedOrigin(`${base}#${encodeURIComponent(category.toLowerCase())}`);

export async function runKagi(args: string[], io: KagiIo, deps: KagiDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { base: { type: 'string' }, categories: { type: 'string' }, library: { type: 'string' }, 'retention-days': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new KagiUsageError(e instanceof Error ? e.message : String(e));
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(KAGI_HELP);
    return 0;
  }
  if (!values.library) throw new KagiUsageError('kagi needs --library FILE');
  let base: string;
  let retentionDays: number;
  try {
    base = kagiBase(values.base ?? KAGI_DEFAULT_BASE);
    retentionDays = validateRetentionDays(values['retention-days'] === undefined ? DEFAULT_RETENTION_DAYS : Number(values['retention-days']));
  } catch (e) {
    throw new KagiUsageError(e instanceof Error ? e.message : String(e));
  }
  const names = values.categories?.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const now = deps.now ?? (() => new Date());
  const file = values.library;
  const holdingsFile = `${file}.holdings.json`;

  // Everything read and checked before anything is fetched or written.
  const held = (await exists(file)) ? readLibrary(await readInput(file, undefined, MAX_LIBRARY_BYTES), file) : [];
  // A story changed in the file since this command wrote it was edited by the reader: it is theirs.
  const recorded = new Map(await readHoldings(holdingsFile));
  for (const s of held) {
    const h = recorded.get(s.id);
    if (h && h.written !== fingerprint(s)) recorded.set(s.id, { ...h, origins: [...h.origins, 'import'] });
  }
  const library = new LivingLibrary(
    new StoryMap(held),
    [...recorded].map(([id, { written: _w, ...h }]) => [id, h]),
  );

  const source = kiteSource(base, feedFetchText(deps.fetch ?? fetch, now));
  let results;
  try {
    results = await fetchEditions(source, selectCategories(await source.categories(), names));
  } catch (e) {
    // No category list, or a name it does not have: nothing is written.
    io.stderr.write(`storylens: kagi: ${terminalText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  const at = now();
  const counts = { categories: 0, stories: 0, added: 0, updated: 0, unchanged: 0 };
  let failed = 0;
  for (const r of results) {
    if (!r.ok) {
      failed++;
      io.stderr.write(`storylens: kagi: category ${terminalText(JSON.stringify(r.category.name))} not synced: ${terminalText(r.error)}\n`);
      continue;
    }
    const changes = library.applyListing(kagiOrigin(base, r.category.name), r.edition.stories, at);
    counts.categories++;
    counts.stories += r.edition.stories.length;
    counts.added += changes.added;
    counts.updated += changes.updated;
    counts.unchanged += changes.unchanged + changes.heldByReader;
  }
  library.expire(at, retentionDays);

  const stories = [...library.stories.stories()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const written = new Map(stories.map((s) => [s.id, fingerprint(s)]));
  const holdings = Object.fromEntries(
    [...library.holdings.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, h]) => [id, { ...h, written: written.get(id) }]),
  );
  await writeAtomic(holdingsFile, `${JSON.stringify({ format: HOLDINGS_FORMAT, version: 1, holdings }, null, 1)}\n`);
  await writeAtomic(file, exportStories(stories));
  io.stdout.write(`${JSON.stringify(counts)}\n`);
  return failed > 0 ? 1 : 0;
}

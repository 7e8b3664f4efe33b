/**
 * `storylens`: the library's command line. Thin over src/core: it reads files, calls the core and
 * prints. Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { ImportError } from '../src/core/story/errors';
import { exportStories, importBytes } from '../src/core/story/import';
import type { Story } from '../src/core/story/model';
import { matchLines, parsePages } from './match';
import { readInput as readCliInput } from './input';
import { renderStory } from './render';
import { Matcher } from '../src/core/match/matcher';
import { Library } from '../src/core/library';
import { parseQueries, readFactChecks } from './check';
import { decodePage, jsonLine, pageAddress, readHtml } from './page';
import { KagiUsageError, runKagi } from './kagi';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  stdin?: AsyncIterable<Uint8Array | string>;
}

const HELP = `storylens: the whole story behind a news article, from the command line

Usage:
  storylens import FILE...   print the stories in FILE(s) as one JSON array of canonical stories
  storylens show FILE...     print the stories in FILE(s) for reading in a terminal
  storylens match --stories PATH... --pages FILE.jsonl
                             one JSON line per page: {"id", "story", "title", "score",
                             "confidence", "source"}; story is null when no story fits
  storylens claims --stories PATH...
                             the disputed claims of each story: [{"story", "disputes": [{"question",
                             "sides": [{"claimant", "claim", "citations"}]}]}]
  storylens check [--stories PATH...] [--factchecks FILE...] (--text "…" | --queries FILE.jsonl) [--top K]
                             one JSON line per claim: {"id", "verdict", "reason", "difference"?,
                             "missing"?, "evidence", "ranked"}; verdict is disputed, supported,
                             contradicted, fact-checked or not-found; reason says why in one sentence
  storylens page FILE.html [--url URL]
                             the article reader of the extension on a saved page: one JSON line, its
                             metadata {"url", "title", "canonicalUrl"?, "description"?, "siteName"?,
                             "published"?, "modified"?, "author"?, "lang"?, "lead"?}, or null (with
                             the reason on stderr) when it is not an article; exit 0 in both cases.
                             URL is the address the page was at (default: the file's)
  storylens kagi [--base URL] [--categories NAME,...] [--retention-days N] --library FILE
                             merges the day's Kagi News edition into FILE (a story JSON array) and
                             prints {"categories", "stories", "added", "updated", "unchanged"};
                             "storylens kagi --help" says more
  storylens --help           this text
  storylens --version        the version

FILE and PATH are story text (like the built-in reference story), Kagi News story JSON (one story, an array,
or an object with a "clusters" or "stories" array) or canonical story JSON; the format is read from
the content. Use - for standard input. Page lines are {id, url, title, siteName?, published?,
description?, lead?}; query lines are {id, text}; other fields are ignored. Fact-check FILEs are
schema.org ClaimReview JSON-LD, a Google Fact Check Tools API response, or JSONL lines
{id, claim, claimant?, rating?, url?, title?, date?}.

Exit status: 0 on success, 1 when an input is bad (the message names the file and the line or JSON
path), 2 on a usage error.
`;

const VERSION = '0.1.0';

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`storylens: ${e.message}\nRun "storylens --help" for usage.\n`);
      return 2;
    }
    if (e instanceof ImportError) {
      io.stderr.write(`storylens: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`storylens: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'match') return runMatch(argv.slice(1), io);
  if (argv[0] === 'claims') return runClaims(argv.slice(1), io);
  if (argv[0] === 'check') return runCheck(argv.slice(1), io);
  if (argv[0] === 'page') return runPage(argv.slice(1), io);
  if (argv[0] === 'kagi') return runKagiCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (command === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (command !== 'import' && command !== 'show') throw new UsageError(`unknown command "${command}"`);
  if (files.length === 0) throw new UsageError(`${command} needs at least one FILE (or - for standard input)`);

  const stories = await readStories(files, io);
  if (command === 'import') io.stdout.write(exportStories(stories));
  else io.stdout.write(stories.map((s) => renderStory(s, { color: io.stdout.isTTY === true && !process.env.NO_COLOR })).join('\n'));
  return 0;
}

/**
 * Options that take every value up to the next option (`--stories a.json b.txt --pages p.jsonl`).
 * `allowed` maps an option to whether it takes values; `--help` prints the help.
 */
function parseLists(command: string, args: string[], allowed: Record<string, boolean>): Record<string, string[]> | 'help' {
  const lists: Record<string, string[]> = {};
  let current: string | null = null;
  for (const a of args) {
    if (a === '--help' || a === '-h') return 'help';
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!(name in allowed)) throw new UsageError(`unknown option ${a} for ${command}`);
      current = allowed[name] ? name : null;
      lists[name] ??= [];
    } else if (current === null) throw new UsageError(`unexpected argument "${a}" for ${command}`);
    else lists[current]?.push(a);
  }
  return lists;
}

/** `match --stories PATH... --pages FILE`: one JSON line per page. */
async function runMatch(args: string[], io: Io): Promise<number> {
  const lists = parseLists('match', args, { stories: true, pages: true });
  if (lists === 'help') return help(io);
  const stories = lists.stories ?? [];
  const pages = lists.pages ?? [];
  if (stories.length === 0) throw new UsageError('match needs --stories PATH...');
  if (pages.length !== 1) throw new UsageError('match needs exactly one --pages FILE (or - for standard input)');
  const pagesFile = pages[0] as string;
  const library = await readStories(stories, io);
  const pageLines = parsePages(new TextDecoder().decode(await readInput(pagesFile, io)), pagesFile === '-' ? '<stdin>' : pagesFile);
  const matcher = new Matcher(library);
  for (const line of matchLines(matcher, pageLines)) io.stdout.write(`${line}\n`);
  return 0;
}

/** `claims --stories PATH...`: the disputes of every story, as one JSON array. */
async function runClaims(args: string[], io: Io): Promise<number> {
  const lists = parseLists('claims', args, { stories: true });
  if (lists === 'help') return help(io);
  if (!lists.stories?.length) throw new UsageError('claims needs --stories PATH...');
  const library = new Library(await readStories(lists.stories, io));
  const out = library.stories().map((s) => ({ story: s.id, disputes: library.disputes(s) }));
  io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

/** `check [--stories …] [--factchecks …] (--text "…" | --queries FILE) [--top K]`: one JSON line per query. */
async function runCheck(args: string[], io: Io): Promise<number> {
  const lists = parseLists('check', args, { stories: true, factchecks: true, text: true, queries: true, top: true });
  if (lists === 'help') return help(io);
  const text = lists.text?.join(' ');
  const queriesFile = lists.queries?.[0];
  if ((text === undefined) === (queriesFile === undefined)) throw new UsageError('check needs exactly one of --text "…" or --queries FILE.jsonl');
  if (lists.queries && lists.queries.length !== 1) throw new UsageError('check takes one --queries FILE');
  const top = lists.top?.[0] !== undefined ? Number(lists.top[0]) : 5;
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError('--top takes a whole number from 1 to 100');
  if (!lists.stories?.length && !lists.factchecks?.length) throw new UsageError('check needs --stories PATH... and/or --factchecks FILE...');
  const library = new Library(lists.stories?.length ? await readStories(lists.stories, io) : []);
  if (lists.factchecks?.length) library.setFactChecks(await readFactChecks(lists.factchecks, io.stdin));
  const queries = text !== undefined ? [{ id: 'text', text }] : parseQueries(new TextDecoder().decode(await readInput(queriesFile as string, io)), queriesFile === '-' ? '<stdin>' : (queriesFile as string));
  for (const q of queries) {
    const v = library.check(q.text, top);
    io.stdout.write(
      `${JSON.stringify({
        id: q.id,
        verdict: v.verdict,
        reason: v.summary,
        ...(v.difference ? { difference: v.difference } : {}),
        ...(v.missing ? { missing: v.missing } : {}),
        evidence: v.evidence.map((e) => ({ text: e.text, citations: e.citations, story: e.story, outlets: e.outlets })),
        ranked: v.ranked.slice(0, top),
        ...(v.dispute ? { dispute: v.dispute } : {}),
        ...(v.factCheck ? { factCheck: v.factCheck } : {}),
      })}\n`,
    );
  }
  return 0;
}

/** `page FILE.html [--url URL]`: the extension's article reader on one page. */
async function runPage(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (parsed.values.help) return help(io);
  if (parsed.positionals.length !== 1) throw new UsageError('page needs exactly one FILE.html (or - for standard input)');
  const file = parsed.positionals[0] as string;
  const url = parsed.values.url;
  if (url !== undefined && !(URL.canParse(url) && /^https?:$/.test(new URL(url).protocol))) throw new UsageError(`--url takes an http(s) address, not "${url}"`);
  const html = decodePage(await readInput(file, io), file === '-' ? '<stdin>' : file);
  const reading = await readHtml(html, pageAddress(file, url));
  if (reading.meta === null) io.stderr.write(`storylens: not an article: ${reading.reason}\n`);
  io.stdout.write(jsonLine(reading.meta));
  return 0;
}

/** `kagi …`: see cli/kagi.ts; its usage errors are the CLI's. */
async function runKagiCommand(args: string[], io: Io): Promise<number> {
  try {
    return await runKagi(args, io);
  } catch (e) {
    if (e instanceof KagiUsageError) throw new UsageError(e.message);
    throw e;
  }
}

function help(io: Io): number {
  io.stdout.write(HELP);
  return 0;
}

/** Reads every file before printing anything: one bad file means no output at all. */
export async function readStories(files: string[], io: Io): Promise<Story[]> {
  const all: Story[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    const bytes = await readInput(file, io);
    for (const story of importBytes(bytes, file === '-' ? '<stdin>' : file)) {
      const first = origin.get(story.id);
      if (first !== undefined) throw new ImportError({ file }, `story id "${story.id}" is also in ${first}`);
      origin.set(story.id, file);
      all.push(story);
    }
  }
  return all;
}

/** The bytes of one input (a file, or standard input for `-`), within the CLI's size limit. */
function readInput(file: string, io: Io): Promise<Uint8Array> {
  return readCliInput(file, io.stdin);
}

/**
 * `storylens`: the library's command line. Thin over src/core: it reads files, calls the core and
 * prints. Exit codes: 0 success, 1 bad input (message on stderr), 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ImportError } from '../src/core/story/errors';
import { exportStories, importBytes } from '../src/core/story/import';
import type { Story } from '../src/core/story/model';
import { matchLines, parsePages } from './match';
import { renderStory } from './render';
import { Matcher } from '../src/core/match/matcher';

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
  storylens --help           this text
  storylens --version        the version

FILE and PATH are story text (like the built-in reference story), Kagi News story JSON (one story, an array,
or an object with a "clusters" or "stories" array) or canonical story JSON; the format is read from
the content. Use - for standard input. Page lines are {id, url, title, siteName?, published?,
description?, lead?}; other fields are ignored.

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

/** `match --stories PATH... --pages FILE`: options take every value up to the next option. */
async function runMatch(args: string[], io: Io): Promise<number> {
  const lists: Record<string, string[]> = {};
  let current: string | null = null;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout.write(HELP);
      return 0;
    }
    if (a.startsWith('--')) {
      if (a !== '--stories' && a !== '--pages') throw new UsageError(`unknown option ${a} for match`);
      current = a.slice(2);
      lists[current] ??= [];
    } else if (current === null) throw new UsageError(`unexpected argument "${a}" (expected --stories or --pages)`);
    else lists[current]?.push(a);
  }
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

async function readInput(file: string, io: Io): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin ?? process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : code === 'EACCES' ? 'permission denied' : String(e);
    throw new ImportError({ file }, why);
  }
}

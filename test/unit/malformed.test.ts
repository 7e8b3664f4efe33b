import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/story/errors';
import { exportStories, importBytes, importJson, importText } from '../../src/core/story/import';
import { StorySchema, type Story } from '../../src/core/story/model';
import { encode, KAGI_PATH, mulberry32, rawKagiStories, readBytes, readText, REFERENCE_PATH, referenceText } from './helpers';

const ref = referenceText();
const refLines = ref.split('\n');
/** 1-based number of the first line of the reference story that starts with `prefix`. */
const lineOf = (prefix: string): number => {
  const i = refLines.findIndex((l) => l.startsWith(prefix));
  expect(i, prefix).toBeGreaterThanOrEqual(0);
  return i + 1;
};
const kagiText = readText(KAGI_PATH);
const kagi = rawKagiStories();
const canonical = JSON.parse(exportStories(importText(ref, 'ukraine.txt'))) as Story[];
const canon = (patch: (s: Record<string, unknown>) => void): Record<string, unknown> => {
  const s = structuredClone(canonical[0]) as unknown as Record<string, unknown>;
  patch(s);
  return s;
};

interface Expected {
  file: string;
  line?: number;
  path?: string;
  /** What the message must say (what was wrong or expected). */
  says: RegExp[];
}

/** Runs `run`, which must throw an ImportError located and worded as expected. */
function expectImportError(run: () => unknown, want: Expected): ImportError {
  let thrown: unknown;
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    thrown = e;
  }
  expect(result, 'import must not return anything').toBeUndefined();
  expect(thrown).toBeInstanceOf(ImportError);
  const e = thrown as ImportError;
  expect(e.file).toBe(want.file);
  expect(e.message.startsWith(want.file)).toBe(true);
  if (want.line !== undefined) {
    expect(e.line).toBe(want.line);
    expect(e.message).toContain(`${want.file}:${want.line}`);
  }
  if (want.path !== undefined) {
    expect(e.path).toBe(want.path);
    expect(e.message).toContain(`at ${want.path}`);
  }
  for (const re of want.says) expect(e.message).toMatch(re);
  expect(e.message).toContain(e.problem);
  return e;
}

describe('empty and undecodable input', () => {
  it('refuses an empty file', () => {
    expectImportError(() => importBytes(new Uint8Array(), 'empty.txt'), { file: 'empty.txt', line: 1, says: [/empty/, /expected a story/] });
  });

  it('refuses a file of white space only', () => {
    expectImportError(() => importBytes(encode(' \n\t\r\n  \n'), 'blank.txt'), { file: 'blank.txt', line: 1, says: [/empty/, /expected/] });
  });

  it('refuses binary data (a NUL byte), naming its line', () => {
    const bytes = readBytes(REFERENCE_PATH);
    let nl = 0;
    for (let i = 0, seen = 0; i < bytes.length; i++) if (bytes[i] === 10 && ++seen === 4) nl = i;
    bytes[nl + 3] = 0; // on line 5
    expectImportError(() => importBytes(bytes, 'story.bin'), { file: 'story.bin', line: 5, says: [/binary/, /NUL/, /expected UTF-8/] });
  });

  it('refuses invalid UTF-8 (0xC3 0x28), naming its line', () => {
    const before = encode(`${refLines.slice(0, 19).join('\n')}\nab`);
    const bytes = new Uint8Array([...before, 0xc3, 0x28, ...encode(`cd\n${refLines.slice(19).join('\n')}`)]);
    expectImportError(() => importBytes(bytes, 'latin.txt'), { file: 'latin.txt', line: 20, says: [/not valid UTF-8/, /expected UTF-8/] });
  });

  it.each([
    ['at the start of a line', 'line1\nline2\n', `\nline4\n${'z'.repeat(3000)}`],
    ['after ASCII', 'x'.repeat(10), 'y'.repeat(1000)],
    ['after 2-byte characters', '\u00e9'.repeat(40), 'y'.repeat(100)],
  ])('names the exact byte offset and line of invalid UTF-8 %s', (_where, before, after) => {
    const head = encode(before);
    const bytes = new Uint8Array([...head, 0xc3, 0x28, ...encode(after)]);
    const line = before.split('\n').length;
    expectImportError(() => importBytes(bytes, 'bad.txt'), { file: 'bad.txt', line, says: [new RegExp(`byte offset ${head.length}\\)`)] });
  });
});

describe('malformed story text', () => {
  it('refuses a story cut in the middle of the Timeline', () => {
    const cut = ref.indexOf('Jan 30, 2026') + 20;
    const truncated = ref.slice(0, cut);
    expectImportError(() => importText(truncated, 'cut.txt'), {
      file: 'cut.txt',
      line: truncated.split('\n').length,
      says: [/truncated/, /All related articles/, /9 articles/],
    });
  });

  it.each([
    ['an impossible date', 'Jan 32, 2026'],
    ['no date', 'Someday'],
  ])('refuses a timeline line with %s, naming that line', (_what, date) => {
    const bad = ref.replace('Jan 15, 2026 \u2013', `${date} \u2013`);
    expect(bad).not.toBe(ref);
    expectImportError(() => importText(bad, 'dates.txt'), {
      file: 'dates.txt',
      line: lineOf('Jan 15, 2026'),
      says: [/expected a timeline entry/, new RegExp(`found "${date}`)],
    });
  });

  it('refuses a source number with no text', () => {
    const sourceText = lineOf('Newsweek: Trump\u2019s Claimed'); // the line after "1."
    const bad = refLines.filter((_l, i) => i !== sourceText - 1).join('\n');
    expectImportError(() => importText(bad, 'sources.txt'), { file: 'sources.txt', line: sourceText - 1, says: [/source 1 has no text/] });
  });

  it('refuses a last source number with no text', () => {
    const sourceText = lineOf('Newsweek: Trump Says Putin'); // source 8, the last
    const bad = refLines.filter((_l, i) => i !== sourceText - 1).join('\n');
    expectImportError(() => importText(bad, 'sources.txt'), { file: 'sources.txt', line: sourceText - 1, says: [/source 8 has no text/] });
  });

  it('refuses a related-articles list that does not match its count', () => {
    const bad = ref.replace('All related articles (9 articles)', 'All related articles (10 articles)');
    expectImportError(() => importText(bad, 'count.txt'), {
      file: 'count.txt',
      line: lineOf('All related articles'),
      says: [/declares 10 articles/, /lists 9/],
    });
  });

  it('refuses an absurdly long title, naming line 1 and the field', () => {
    const bad = ref.replace(/^.*/, 'Ceasefire '.repeat(300));
    expectImportError(() => importText(bad, 'long.txt'), { file: 'long.txt', line: 1, says: [/title/, /2,000 characters/] });
  });
});

describe('malformed JSON', () => {
  it.each([0.1, 0.37, 0.5, 0.83, 0.999])('refuses JSON truncated at %s of its length, naming the last line', (fraction) => {
    let cut = Math.floor(kagiText.length * fraction);
    while (/\s/.test(kagiText[cut - 1] ?? '')) cut--; // end on a visible character
    const truncated = kagiText.slice(0, cut);
    expectImportError(() => importText(truncated, 'cut.json'), {
      file: 'cut.json',
      line: truncated.split('\n').length,
      says: [/ends too early/, /truncated/],
    });
  });

  it('names the line and column of a syntax error', () => {
    const lines = kagiText.split('\n');
    const at = lines.findIndex((l, i) => i > 1000 && /^\s*"title": ".*",$/.test(l));
    expect(at).toBeGreaterThan(1000);
    const bad = (lines[at] as string).replace(/,$/, ';');
    lines[at] = bad;
    expectImportError(() => importText(lines.join('\n'), 'syntax.json'), {
      file: 'syntax.json',
      line: at + 1,
      says: [new RegExp(`invalid JSON at column ${bad.length}\\b`)],
    });
  });

  it('refuses a title that is a number', () => {
    const bad = canon((s) => (s.title = 5));
    expectImportError(() => importText(JSON.stringify(bad), 'one.json'), { file: 'one.json', path: '$.title', says: [/expected string/, /found 5/] });
    expectImportError(() => importText(JSON.stringify([bad]), 'list.json'), { file: 'list.json', path: '$[0].title', says: [/expected string/] });
  });

  it('refuses a Kagi story whose title is a number', () => {
    const e = expectImportError(() => importText(JSON.stringify([{ ...kagi[0], title: 5 }]), 'kagi.json'), { file: 'kagi.json', says: [/title/, /expected/] });
    expect(['$[0]', '$[0].title']).toContain(e.path);
  });

  it('refuses a canonical story whose timeline is not an array', () => {
    const bad = canon((s) => (s.timeline = 'soon'));
    expectImportError(() => importText(JSON.stringify([bad]), 'c.json'), { file: 'c.json', path: '$[0].timeline', says: [/expected Array/, /"soon"/] });
  });

  it('refuses a negative articleCount', () => {
    const bad = canon((s) => (s.articleCount = -1));
    expectImportError(() => importText(JSON.stringify([bad]), 'c.json'), { file: 'c.json', path: '$[0].articleCount', says: [/articleCount/, /0 or more/] });
  });

  it('refuses a canonical timeline date that is not at its precision', () => {
    const bad = canon((s) => {
      const entry = (s.timeline as { date: string; precision: string }[])[2];
      expect(entry?.precision).toBe('day');
      if (entry) entry.date = '2026-01';
    });
    expectImportError(() => importText(JSON.stringify([bad]), 'c.json'), { file: 'c.json', path: '$[0].timeline[2]', says: [/date must be ISO at its precision/] });
  });

  it('refuses a Kagi list whose item 2 has no title', () => {
    const { title: _title, ...noTitle } = kagi[2] as Record<string, unknown>;
    const e = expectImportError(() => importText(JSON.stringify([kagi[0], kagi[1], noTitle]), 'kagi.json'), { file: 'kagi.json', says: [/title/, /expected/] });
    expect(['$[2]', '$[2].title']).toContain(e.path);
  });

  it.each([
    ['arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['unclosed arrays in a story', `[{"title":"x","articles":${'['.repeat(10_000)}`],
  ])('refuses absurdly deep JSON (10,000 nested %s) without overflowing the stack', (_what, deep) => {
    expectImportError(() => importBytes(encode(deep), 'deep.json'), { file: 'deep.json', line: 1, says: [/nested deeper than \d+ levels/] });
  });

  it('refuses an absurdly long title, naming the field', () => {
    const long = 'x'.repeat(3000);
    expectImportError(() => importText(JSON.stringify([{ ...kagi[0], title: long }]), 'kagi.json'), { file: 'kagi.json', path: '$[0].title', says: [/title/, /longer than 2,000/] });
    const bad = canon((s) => (s.title = long));
    expectImportError(() => importText(JSON.stringify([bad]), 'c.json'), { file: 'c.json', path: '$[0].title', says: [/title/, /longer than 2,000/] });
  });

  it('refuses duplicate story ids in one file', () => {
    const dup = [kagi[0], kagi[1], kagi[0]];
    expectImportError(() => importText(JSON.stringify(dup), 'dup.json'), { file: 'dup.json', path: '$[2].id', says: [/duplicate story id/, new RegExp(kagi[0]?.id ?? 'none'), /\$\[0\]/] });
    expectImportError(() => importText(JSON.stringify([canonical[0], canonical[0]]), 'dup.json'), { file: 'dup.json', path: '$[1].id', says: [/duplicate/] });
  });

  it.each(['42', '"a story"', 'true', 'null'])('refuses a top-level JSON scalar %s', (scalar) => {
    expectImportError(() => importText(scalar, 'scalar.json'), { file: 'scalar.json', line: 1, says: [/expected JSON/] });
  });

  it('refuses a parsed scalar or empty list at the JSON root', () => {
    expectImportError(() => importJson(42, 'n.json'), { file: 'n.json', path: '$', says: [/expected a story object or an array/, /found a number/] });
    expectImportError(() => importJson('story', 'n.json'), { file: 'n.json', path: '$', says: [/found a string/] });
    expectImportError(() => importText('[]', 'n.json'), { file: 'n.json', path: '$', says: [/no stories/] });
  });

  it('never imports half a story list', () => {
    expect(importText(JSON.stringify([kagi[0], kagi[1]]), 'ok.json')).toHaveLength(2);
    const third = { ...kagi[2], articles: 'none' };
    expectImportError(() => importText(JSON.stringify([kagi[0], kagi[1], third]), 'half.json'), { file: 'half.json', path: '$[2].articles', says: [/expected Array/] });
  });
});

describe('fuzz: random mutations never escape as other errors', () => {
  type Mutation = (b: Uint8Array, rnd: () => number) => Uint8Array;
  const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);
  const bytesMutations: Record<string, Mutation> = {
    truncate: (b, rnd) => b.slice(0, int(rnd, b.length)),
    flip: (b, rnd) => {
      const out = b.slice();
      for (let k = 1 + int(rnd, 8); k > 0; k--) out[int(rnd, out.length)] = int(rnd, 256);
      return out;
    },
    insert: (b, rnd) => {
      const at = int(rnd, b.length + 1);
      const extra = Array.from({ length: 1 + int(rnd, 16) }, () => int(rnd, 256));
      return new Uint8Array([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
    },
    lines: (b, rnd) => {
      // Delete, duplicate or swap whole lines: keeps the text valid UTF-8 and reaches the parser.
      const lines = new TextDecoder().decode(b).split('\n');
      for (let k = 1 + int(rnd, 3); k > 0; k--) {
        const i = int(rnd, lines.length);
        const j = int(rnd, lines.length);
        const op = int(rnd, 3);
        if (op === 0) lines.splice(i, 1);
        else if (op === 1) lines.splice(i, 0, lines[j] ?? '');
        else [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
      return encode(lines.join('\n'));
    },
  };

  /** Replaces a random value somewhere in a JSON story with a value of a random type. */
  const jsonValueMutation = (story: unknown, rnd: () => number): Uint8Array => {
    const copy = structuredClone(story) as Record<string, unknown>;
    const replacements: unknown[] = [null, -1, 0, 1.5, 1e300, '', 'x'.repeat(3000), [], {}, [null], { title: 7 }, true, '[a.com#99]', 'Friday'];
    let node: unknown = copy;
    for (let depth = 0; depth < 6; depth++) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const key = keys[int(rnd, keys.length)] as string;
      const child = (node as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object' || rnd() < 0.3) {
        (node as Record<string, unknown>)[key] = replacements[int(rnd, replacements.length)];
        break;
      }
      node = child;
    }
    return encode(JSON.stringify(copy, null, 2));
  };

  function fuzz(name: string, base: Uint8Array, seed: number, extra?: Mutation): { failures: string[]; imported: number; refused: number } {
    const rnd = mulberry32(seed);
    const kinds = Object.entries(bytesMutations);
    if (extra) kinds.push(['value', extra]);
    const failures: string[] = [];
    let imported = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const [kind, mutate] = kinds[int(rnd, kinds.length)] as [string, Mutation];
      const input = mutate(base, rnd);
      try {
        const stories = importBytes(input, name);
        imported++;
        for (const s of stories) {
          const checked = v.safeParse(StorySchema, s);
          if (!checked.success) failures.push(`#${i} ${kind}: returned an invalid story: ${checked.issues[0]?.message}`);
        }
      } catch (e) {
        refused++;
        if (!(e instanceof ImportError)) failures.push(`#${i} ${kind}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        else if (!e.message.startsWith(name)) failures.push(`#${i} ${kind}: message does not name the file: ${e.message}`);
      }
    }
    return { failures, imported, refused };
  }

  it('story text: 300 mutations import valid stories or throw ImportError', () => {
    const { failures, imported, refused } = fuzz('fuzz.txt', readBytes(REFERENCE_PATH), 0x5eed);
    expect(failures).toEqual([]);
    // Both outcomes are exercised, so the run is not vacuous.
    expect(imported).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('Kagi story JSON: 300 mutations import valid stories or throw ImportError', () => {
    const story = kagi.find((s) => s.id === 'kagi-1bb69771f8');
    expect(story).toBeDefined();
    const base = encode(JSON.stringify(story, null, 2));
    const { failures, imported, refused } = fuzz('fuzz.json', base, 0xca91, (_b, rnd) => jsonValueMutation(story, rnd));
    expect(failures).toEqual([]);
    expect(imported).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});

describe('citation numbers and links: the first problem, word for word', () => {
  const messageOf = (patch: (s: Record<string, unknown>) => void): string => {
    try {
      importJson([canon(patch)], 'c.json');
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  const first = <T,>(list: unknown): T => (list as T[])[0] as T;
  const long = `https://example.com/${'a'.repeat(4_100)}`;

  it.each([
    ['a fraction', 0.5, 'c.json at $[0].summary[0].citations[0]: must be a whole number (in a story)'],
    ['a negative fraction', -1.5, 'c.json at $[0].summary[0].citations[0]: must be a whole number (in a story)'],
    ['zero', 0, 'c.json at $[0].summary[0].citations[0]: must be 1 or more (in a story)'],
    ['a string', '1', 'c.json at $[0].summary[0].citations[0]: expected number, found "1" (in a story)'],
    ['not a number', null, 'c.json at $[0].summary[0].citations[0]: expected number, found null (in a story)'],
  ])('a citation that is %s', (_name, value, message) => {
    expect(messageOf((s) => (first<{ citations: unknown[] }>(s.summary).citations = [value, 1]))).toBe(message);
  });

  it.each([
    ['not http(s)', 'ftp://example.com/x', 'c.json at $[0].sources[0].url: url must be an absolute http(s) URL (in a story)'],
    ['no address', 'https://', 'c.json at $[0].sources[0].url: url must be an absolute http(s) URL (in a story)'],
    ['too long', long, 'c.json at $[0].sources[0].url: url is longer than 4,096 characters (in a story)'],
    ['too long and no address', `x${long}`, 'c.json at $[0].sources[0].url: url is longer than 4,096 characters (in a story)'],
    ['a number', 5, 'c.json at $[0].sources[0].url: expected string, found 5 (in a story)'],
  ])('a source link that is %s', (_name, value, message) => {
    expect(messageOf((s) => (first<{ url: unknown }>(s.sources).url = value))).toBe(message);
  });

  it('a source number below 1, and a link counted a fractional number of times', () => {
    expect(messageOf((s) => (first<{ n: unknown }>(s.sources).n = 0))).toBe('c.json at $[0].sources[0].n: n must be 1 or more (in a story)');
    expect(messageOf((s) => (s.links = [{ url: 'https://example.com/a', cited: 1.5 }]))).toMatch(/^c\.json at \$\[0\]\.links\[0\]\.cited: cited /);
  });
});

/**
 * The CLI's boundary with its inputs and the reader's terminal: one input reader with the 64 MiB
 * limit for files and stdin (an endless stdin is refused, not buffered; a big file is refused before
 * it is read), and `show` printing story text with control sequences neutralised and bidi
 * overrides closed off.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readInput } from '../../cli/input';
import { main, type Io } from '../../cli/main';
import { renderStory } from '../../cli/render';
import { terminalText } from '../../cli/terminal';
import { importBytes } from '../../src/core/story/import';
import { readBytes, REFERENCE_PATH } from './helpers';

/** Any control a terminal acts on: C0 but tab and newline, DEL, C1. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the test
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Storylens's own bold and dim. */
// eslint-disable-next-line no-control-regex -- the escapes the renderer writes itself
const OWN_STYLE = /\u001b\[(?:1|2|22)m/g;

const dir = mkdtempSync(path.join(tmpdir(), 'storylens-cli-boundary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], stdin?: AsyncIterable<Uint8Array | string>) {
  let out = '';
  let err = '';
  const io: Io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdin };
  const code = await main(args, io);
  return { code, out, err };
}

/** A stdin that never ends, counting what was taken from it. */
function endless(chunkBytes = 1 << 20) {
  const state = { taken: 0 };
  const chunk = new Uint8Array(chunkBytes).fill(0x61);
  return {
    state,
    source: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          state.taken += chunk.byteLength;
          yield chunk;
        }
      },
    } as AsyncIterable<Uint8Array>,
  };
}

describe('the CLI input reader', () => {
  it('an endless stdin is refused once past 64 MiB, having read no more than the limit and one chunk', async () => {
    const { state, source } = endless();
    await expect(readInput('-', source)).rejects.toThrow(/<stdin>.*larger than 64 MiB/);
    expect(state.taken).toBeLessThanOrEqual(MAX_INPUT_BYTES + (1 << 20));
  });

  it('`import -` on an endless stdin exits 1 with a message naming <stdin>', async () => {
    const { source } = endless();
    const r = await run(['import', '-'], source);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^storylens: <stdin>.*larger than 64 MiB/);
    expect(r.out).toBe('');
  });

  it('a file past the limit is refused by its size, before it is read (a sparse 2 GB file)', async () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 2 * 1024 * 1024 * 1024);
    const r = await run(['import', big]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(big);
    expect(r.err).toMatch(/larger than 64 MiB/);
  });

  it('a small limit applies the same way to files and to stdin', async () => {
    const f = path.join(dir, 'small.txt');
    writeFileSync(f, 'x'.repeat(100));
    await expect(readInput(f, undefined, 99)).rejects.toThrow(/small\.txt.*larger than/);
    expect((await readInput(f, undefined, 100)).byteLength).toBe(100);
    const chunks = async function* () {
      yield 'x'.repeat(60);
      yield new TextEncoder().encode('y'.repeat(40));
    };
    expect((await readInput('-', chunks(), 100)).byteLength).toBe(100);
    await expect(readInput('-', chunks(), 99)).rejects.toThrow(/<stdin>/);
  });

  it('missing files and directories are named in the error', async () => {
    await expect(readInput(path.join(dir, 'nope.json'))).rejects.toThrow(/nope\.json.*no such file/);
    await expect(readInput(dir)).rejects.toThrow(/is a directory/);
  });

  it('fact-check files go through the same reader and decoding (invalid UTF-8 is refused, not replaced)', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]));
    const r = await run(['check', '--factchecks', bad, '--text', 'anything']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.jsonl.*not valid UTF-8/);
  });
});

describe('terminal text', () => {
  it('C0, DEL and C1 controls become U+FFFD; tab and newline stay', () => {
    expect(terminalText('a\u001b[2Kb\u0007c\u007fd\u009be\tf\ng')).toBe('a\ufffd[2Kb\ufffdc\ufffdd\ufffde\tf\ng');
  });

  it('OSC 8 hyperlinks and window-title sequences are inert', () => {
    const osc8 = '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\';
    const title = '\u001b]0;pwned\u0007';
    for (const s of [osc8, title]) {
      const safe = terminalText(s);
      expect(safe).not.toMatch(CONTROL);
    }
  });

  it('bidi overrides and isolates are closed at the end of the string; stray closes are dropped', () => {
    expect(terminalText('Title \u202egnp.exe')).toBe('Title \u202egnp.exe\u202c');
    expect(terminalText('\u2067abc')).toBe('\u2067abc\u2069');
    expect(terminalText('\u2066a\u202eb\u2069c')).toBe('\u2066a\u202eb\u202c\u2069c');
    expect(terminalText('a\u202c\u2069b')).toBe('ab');
    expect(terminalText('plain text, no controls')).toBe('plain text, no controls');
  });

  it('`show` neutralises every story field: no ESC, BEL or C1 reaches the terminal, and an RLO is closed on its line', () => {
    const [story] = importBytes(readBytes(REFERENCE_PATH), REFERENCE_PATH);
    const hostile = structuredClone(story!);
    hostile.title = `Title\u001b]0;pwned\u0007 \u202eevil`;
    hostile.sources[0]!.outlet = '\u001b[2KOutlet';
    hostile.sources[0]!.title = '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\';
    hostile.timeline[0]!.text = 'Entry \u009b31m red';
    hostile.summary[0]!.sentences[0]!.text = 'Sentence \u202e reversed';
    const plain = renderStory(hostile, { color: false });
    expect(plain).not.toMatch(CONTROL);
    for (const line of plain.split('\n')) {
      const opens = [...line].filter((c) => c === '\u202e').length;
      const closes = [...line].filter((c) => c === '\u202c').length;
      expect(closes, line).toBe(opens);
    }
    // With colour on, the only escapes are Storylens's own bold and dim.
    const coloured = renderStory(hostile, { color: true });
    expect(coloured.replace(OWN_STYLE, '')).not.toMatch(CONTROL);
  });
});

/**
 * `storylens page FILE.html [--url URL]`: the content script's reader from the command line. One
 * JSON line (the PageMeta, or null with the reason on stderr), exit 0 either way; 1 on unreadable
 * input, 2 on a usage error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../cli/main';
import { jsonLine } from '../../cli/page';
import type { PageMeta } from '../../src/core/match/page';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pages/reader');
const tmp = mkdtempSync(path.join(tmpdir(), 'storylens-page-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  };
  if (stdin !== undefined)
    io.stdin = (async function* () {
      yield Buffer.from(stdin);
    })();
  const code = await main(args, io);
  return { code, out, err };
}

const fixture = (name: string) => path.join(FIXTURES, `${name}.html`);

describe('storylens page', () => {
  it('prints the PageMeta of an article as one JSON line, at the file’s address by default', async () => {
    const r = await run(['page', fixture('cdata-json-ld')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.endsWith('\n')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const meta = JSON.parse(r.out) as PageMeta;
    expect(meta).toMatchObject({ url: pathToFileURL(fixture('cdata-json-ld')).href, title: 'Bridge reopens after repairs', author: 'Dee Hall', published: '2023-11-20T10:00:00+01:00' });
  });

  it('prints null and the reason on stderr for a page that is not an article, and exits 0', async () => {
    const r = await run(['page', fixture('no-structured-data-docs')]);
    expect(r).toMatchObject({ code: 0, out: 'null\n' });
    expect(r.err).toMatch(/not an article: .*no byline and no publication date/);
  });

  it('--url is the address the page was at: a section address turns a date-less article tag into a front', async () => {
    const file = fixture('section-tagged-article');
    expect(JSON.parse((await run(['page', file])).out)).not.toBeNull();
    const r = await run(['page', file, '--url', 'https://news.example.com/world-news']);
    expect(r).toMatchObject({ code: 0, out: 'null\n' });
    const at = JSON.parse((await run(['page', fixture('og-type-capitalised'), '--url', 'https://news.example.com/2024/05/02/town-plan#top'])).out) as PageMeta;
    expect(at.url).toBe('https://news.example.com/2024/05/02/town-plan');
  });

  it('reads standard input for -', async () => {
    const r = await run(['page', '-'], readFileSync(fixture('social-media-posting'), 'utf8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ title: 'Notes from the trail', url: 'file:///dev/stdin' });
  });

  it('decodes a page in its declared charset when it is not UTF-8', async () => {
    const html = '<html><head><meta charset="windows-1252"><title>Caf\u00e9 reopens</title><meta property="og:type" content="article"><meta property="og:title" content="Caf\u00e9 reopens"></head><body><h1>Caf\u00e9 reopens</h1></body></html>';
    const file = path.join(tmp, 'latin.html');
    writeFileSync(file, Buffer.from(html, 'latin1'));
    expect(JSON.parse((await run(['page', file])).out)).toMatchObject({ title: 'Caf\u00e9 reopens' });
  });

  it('exits 1 on unreadable input: no file, a directory, an empty or a binary file', async () => {
    const empty = path.join(tmp, 'empty.html');
    writeFileSync(empty, '');
    const binary = path.join(tmp, 'binary.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]));
    for (const [file, why] of [
      [path.join(tmp, 'missing.html'), 'no such file'],
      [tmp, 'is a directory'],
      [empty, 'is empty'],
      [binary, 'is binary'],
    ] as const) {
      const r = await run(['page', file]);
      expect(r, file).toMatchObject({ code: 1, out: '' });
      expect(r.err).toContain(why);
    }
  });

  it('exits 2 on a usage error', async () => {
    for (const args of [['page'], ['page', 'a.html', 'b.html'], ['page', 'a.html', '--url', 'javascript:alert(1)'], ['page', 'a.html', '--url'], ['page', 'a.html', '--nope']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
    }
  });

  it('never writes a terminal control character: C1 controls and separators are escaped too', async () => {
    const title = 'Bad \u009b31m title \u001b[2J with \u2028 separators';
    const html = `<html><head><meta property="og:type" content="article"><meta property="og:title" content="${title}"></head><body></body></html>`;
    const r = await run(['page', '-'], html);
    // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
    expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect((JSON.parse(r.out) as PageMeta).title).toBe(title);
    expect(jsonLine({ a: '\u0085' })).toBe('{"a":"\\u0085"}\n');
  });
});

#!/usr/bin/env node
// Saves an outlet page as a fixture for the content script's article reader, and writes what the
// reader gets from it today, for a human to review.
//
// Usage:
//   npm run fixture:add -- <outlet-id> <slug> <url> [file.html|-] [--force]
//   node scripts/add-fixture.mjs <outlet-id> <slug> <url> [file.html|-] [--force]
//
//   outlet-id  an id from src/core/outlets/registry.ts (cnn, ap, bbc, guardian, …); the url's host
//              must be one of that outlet's domains
//   slug       the fixture's folder name, lower-case words joined by "-"
//   url        the address the page was saved from (https); the page is read as if shown there
//   file.html  the saved page; "-" or nothing reads it from standard input. Nothing is fetched.
//   --force    overwrite an existing fixture
//
// Writes test/fixtures/outlets/<outlet-id>/<slug>/page.html (the HTML as given) and expected.json
// ({ "url": …, "expected": PageMeta or null }), then prints them. expected.json is what
// src/content/extract.ts reads off the page now, not what it should read: check every field against
// the page (and set "expected" to null for a front or section page) before committing.
// test/unit/extract.test.ts runs every fixture. Keep pages small: trim long scripts, inline styles
// and repeated blocks before saving, and invent the article text rather than copy a real one.
//
// Example:
//   node scripts/add-fixture.mjs cnn ukraine-pause https://edition.cnn.com/2026/01/30/europe/x ~/saved.html
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { tsImport } from 'tsx/esm/api';
import * as v from 'valibot';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.join(REPO, 'test/fixtures/outlets');
const USAGE = 'usage: node scripts/add-fixture.mjs <outlet-id> <slug> <url> [file.html|-] [--force]';

function fail(msg) {
  console.error(`add-fixture: ${msg}`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const force = args.includes('--force');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--force');
if (unknown.length) fail(`unknown option ${unknown.join(' ')}\n${USAGE}`);
const positional = args.filter((a) => a !== '--force');
if (positional.length < 3 || positional.length > 4) fail(USAGE);
const [outletId, slug, rawUrl, source = '-'] = positional;

const { OUTLETS, outletByHost } = await tsImport('../src/core/outlets/registry.ts', import.meta.url);
const { readArticle } = await tsImport('../src/content/extract.ts', import.meta.url);
const { PageMetaSchema } = await tsImport('../src/core/match/page.ts', import.meta.url);

if (!OUTLETS.some((o) => o.id === outletId)) fail(`"${outletId}" is not an outlet id in src/core/outlets/registry.ts`);
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail(`slug "${slug}" must be lower-case words joined by "-"`);
let url;
try {
  url = new URL(rawUrl);
} catch {
  fail(`"${rawUrl}" is not a URL`);
}
if (url.protocol !== 'https:') fail(`${url.href}: the content script only runs on https pages`);
const hostOutlet = outletByHost(url.hostname);
if (hostOutlet?.id !== outletId) fail(`${url.hostname} belongs to ${hostOutlet ? `"${hostOutlet.id}"` : 'no outlet in the registry'}, not "${outletId}"`);

const dir = path.join(ROOT, outletId, slug);
const pageFile = path.join(dir, 'page.html');
const expectedFile = path.join(dir, 'expected.json');
if (!force && (existsSync(pageFile) || existsSync(expectedFile))) fail(`${path.relative(REPO, dir)} already exists; pass --force to overwrite it`);

async function readStdin() {
  if (process.stdin.isTTY) fail(`no file given and standard input is a terminal\n${USAGE}`);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
function readSource(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
const html = source === '-' ? await readStdin() : readSource(source);
if (!html.trim()) fail('the page is empty');

const window = new Window({
  url: url.href,
  settings: {
    disableJavaScriptFileLoading: true,
    disableIframePageLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
    navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
  },
});
let expected;
try {
  window.document.write(html);
  expected = readArticle(window.document, { href: url.href, hostname: url.hostname, pathname: url.pathname });
} finally {
  await window.happyDOM.close();
}

mkdirSync(dir, { recursive: true });
writeFileSync(pageFile, html);
const json = `${JSON.stringify({ url: url.href, expected }, null, 2)}\n`;
writeFileSync(expectedFile, json);

console.log(`wrote ${path.relative(REPO, pageFile)} (${Buffer.byteLength(html)} bytes)`);
console.log(`wrote ${path.relative(REPO, expectedFile)}:`);
console.log(json);
if (expected === null) console.log('The reader says: not an article. If this is an article page, that is a bug to look into.');
else {
  const parsed = v.safeParse(PageMetaSchema, expected);
  if (!parsed.success) console.warn(`warning: the result fails PageMetaSchema: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ')}`);
  console.log('Check every field against the page before committing; edit expected.json where the reader is wrong.');
}
if (Buffer.byteLength(html) > 50_000) console.warn('warning: the page is over 50 KB; trim scripts, styles and repeated blocks to keep fixtures small.');

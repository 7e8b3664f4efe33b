/**
 * npm run bench:content — the content script's cost to a page, in real Chromium: main-thread time of
 * its own code (sampled by the V8 profiler at 50 µs, functions from the extension's content script)
 * on a fixture article and on a front page, over repeated loads, beside Mozilla Readability (the
 * reader-view library) parsing the same article in the page, as the peer. Also its size, gzipped.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/chromium';
import { pageUrl, startFixtureServer } from '../test/e2e/server';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist/chrome');
const RUNS = 15;

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}

function ownTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, prefix: string): number {
  const ours = new Set(profile.nodes.filter((n) => n.callFrame.url.startsWith(prefix)).map((n) => n.id));
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (ours.has(id)) us += profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  });
  return us / 1000;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function main() {
  const server = await startFixtureServer();
  const session = await launchChromium({ extensionDir: DIST, server });
  const prefix = `chrome-extension://${session.extensionId}/src/content/`;
  const readability = readFileSync(resolve(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
  const results: Record<string, { storylens: number[]; readability: number[] }> = {};
  try {
    for (const name of ['bbcArticle', 'cnnHome'] as const) {
      results[name] = { storylens: [], readability: [] };
      for (let i = 0; i < RUNS; i++) {
        const page = await session.context.newPage();
        const cdp = await session.context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        await cdp.send('Profiler.start');
        await page.goto(pageUrl(name, server.port), { waitUntil: 'load' });
        await page.waitForTimeout(400); // document_idle, the message round trip
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
        results[name].storylens.push(ownTime(profile, prefix));
        // The peer: Readability parsing a clone of the same document, timed in the page.
        const ms = await page.evaluate(`(() => { ${readability}; const t0 = performance.now(); new Readability(document.cloneNode(true)).parse(); return performance.now() - t0; })()`);
        results[name].readability.push(ms as number);
        await cdp.detach();
        await page.close();
      }
    }
  } finally {
    await session.close();
    await server.close();
  }
  const size = readFileSync(resolve(DIST, 'src/content/index.js'));
  const lines = [`Content script in Chromium (${RUNS} loads each; main-thread ms of its own code, sampled at 50 µs)`];
  lines.push(`  ${'page'.padEnd(14)} ${'Storylens p50'.padStart(14)} ${'p95'.padStart(7)} ${'Readability p50 (peer)'.padStart(23)} ${'ratio'.padStart(7)}`);
  for (const [name, r] of Object.entries(results)) {
    const s50 = pct(r.storylens, 0.5);
    const r50 = pct(r.readability, 0.5);
    lines.push(`  ${name.padEnd(14)} ${s50.toFixed(2).padStart(14)} ${pct(r.storylens, 0.95).toFixed(2).padStart(7)} ${r50.toFixed(2).padStart(23)} ${(r50 / Math.max(s50, 0.01)).toFixed(1).padStart(6)}×`);
  }
  lines.push(`  size: ${size.length} B, ${gzipSync(size).length} B gzipped (target < 5 KB); target < 2 ms of main-thread work on an article`);
  console.log(lines.join('\n'));
  mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
  writeFileSync(resolve(ROOT, 'artifacts/bench/content.json'), JSON.stringify({ results, bytes: size.length, gzip: gzipSync(size).length }, null, 2));
}

await main();

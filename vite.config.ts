/**
 * One source, two browsers. `--mode chrome` builds dist/chrome (MV3 service worker); `--mode firefox`
 * builds dist/firefox (MV3 background scripts, gecko id). `--mode e2e-firefox` is the Firefox build
 * with test hooks (see __STORYLENS_E2E__), used only by the end-to-end tests.
 *
 * The reference story is parsed and validated here, at build time, and bundled as the built-in
 * library (virtual:storylens/builtin): a broken story fails the build, not the reader's browser.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import { contentScriptMatches } from './src/core/outlets/registry';
import { importBytes } from './src/core/story/import';

const BUILTIN_FILE = 'data/ukraine-ceasefire-2026-02.txt';
const GECKO_ID = 'storylens@storylens.app';

function builtinLibrary(): Plugin {
  const id = 'virtual:storylens/builtin';
  return {
    name: 'storylens-builtin-library',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(loaded) {
      if (loaded !== `\0${id}`) return null;
      const path = resolve(__dirname, BUILTIN_FILE);
      this.addWatchFile(path);
      const stories = importBytes(readFileSync(path), BUILTIN_FILE);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(stories))});`;
    },
  };
}

/**
 * The verdict card is injected with scripting.executeScript, which needs no web-accessible resource;
 * crxjs declares one for every `?script` import anyway, and that would let any page probe for the
 * extension. This removes that entry (and the unused module copy of the card) after the build.
 */
function keepCardPrivate(outDir: string): Plugin {
  return {
    name: 'storylens-card-not-web-accessible',
    apply: 'build',
    enforce: 'post',
    writeBundle() {
      const file = resolve(__dirname, outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      const war = (manifest.web_accessible_resources ?? []).filter((w) => !w.resources.every((r) => r.includes('card')));
      if (war.length) manifest.web_accessible_resources = war;
      else delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      const assets = resolve(__dirname, outDir, 'assets');
      for (const f of readdirSync(assets)) if (/^card\.ts-.*\.js$/.test(f)) rmSync(resolve(assets, f));
    },
  };
}

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  const base = JSON.parse(readFileSync(resolve(__dirname, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
    background: { service_worker: string; type: string };
    content_scripts: { matches: string[] }[];
  };
  const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
  const manifest: Record<string, unknown> = {
    ...base,
    version: pkg.version,
    content_scripts: base.content_scripts.map((c) => ({ ...c, matches: contentScriptMatches() })),
    // The same hosts: the background takes a page's address from the browser (sender.tab.url, which
    // Chrome gives only for hosts the extension may access; after a single-page site's pushState it
    // keeps the frame's first address in sender.url), never from the page. The background does not
    // watch tabs (no tabs.onUpdated) and fetches nothing from these hosts.
    host_permissions: contentScriptMatches(),
  };
  if (browser === 'firefox') {
    manifest.background = { scripts: [base.background.service_worker], type: base.background.type };
    manifest.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const e2e = mode.startsWith('e2e-');
  const browser = mode.endsWith('firefox') ? 'firefox' : 'chrome';
  if (!['chrome', 'firefox', 'e2e-firefox', 'e2e-chrome'].includes(mode)) {
    throw new Error(`unknown build mode "${mode}": use --mode chrome, firefox, e2e-chrome or e2e-firefox`);
  }
  return {
    plugins: [builtinLibrary(), crx({ manifest: manifestFor(browser), browser, contentScripts: { standaloneFiles: ['src/content/index.ts'] } }), keepCardPrivate(`dist/${mode}`)],
    define: { __STORYLENS_E2E__: JSON.stringify(e2e) },
    build: {
      outDir: `dist/${mode}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      minify: true,
      sourcemap: false,
      reportCompressedSize: true,
    },
    server: { cors: { origin: [/chrome-extension:\/\//] } },
  };
});

/**
 * Hardening, in Chromium: what a hostile page can do to Storylens. The BBC fixture (matched to the
 * reference story) gets hostile scripts in its main world, the page's own world, through Playwright:
 *
 * - a page that defines a `storylens-card` custom element (and every other name it might guess)
 *   whose constructor calls attachInternals(), the way a page would reach a closed shadow root
 *   through ElementInternals.shadowRoot;
 * - a page that watches every mutation and tries to read and rewrite what is added.
 *
 * Neither can read the card's text nor change its badge: the card is read over CDP, which pierces
 * closed shadow roots, after the page has tried.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CdpClient } from './cdp';
import { openArticleTab, type ArticleTab } from './article-tab';
import { closeTab, openOptionsPage, openTab, pageOf, popupUrl, sendFromPage, type ChromeSession, type Tab } from './chromium';
import { importLibraryBytes } from '../../src/core/library/import';
import { importText } from '../../src/core/story/import';
import { REFERENCE_PATH } from '../unit/helpers';
import { REFERENCE_STORY } from './badge';
import { pushStateFlood } from './flood';
import { artifactPath, makeTempDir, poll, removeDir } from './env';
import { chromiumSuite } from './harness';
import { pageUrl } from './server';

const CLAIM = 'Putin agreed to a one-week pause on strikes against Kyiv';

interface DomNode {
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}
function* walk(n: DomNode): Generator<DomNode> {
  yield n;
  for (const c of n.children ?? []) yield* walk(c);
  for (const r of n.shadowRoots ?? []) yield* walk(r);
}
const textOf = (n: DomNode): string => [...walk(n)].filter((x) => x.nodeType === 3).map((x) => x.nodeValue ?? '').join('');
const hasClass = (n: DomNode, cls: string) => {
  const a = n.attributes ?? [];
  const i = a.indexOf('class');
  return i >= 0 && i % 2 === 0 && (a[i + 1] ?? '').split(/\s+/).includes(cls);
};

/** The card's badge and whole text as CDP sees them (piercing the closed shadow root), or null. */
async function readCard(cdp: CdpClient): Promise<{ badge: string; text: string; hostName: string } | null> {
  const { root } = await cdp.send<{ root: DomNode }>('DOM.getDocument', { depth: -1, pierce: true });
  const host = [...walk(root)].find((n) => (n.attributes ?? []).includes('data-storylens-card'));
  if (!host) return null;
  const badge = [...walk(host)].find((n) => hasClass(n, 'badge'));
  return { badge: badge ? textOf(badge) : '', text: textOf(host), hostName: host.nodeName };
}

/** The hostile page: custom elements under every name it might guess, and a mutation observer. */
function installHostilePage(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { hostile: { constructed: number; roots: number; seen: string[]; rewrites: number } };
    w.hostile = { constructed: 0, roots: 0, seen: [], rewrites: 0 };
    const steal = (root: ShadowRoot | null | undefined) => {
      if (!root) return;
      w.hostile.roots++;
      w.hostile.seen.push(root.textContent ?? '');
      root.querySelectorAll('.badge').forEach((b) => {
        b.textContent = 'SUPPORTED';
        w.hostile.rewrites++;
      });
    };
    for (const name of ['storylens-card', 'storylens-verdict', 'storylens-root', 'sl-card']) {
      customElements.define(
        name,
        class extends HTMLElement {
          internals: ElementInternals;
          constructor() {
            super();
            w.hostile.constructed++;
            this.internals = this.attachInternals();
            queueMicrotask(() => steal(this.internals.shadowRoot));
            setTimeout(() => steal(this.internals.shadowRoot), 50);
          }
        },
      );
    }
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof HTMLElement)) continue;
          w.hostile.seen.push(n.innerText, n.textContent ?? '');
          steal(n.shadowRoot);
          // A page may try to take the root over after the fact.
          try {
            steal(n.attachShadow({ mode: 'open' }));
          } catch {
            // The host already has a shadow root.
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

const checkClaim = (s: ChromeSession, tab: Tab, text: string) =>
  s.worker.evaluate(
    ([tabId, t]) => (globalThis as unknown as { storylens: { checkClaimInTab(id: number, t: string): Promise<{ verdict: string }> } }).storylens.checkClaimInTab(tabId, t),
    [tab.id, text] as const,
  );

describe('Chromium: a hostile page cannot read or rewrite the verdict card', () => {
  let bbc: ArticleTab | undefined;
  const suite = chromiumSuite({ tearDown: async () => bbc?.cdp.close() });

  async function bbcTab(s: ChromeSession) {
    bbc ??= await openArticleTab(s, pageUrl('bbcArticle'), REFERENCE_STORY, 'the BBC tab');
    return bbc;
  }

  it('custom elements with attachInternals() and a mutation observer: the card stays closed and its badge unchanged', async () => {
    const s = suite.session();
    const { tab, page, cdp } = await bbcTab(s);
    await page.bringToFront();
    await installHostilePage(page);
    expect((await checkClaim(s, tab, CLAIM)).verdict).toBe('disputed');

    const card = await poll(() => readCard(cdp), (c) => c !== null && c.badge !== '', 'the verdict card in the page');
    expect(card!.hostName).toBe('DIV');
    expect(card!.text).toContain('Did Putin agree');
    // Give the hostile timers their turn, then read again.
    await page.waitForTimeout(300);
    const hostile = await page.evaluate(() => (window as unknown as { hostile: { constructed: number; roots: number; seen: string[]; rewrites: number } }).hostile);
    expect(hostile.constructed).toBe(0);
    expect(hostile.roots).toBe(0);
    expect(hostile.rewrites).toBe(0);
    expect(hostile.seen.length).toBeGreaterThan(0); // the observer did see the host being added
    for (const seen of hostile.seen) {
      expect(seen).not.toContain('Disputed');
      expect(seen).not.toContain('Did Putin agree');
    }
    // Whatever the page queries, the card's words are not in its DOM.
    const visible = await page.evaluate(() => [document.documentElement.innerText, document.documentElement.textContent ?? '', document.querySelector('[data-storylens-card]')?.shadowRoot === null]);
    expect(visible[0]).not.toContain('Did Putin agree');
    expect(visible[1]).not.toContain('Did Putin agree');
    expect(visible[2]).toBe(true);
    expect((await readCard(cdp))!.badge).toBe('Disputed');

    await page.keyboard.press('Escape');
    await poll(() => page.evaluate(() => document.querySelectorAll('[data-storylens-card]').length), (n) => n === 0, 'Esc to close the card');
  });

  it('the card scrolls into view, a click outside closes it, and Esc gives focus back to where it was', async () => {
    const s = suite.session();
    const { tab, page, cdp } = await bbcTab(s);
    await page.bringToFront();
    // A selection near the bottom of the window: the card below it would start out of view.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'reader-was-here';
      b.textContent = 'reader';
      document.body.append(b);
      const sink = document.createElement('p');
      sink.id = 'far-down';
      sink.textContent = 'A sentence near the end of a long page.';
      sink.style.marginTop = '3000px';
      document.body.append(sink);
      window.scrollTo(0, 0);
      const range = document.createRange();
      range.selectNodeContents(sink);
      const rect = sink.getBoundingClientRect();
      window.scrollTo(0, rect.top + window.scrollY - window.innerHeight + rect.height + 4);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      b.focus({ preventScroll: true });
    });
    await checkClaim(s, tab, CLAIM);
    await poll(() => readCard(cdp), (c) => c !== null && c.badge !== '', 'the verdict card');
    const inView = await poll(
      () => page.evaluate(() => {
        const r = document.querySelector('[data-storylens-card]')!.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight && r.height > 0;
      }),
      (v) => v,
      'the card to be scrolled into view',
    );
    expect(inView).toBe(true);

    // Esc: the card goes and focus returns to the button the reader was on.
    await page.keyboard.press('Escape');
    await poll(() => page.evaluate(() => document.querySelectorAll('[data-storylens-card]').length), (n) => n === 0, 'Esc to close the card');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reader-was-here');

    // A click outside the card closes it too.
    await checkClaim(s, tab, CLAIM);
    await poll(() => readCard(cdp), (c) => c !== null && c.badge !== '', 'the verdict card again');
    await page.mouse.click(2, 2);
    await poll(() => page.evaluate(() => document.querySelectorAll('[data-storylens-card]').length), (n) => n === 0, 'a click outside to close the card');
  });

  // The worker's answer time under a flood is measured by `npm run bench:library`; here, what must hold.
  it('a page flooding pushState: the worker gets no URL-change events, answers every ping, and the last address is read', { timeout: 120_000 }, async () => {
    const s = suite.session();
    // The background does not listen to tabs' address changes at all: the content script notices them.
    expect(await s.worker.evaluate(() => chrome.tabs.onUpdated.hasListeners())).toBe(false);
    const url = pageUrl('bbcArticle');
    const tab = await openTab(s, `${url}?flood=start`);
    const page = await pageOf(s, `${url}?flood=start`);
    const options = await openOptionsPage(s);
    try {
      await page.bringToFront();
      const flood = await pushStateFlood(page, options, 1_000);
      expect(flood.pings.sent).toBeGreaterThan(0);
      expect(flood.pings.answered).toBe(flood.pings.sent);
      expect(flood.lastUrl).toBe(`${url}?flood=999`);
      // The content script read the page again at the address where the flood stopped.
      await poll(
        () => s.worker.evaluate(async (id) => ((await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { url?: string } | undefined)?.url ?? '', tab.id),
        (u) => u === `${url}?flood=999`,
        'the re-read of the last address',
      );
    } finally {
      await options.close();
      await closeTab(s, tab);
    }
  });
});

describe('Chromium: the options page imports a file larger than one message may be', () => {
  const suite = chromiumSuite();

  it('a 34 MB library file imports (sent in parts, Chrome refuses one message over 64 MiB); a file with a byte that is not UTF-8 gets the CLI’s error', { timeout: 600_000 }, async () => {
    const s = suite.session();
    const [reference] = importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH);
    // Copies of the reference story under their own ids: its dashes and quotes are non-ASCII, which
    // JSON inside a message would escape to six bytes each.
    const one = JSON.stringify({ ...reference!, id: 'big-0', title: `${reference!.title} (0)` });
    const n = Math.ceil(34e6 / one.length);
    const stories = Array.from({ length: n }, (_, i) => ({ ...reference!, id: `big-${i}`, title: `${reference!.title} (${i})` }));
    const file = Buffer.from(JSON.stringify(stories));
    expect(file.length).toBeGreaterThan(34e6);
    const page = await openOptionsPage(s);
    const dir = makeTempDir('big-import');
    try {
      // From a file on disk, which the browser reads as the page asks (a 34 MB buffer through the driver is slow).
      const path = join(dir, 'big.json');
      writeFileSync(path, file);
      await page.locator('input[type=file]').setInputFiles(path, { timeout: 120_000 });
      const preview = page.locator('.preview');
      await preview.waitFor({ timeout: 300_000 });
      expect((await preview.locator('p').first().textContent())?.replace(/,/g, '')).toBe(`${n} stories.`);
      await preview.getByRole('button', { name: 'Import', exact: true }).click();
      const section = page.locator('section', { has: page.locator('#import-h') });
      await section.locator('.message.ok', { hasText: new RegExp(`Imported (?:${n}|${n.toLocaleString('en-US')}) new stories`) }).waitFor({ timeout: 300_000 });
      const listed = await sendFromPage<{ id: string }[]>(page, 'library.list', {});
      expect(listed.ok && listed.value.filter((x) => x.id.startsWith('big-')).length).toBe(n);

      const bad = Buffer.concat([Buffer.from('{"title": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
      await page.locator('input[type=file]').setInputFiles({ name: 'latin1.json', mimeType: 'application/json', buffer: bad });
      let cli = '';
      try {
        importLibraryBytes(new Uint8Array(bad), 'latin1.json');
      } catch (e) {
        cli = (e as Error).message;
      }
      expect(cli).toMatch(/not valid UTF-8/);
      await section.locator('.message.error', { hasText: cli }).waitFor();
    } finally {
      await page.close();
      removeDir(dir);
    }
  });
});

describe('Chromium: the popup opens a story of megabytes', () => {
  const suite = chromiumSuite();

  it('the popup is sent the beginning of each list and of each long text, and says the story is too long to show whole; screenshots light and dark', { timeout: 300_000 }, async () => {
    const s = suite.session();
    // The reference story with 200 summary sections of 50,000 characters: 20 MB as JSON.
    const [reference] = importText(readFileSync(REFERENCE_PATH, 'utf8'), REFERENCE_PATH);
    const story = structuredClone(reference!);
    story.id = 'e2e-long-story';
    story.title = 'A story far too long to read';
    const text = 'On Jan 29, 2026 the pause held until Feb 1 and until Friday, then resumed on March 3. '.repeat(580);
    story.summary = [...Array.from({ length: 200 }, (_, i) => ({ heading: `Part ${i + 1}`, text, citations: [], sentences: [{ text, citations: [1] }] })), ...story.summary];
    const options = await openOptionsPage(s);
    const popup = await s.context.newPage();
    try {
      const imported = await sendFromPage(options, 'library.import', { name: 'long.json', text: JSON.stringify(story) });
      expect(imported.ok).toBe(true);
      // What the background answers: bounded, and marked as cut.
      const got = await sendFromPage<{ story: { summary: { sentences: { text: string }[] }[] }; cut: boolean }>(options, 'story.get', { id: story.id });
      if (!got.ok) throw new Error(got.error);
      expect(got.value.cut).toBe(true);
      expect(JSON.stringify(got.value).length).toBeLessThan(1_000_000);
      expect(got.value.story.summary[0]!.sentences[0]!.text.endsWith('…')).toBe(true);

      await popup.goto(popupUrl(s));
      await popup.fill('input[role="combobox"]', story.title);
      await popup.locator('.results [role="option"]', { hasText: story.title }).first().click();
      await popup.locator('h1', { hasText: story.title }).waitFor();
      const note = popup.locator('.cut-note');
      await note.waitFor();
      expect(await note.textContent()).toContain('too long to show whole');
      // The first sections are shown, each text cut with "…".
      const first = (await popup.locator('#summary p').first().textContent()) ?? '';
      expect(first).toContain('On Jan 29, 2026 the pause held');
      expect(first).toContain('…');
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.setViewportSize({ width: 400, height: 600 });
        await popup.screenshot({ path: artifactPath(`chrome-popup-long-story-${scheme}.png`) });
      }
    } finally {
      await popup.close();
      await options.close();
    }
  });
});

/**
 * The real toolbar popup, end to end in Chromium, on a tab matched to the reference story (the BBC
 * fixture): timeline, citation chips and source cards, sources by outlet, disputed claims, the
 * keyboard-first lookup (over the built-in story, then over the Kagi dev stories imported from the
 * options page), accessibility (axe-core, light and dark), layout at 400 and 800 px, screenshots,
 * and no console errors from the popup, the options page or the service worker.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listTargets, type CdpClient } from './cdp';
import {
  cdpClick,
  cdpPress,
  cdpType,
  closeTab,
  openOptionsPage,
  openPopup,
  openTab,
  popupUrl,
  sendFromPage,
  watchConsole,
  type ConsoleWatch,
  type Popup,
  type Tab,
} from './chromium';
import { readBadge, REFERENCE_STORY, waitForStoryBadge } from './badge';
import { artifactPath, poll, ROOT } from './env';
import { chromiumSuite } from './harness';
import { readPopup, screenshot, STORY_COMPLETE, STORY_SHOWN, STORY_TITLE, TIMELINE_DATES } from './popup-dom';
import { pageUrl } from './server';
import { KAGI_ATTRIBUTION } from '../../src/core/feeds/kagi-attribution';

const KAGI_STORIES = join(ROOT, '../shared/data/matching/kagi-dev-stories.json');
const XIAOMI_TITLE = 'Xiaomi launches 17 Ultra with Leica zoom ring';
const AP_TITLE = 'Russia’s Overnight Drone and Missile Barrage Hits Ukraine’s Power Grid Amid Cold Winter';
const DISPUTES = ['Did Putin agree to a one‑week pause on Kyiv strikes?', 'When does the pause end?', 'Did Russia break the U.S.-brokered pause?'];
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core in the page (injected over CDP: the extension's CSP does not apply to Runtime.evaluate); serious and critical violations. */
async function axeViolations(cdp: Pick<CdpClient, 'evaluate'>): Promise<AxeViolation[]> {
  await cdp.evaluate(`${AXE_SOURCE};void 0`);
  const found = await cdp.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (vs: AxeViolation[]) =>
  vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');

async function colorScheme(cdp: Pick<CdpClient, 'send' | 'evaluate'>, scheme: 'light' | 'dark'): Promise<void> {
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
  await poll(() => cdp.evaluate<boolean>(`matchMedia('(prefers-color-scheme: ${scheme})').matches`), (m) => m, `prefers-color-scheme: ${scheme}`);
}

/** The page has no horizontal scroll, and no visible element sticks out past its right edge. */
const LAYOUT = `(() => {
  const w = innerWidth;
  const out = [...document.querySelectorAll('body *')].filter((el) => {
    if (el.closest('.visually-hidden')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > w + 0.5;
  }).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).replace(/ +/g, '.') : '') + ' right=' + Math.round(el.getBoundingClientRect().right));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, out };
})()`;

describe('Chromium: the real popup on a tab matched to the reference story', () => {
  let watch: ConsoleWatch | undefined;
  let bbc: Tab | undefined;
  const suite = chromiumSuite({
    async setUp({ session }) {
      const s = session();
      watch = await watchConsole(s);
      bbc = await openTab(s, pageUrl('bbcArticle'));
      await waitForStoryBadge(s, bbc!, REFERENCE_STORY, 'the BBC tab');
    },
  });
  const ready = () => {
    const s = suite.session();
    if (!bbc) throw new Error('the BBC tab did not open');
    return { s, tab: bbc };
  };

  /** Opens the popup on the BBC tab, waits for the story, runs `fn`, closes the popup. */
  async function withPopup<T>(fn: (popup: Popup) => Promise<T>, tab?: Tab, readyWhen = STORY_SHOWN): Promise<T> {
    const { s, tab: matched } = ready();
    const popup = await openPopup(s, tab ?? matched);
    try {
      const dom = await readPopup(popup.cdp, readyWhen);
      expect(dom.alert).toBeNull();
      return await fn(popup);
    } finally {
      await popup.close();
    }
  }

  it('shows the 12 timeline entries in chronological order, dated at their precisions; gap separators have no <time>', async () => {
    await withPopup(async ({ cdp }) => {
      const items = await cdp.evaluate<{ gap: boolean; hidden: string | null; text: string; time: string | null; datetime: string | null; precision: string | null }[]>(`
        [...document.querySelectorAll('ol.timeline > li')].map((li) => ({
          gap: li.classList.contains('gap'),
          hidden: li.getAttribute('aria-hidden'),
          text: li.textContent.trim(),
          time: li.querySelector('time')?.textContent ?? null,
          datetime: li.querySelector('time')?.getAttribute('datetime') ?? null,
          precision: li.dataset.precision ?? null,
        }))`);
      const dated = items.filter((i) => !i.gap);
      expect(dated.map((i) => i.time)).toEqual(TIMELINE_DATES);
      expect(dated.map((i) => i.precision)).toEqual(['month', 'month', ...Array<string>(10).fill('day')]);
      const datetimes = dated.map((i) => i.datetime ?? '');
      expect(datetimes.slice(0, 3)).toEqual(['2022-03', '2025-05', '2026-01-15']);
      expect([...datetimes].sort()).toEqual(datetimes);
      const gaps = items.filter((i) => i.gap);
      expect(gaps.length).toBeGreaterThan(0);
      for (const g of gaps) {
        expect(g.time, `gap "${g.text}"`).toBeNull();
        expect(g.hidden).toBe('true');
      }
    });
  });

  it('labels the timeline gaps with the time that passed: "3 years later", "8 months later"', async () => {
    await withPopup(async ({ cdp }) => {
      const gaps = await cdp.evaluate<string[]>(`[...document.querySelectorAll('ol.timeline > li.gap')].map((li) => li.textContent.trim())`);
      // Mar 2022 → May 2025 (3 years 2 months), then May 2025 → Jan 15, 2026 (8½ months).
      expect(gaps).toEqual(['3 years later', '8 months later']);
    });
  });

  it('has citation chips in the summary; chip 3 opens AP’s source card, and its close button hides it', async () => {
    await withPopup(async ({ cdp }) => {
      const chips = await cdp.evaluate<{ tag: string; text: string; label: string | null }[]>(
        `[...document.getElementById('summary-h').closest('section').querySelectorAll('.chip')].map((c) => ({ tag: c.tagName, text: c.textContent, label: c.getAttribute('aria-label') }))`,
      );
      expect(chips.length).toBeGreaterThan(10);
      expect(chips.every((c) => c.tag === 'BUTTON' && /^\d+$/.test(c.text))).toBe(true);
      expect(chips.find((c) => c.text === '3')?.label).toBe('Source 3: AP');

      const chip3 = { js: `[...document.getElementById('summary-h').closest('section').querySelectorAll('.chip')].find((c) => c.textContent === '3')` };
      await cdpClick(cdp, chip3);
      const card = await poll(() => cdp.evaluate<string | null>(`document.getElementById('source-card')?.innerText ?? null`), (t) => t !== null, 'the source card');
      expect(card).toContain('[3] AP');
      expect(card).toContain(AP_TITLE);
      expect(await cdp.evaluate(`${chip3.js}.getAttribute('aria-expanded')`)).toBe('true');

      await cdpClick(cdp, '#source-card .close');
      await poll(() => cdp.evaluate<boolean>(`!document.getElementById('source-card')`), (gone) => gone, 'the source card to close (close button)');
    });
  });

  it('Escape hides the source card that a chip opened, and the popup stays open', async () => {
    const { s } = ready();
    await withPopup(async ({ cdp, targetId }) => {
      const chip3 = { js: `[...document.getElementById('summary-h').closest('section').querySelectorAll('.chip')].find((c) => c.textContent === '3')` };
      await cdpClick(cdp, chip3);
      await poll(() => cdp.evaluate<boolean>(`!!document.getElementById('source-card')`), (open) => open, 'the source card');
      await cdpPress(cdp, 'Escape').catch(() => undefined); // if the popup closes under the key press, the key-up has nowhere to go
      const popupOpen = async () => (await listTargets(s.debugPort)).some((t) => t.id === targetId);
      const outcome = await poll(
        async () => ((await popupOpen()) ? ((await cdp.evaluate<boolean>(`!document.getElementById('source-card')`)) ? 'card closed' : 'card open') : 'popup closed'),
        (o) => o !== 'card open',
        'Escape to close the source card',
        { timeout: 2_000 },
      );
      expect(outcome, 'Escape closed the whole popup (the browser closes a popup on an unhandled Escape), not just the source card').toBe('card closed');
    });
  });

  it('lists the sources by outlet with their counts: CNN 3, Newsweek 3, AP 1, BBC 1', async () => {
    await withPopup(async ({ cdp }) => {
      const outlets = await cdp.evaluate<[string, string][]>(
        `[...document.querySelectorAll('ul.outlets > li > p.outlet')].map((p) => [p.firstChild.textContent.trim(), p.querySelector('.count').textContent])`,
      );
      expect(outlets).toEqual([
        ['CNN', '3'],
        ['Newsweek', '3'],
        ['AP', '1'],
        ['BBC', '1'],
      ]);
    });
  });

  it('lists exactly three disputed claims, each with two sides and who reported them; the toolbar badge counts them', async () => {
    await withPopup(async ({ cdp }) => {
      const disputes = await cdp.evaluate<{ question: string; sides: { claimant: string; reported: string }[] }[]>(
        `[...document.querySelectorAll('section.disputes details.dispute')].map((a) => ({
          question: a.querySelector('h3').textContent,
          sides: [...a.querySelectorAll('.side')].map((s) => ({ claimant: s.querySelector('.claimant').textContent, reported: s.querySelector('.muted').textContent })),
        }))`,
      );
      expect(disputes.map((d) => d.question)).toEqual(DISPUTES);
      // The toolbar badge counts the same disputes the popup lists, and its tooltip says what the number is.
      const { s, tab } = ready();
      const badge = await readBadge(s, tab);
      expect(badge.text).toBe(String(disputes.length));
      expect(badge.title).toBe(`Storylens: ${STORY_TITLE}\n${disputes.length}: the story has ${disputes.length} disputed claims; open Storylens to see both sides.`);
      for (const d of disputes) {
        expect(d.sides, d.question).toHaveLength(2);
        for (const side of d.sides) {
          expect(side.claimant.trim()).not.toBe('');
          expect(side.reported).toMatch(/^Reported by (AP|BBC|CNN|Newsweek)(, (AP|BBC|CNN|Newsweek))* \d/);
        }
      }
    });
  });

  it('sizes text on body: computed body text is at least 14 px, the title larger than section text', async () => {
    await withPopup(async ({ cdp }) => {
      const sizes = await cdp.evaluate<{ body: number; summary: number; h1: number; timeline: number }>(`(() => {
        const px = (el) => parseFloat(getComputedStyle(el).fontSize);
        return { body: px(document.body), summary: px(document.querySelector('#summary .section p')), h1: px(document.querySelector('main.story h1')), timeline: px(document.querySelector('ol.timeline p')) };
      })()`);
      expect(sizes.body).toBeGreaterThanOrEqual(14);
      expect(sizes.summary).toBeGreaterThanOrEqual(14);
      expect(sizes.timeline).toBeGreaterThanOrEqual(14);
      expect(sizes.h1).toBeGreaterThan(sizes.summary);
    });
  });

  it('first screen: the coverage strip names the outlets with their report counts, the reader’s outlet (BBC) marked; the disputes sit above the fold', async () => {
    await withPopup(async ({ cdp }) => {
      const strip = await cdp.evaluate<{ name: string; count: string; own: boolean }[]>(
        `[...document.querySelectorAll('.coverage-outlets > li[data-reports]')].map((li) => ({ name: li.querySelector('.name').textContent, count: li.querySelector('.count').textContent, own: li.classList.contains('own') }))`,
      );
      // Sources and articles, one report per address: the BBC has its cited source and one more article.
      expect(strip).toEqual([
        { name: 'CNN', count: '3', own: false },
        { name: 'Newsweek', count: '3', own: false },
        { name: 'BBC', count: '2', own: true },
        { name: 'AP', count: '1', own: false },
      ]);
      const head = await cdp.evaluate<string>(`document.querySelector('.coverage-head').textContent`);
      expect(head).toBe('Reported by 4 outlets:');
      const meta = await cdp.evaluate<string>(`document.querySelector('header .meta').textContent`);
      expect(meta).toBe('9 articles and 8 cited sources from 4 outlets');
      const fold = await cdp.evaluate<{ height: number; questions: number[]; step: number }>(`({
        height: innerHeight,
        questions: [...document.querySelectorAll('section.disputes details.dispute summary')].map((s) => s.getBoundingClientRect().bottom),
        step: document.querySelector('.key-step').getBoundingClientRect().top,
      })`);
      expect(fold.questions).toHaveLength(DISPUTES.length);
      for (const bottom of fold.questions) expect(bottom).toBeLessThanOrEqual(fold.height);
      expect(fold.step).toBeLessThan(fold.height);
      // The sections a reader can jump to, as links to them.
      const jumps = await cdp.evaluate<string[]>(`[...document.querySelectorAll('nav.jump a')].map((a) => a.getAttribute('href'))`);
      expect(jumps).toEqual(['#summary', '#timeline', '#sources', '#articles']);
      for (const id of jumps) expect(await cdp.evaluate<boolean>(`!!document.querySelector('${id}')`)).toBe(true);
    });
  });

  it('lookup: the search box has focus on open; "Kyiv pause" lists the story with <mark>s; ArrowDown, Enter opens it', async () => {
    await withPopup(async ({ cdp }) => {
      expect(await cdp.evaluate<string | undefined>(`document.activeElement?.id`)).toBe('lookup-input');
      await cdpType(cdp, 'Kyiv pause');
      const results = await poll(
        () => cdp.evaluate<{ title: string; marks: string[]; selected: string | null }[]>(
          `[...document.querySelectorAll('#lookup-results [role="option"]')].map((o) => ({
            title: o.querySelector('.result-title').textContent,
            marks: [...o.querySelectorAll('mark')].map((m) => m.textContent),
            selected: o.getAttribute('aria-selected'),
          }))`,
        ),
        (r) => r.length > 0,
        'lookup results for "Kyiv pause"',
      );
      // Only the built-in story is in the library so far.
      expect(results.map((r) => r.title)).toEqual([STORY_TITLE]);
      expect(results[0]!.marks.length).toBeGreaterThan(0);
      expect(results[0]!.marks.map((m) => m.toLowerCase()).join(' ')).toMatch(/kyiv|pause/);
      await cdpPress(cdp, 'ArrowDown');
      await cdpPress(cdp, 'Enter');
      const dom = await readPopup(cdp, `document.querySelector('button.back') && ${STORY_SHOWN}`);
      expect(dom.title).toBe(STORY_TITLE);
      expect(dom.reading).toBeNull(); // opened from the lookup, not the tab's match
    });
  });

  describe('axe-core and screenshots, light and dark', () => {
    for (const scheme of ['light', 'dark'] as const) {
      it(`matched popup (${scheme}): no serious or critical axe violations`, async () => {
        await withPopup(async ({ cdp }) => {
          await colorScheme(cdp, scheme);
          await screenshot(cdp, `chrome-popup-matched-${scheme}.png`);
          const violations = await axeViolations(cdp);
          expect(violations, describeViolations(violations)).toEqual([]);
        });
      });
    }

    for (const scheme of ['light', 'dark'] as const) {
      it(`unmatched popup (${scheme}): no serious or critical axe violations`, async () => {
        const { s } = ready();
        const tab = await openTab(s, pageUrl('cnnUnrelated'));
        try {
          await withPopup(
            async ({ cdp }) => {
              expect(await cdp.evaluate<string>(`document.querySelector('h1').textContent`)).toBe('No story for this page');
              await colorScheme(cdp, scheme);
              await screenshot(cdp, `chrome-popup-unmatched-${scheme}.png`);
              const violations = await axeViolations(cdp);
              expect(violations, describeViolations(violations)).toEqual([]);
            },
            tab,
            `document.getElementById('recent-h')`,
          );
        } finally {
          await closeTab(s, tab);
        }
      });
    }

    it('options page: screenshot, and no serious or critical axe violations', async () => {
      const { s } = ready();
      const options = await openOptionsPage(s);
      try {
        await options.waitForSelector('table');
        await options.screenshot({ path: artifactPath('chrome-options.png'), fullPage: true });
        const cdp = await s.context.newCDPSession(options);
        const violations = await axeViolations({ evaluate: async (expression: string) => ((await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })).result.value) as never });
        expect(violations, describeViolations(violations)).toEqual([]);
      } finally {
        await options.close();
      }
    });
  });

  for (const width of [360, 400, 800]) {
    it(`has no horizontal scroll at ${width} px, in the no-story state and in a story opened from the lookup`, async () => {
      const { s } = ready();
      const page: Page = await s.context.newPage();
      try {
        await page.setViewportSize({ width, height: 700 });
        await page.goto(popupUrl(s));
        // The popup page in a tab is its own active tab: an extension page, so no story for it.
        await page.waitForSelector('#recent-h');
        expect(await page.locator('ol.timeline').count()).toBe(0);
        const empty = await page.evaluate<{ scrollWidth: number; innerWidth: number; out: string[] }>(LAYOUT);
        expect(empty.scrollWidth, JSON.stringify(empty)).toBeLessThanOrEqual(empty.innerWidth);
        expect(empty.out).toEqual([]);

        await page.locator('#lookup-input').fill('Kyiv pause');
        await page.waitForSelector('#lookup-results [role="option"]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('button.back');
        await page.waitForSelector('ol.timeline time');
        expect(await page.locator('main.story h1').textContent()).toBe(STORY_TITLE);
        const story = await page.evaluate<{ scrollWidth: number; innerWidth: number; out: string[] }>(LAYOUT);
        expect(story.scrollWidth, JSON.stringify(story)).toBeLessThanOrEqual(story.innerWidth);
        expect(story.out).toEqual([]);
        await page.screenshot({ path: artifactPath(`chrome-popup-story-${width}px.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  it('lookup finds a Kagi dev story after importing them from the options page ("Xiaomi Leica")', async () => {
    const { s } = ready();
    if (!existsSync(KAGI_STORIES)) throw new Error(`e2e precondition failed: ${KAGI_STORIES} is missing (the shared dev data)`);
    const text = readFileSync(KAGI_STORIES, 'utf8');
    const options = await openOptionsPage(s);
    try {
      const imported = await sendFromPage<{ added: number }>(options, 'library.import', { name: 'kagi-dev-stories.json', text });
      expect(imported).toMatchObject({ ok: true });
      expect(imported.ok && imported.value.added).toBe(35);
    } finally {
      await options.close();
    }
    await withPopup(async ({ cdp }) => {
      await cdpType(cdp, 'Xiaomi Leica');
      const results = await poll(
        () => cdp.evaluate<{ title: string; marks: string[] }[]>(
          `[...document.querySelectorAll('#lookup-results [role="option"]')].map((o) => ({ title: o.querySelector('.result-title').textContent, marks: [...o.querySelectorAll('mark')].map((m) => m.textContent) }))`,
        ),
        (r) => r.length > 0,
        'lookup results for "Xiaomi Leica"',
      );
      expect(results[0]?.title).toBe(XIAOMI_TITLE);
      expect(results[0]?.marks).toEqual(['Xiaomi', 'Leica']);
      await cdpPress(cdp, 'Enter');
      const dom = await readPopup(cdp, `document.querySelector('button.back') && ${STORY_COMPLETE}`);
      expect(dom.title).toBe(XIAOMI_TITLE);
    });
  });

  it('a long Kagi story: perspectives with their sources, outlet names from the registry, no raw markers, long lists collapsed with a count', async () => {
    // Runs after the import above. The dev story with the most articles, as the data has it.
    const kagi = JSON.parse(readFileSync(KAGI_STORIES, 'utf8')) as { title: string; articles: unknown[]; perspectives?: { sources?: unknown[] }[] }[];
    const long = [...kagi].sort((a, b) => b.articles.length - a.articles.length)[0]!;
    await withPopup(async ({ cdp }) => {
      await cdpType(cdp, long.title);
      await poll(() => cdp.evaluate<number>(`document.querySelectorAll('#lookup-results [role="option"]').length`), (n) => n > 0, 'lookup results for the long story');
      await cdpPress(cdp, 'Enter');
      await readPopup(cdp, `document.querySelector('button.back') && ${STORY_COMPLETE}`);
      for (const scheme of ['light', 'dark'] as const) {
        await colorScheme(cdp, scheme);
        await screenshot(cdp, `chrome-popup-kagi-long-${scheme}.png`);
      }
      await colorScheme(cdp, 'light');
      const dom = await cdp.evaluate<{ title: string; text: string; perspectives: { sources: number; links: number }[]; strip: string[]; span: string; more: string | null; shownSources: number }>(`(() => ({
        title: document.querySelector('main.story h1').textContent,
        text: document.querySelector('main.story').innerText,
        perspectives: [...document.querySelectorAll('#perspectives li.perspective')].map((li) => ({ sources: li.querySelectorAll('.muted bdi').length, links: li.querySelectorAll('a.external').length })),
        strip: [...document.querySelectorAll('.coverage-outlets .name')].map((n) => n.textContent),
        span: document.querySelector('.coverage-outlets .span')?.textContent ?? '',
        more: [...document.querySelectorAll('#sources button.more')].map((b) => b.textContent)[0] ?? null,
        shownSources: document.querySelectorAll('#sources ul.outlets ul li').length,
      }))()`);
      expect(dom.title).toBe(long.title);
      // Kagi News's licence asks for attribution on each of its stories.
      const attribution = await cdp.evaluate<{ text: string; links: [string, string][] }>(`(() => { const p = document.querySelector('main.story header .attribution'); return { text: p?.textContent ?? '', links: [...(p?.querySelectorAll('a') ?? [])].map((a) => [a.textContent, a.href]) }; })()`);
      expect(attribution.text).toMatch(/^Stories: /);
      expect(attribution.links.map(([name]) => name.split(' ↗')[0])).toEqual([KAGI_ATTRIBUTION.source, KAGI_ATTRIBUTION.license]);
      expect(attribution.links.map(([, href]) => href)).toEqual([KAGI_ATTRIBUTION.url, KAGI_ATTRIBUTION.licenseUrl]);
      expect(dom.perspectives.map((p) => p.sources)).toEqual((long.perspectives ?? []).map((p) => p.sources?.length ?? 0));
      expect(dom.perspectives.every((p) => p.links > 0)).toBe(true);
      expect(dom.text).not.toMatch(/\[common\]/);
      // The feed's own "Summary" section sits under the Summary heading without a second one.
      expect(await cdp.evaluate<string[]>(`[...document.querySelectorAll('#summary h3')].map((h) => h.textContent.trim().toLowerCase())`)).not.toContain('summary');
      // Sources are https links; related articles leave out those already listed as sources.
      const links = await cdp.evaluate<string[]>(`[...document.querySelectorAll('#sources a.external')].map((a) => a.getAttribute('href'))`);
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href).toMatch(/^https:\/\//);
      const articleLinks = await cdp.evaluate<string[]>(`[...document.querySelectorAll('#articles a.external')].map((a) => a.getAttribute('href'))`);
      for (const href of articleLinks) expect(links).not.toContain(href);
      // Registry names, not domains, for the outlets it knows.
      expect(dom.strip).toContain('Al Jazeera');
      expect(dom.strip).not.toContain('aljazeera.com');
      expect(dom.span).toMatch(/^Reports from .+ to .+$/);
      expect(dom.more).toBe(`Show all ${long.articles.length} sources`);
      expect(dom.shownSources).toBeLessThan(long.articles.length);
      await cdpClick(cdp, '#sources button.more');
      await poll(() => cdp.evaluate<number>(`document.querySelectorAll('#sources ul.outlets ul li').length`), (n) => n === long.articles.length, 'every source after "Show all"');
    });
  });

  it('at 360 px, light and dark: the reference story and the long Kagi story keep their first screen (coverage strip, disputes or none, jump links) without horizontal scroll; screenshots', async () => {
    // Runs after the Kagi import above. The popup page in a tab 360 px wide, each story opened from the lookup.
    const kagi = JSON.parse(readFileSync(KAGI_STORIES, 'utf8')) as { title: string; articles: unknown[] }[];
    const long = [...kagi].sort((a, b) => b.articles.length - a.articles.length)[0]!;
    const { s } = ready();
    const page: Page = await s.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(popupUrl(s));
      await page.waitForSelector('#recent-h');
      for (const [name, query, title] of [['reference', 'Kyiv pause', STORY_TITLE], ['kagi-long', long.title, long.title]] as const) {
        await page.locator('#lookup-input').fill(query);
        await page.waitForSelector('#lookup-results [role="option"]');
        await page.locator('#lookup-results [role="option"]').filter({ hasText: title }).first().click();
        await page.waitForSelector('main.story[aria-busy="false"]');
        expect(await page.locator('main.story h1').textContent()).toBe(title);
        const first = await page.evaluate(() => ({
          strip: document.querySelectorAll('.coverage-outlets > li[data-reports]').length,
          disputes: !!document.querySelector('section.disputes'),
          jump: document.querySelector('nav.jump')?.getBoundingClientRect().top ?? NaN,
        }));
        expect(first.strip, name).toBeGreaterThan(0);
        expect(first.disputes, name).toBe(true);
        expect(first.jump, name).toBeGreaterThan(0);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          const layout = await page.evaluate<{ scrollWidth: number; innerWidth: number; out: string[] }>(LAYOUT);
          expect(layout.scrollWidth, `${name} ${scheme}: ${JSON.stringify(layout)}`).toBeLessThanOrEqual(layout.innerWidth);
          expect(layout.out, `${name} ${scheme}`).toEqual([]);
          await page.screenshot({ path: artifactPath(`chrome-popup-${name}-360px-${scheme}.png`) });
        }
        await page.emulateMedia({ colorScheme: 'light' });
        await page.locator('button.back').click();
      }
    } finally {
      await page.close();
    }
  });

  it('on a front page, the popup says it is a front page', async () => {
    const { s } = ready();
    const tab = await openTab(s, pageUrl('cnnHome'));
    try {
      await withPopup(
        async ({ cdp }) => {
          expect(await cdp.evaluate<string>(`document.querySelector('main h1').textContent`)).toBe('This is a front page');
          expect(await cdp.evaluate<string>(`document.querySelector('main').innerText`)).not.toContain("isn't one of");
        },
        tab,
        `document.querySelector('main h1')?.textContent === 'This is a front page'`,
      );
    } finally {
      await closeTab(s, tab);
    }
  });

  it('a checked claim reads well: the one-sentence reason, citation chips, and never the page’s own outlet as its confirmation', async () => {
    const { s, tab } = ready();
    const claim = 'Russia launched 120 missiles against Ukraine’s power grid';
    const verdict = await s.worker.evaluate(
      ([tabId, text]) =>
        (globalThis as unknown as { storylens: { checkClaimInTab(id: number, t: string): Promise<{ verdict: string; summary: string; evidence: { outlets: string[] }[] }> } }).storylens.checkClaimInTab(tabId, text),
      [tab.id, claim] as const,
    );
    expect(verdict.verdict).toBe('contradicted');
    await withPopup(async ({ cdp }) => {
      const shown = await poll(
        () => cdp.evaluate<{ badge: string; summary: string; reporters: string[]; chips: number } | null>(`(() => {
          const v = document.querySelector('section.verdict');
          return v && {
            badge: v.querySelector('.badge').textContent,
            summary: v.querySelector('.verdict-summary').textContent,
            reporters: [...v.querySelectorAll('.evidence li .muted')].map((m) => m.textContent),
            chips: v.querySelectorAll('.chip').length,
          };
        })()`),
        (v) => v !== null,
        'the verdict in the popup',
      );
      expect(shown!.badge).toBe('Contradicted');
      expect(shown!.summary).toBe(verdict.summary);
      expect(shown!.summary).toMatch(/^You have 120 missiles; the sources say about 70 missiles/);
      expect(shown!.chips).toBeGreaterThan(0);
      // The tab is the BBC's: its evidence lines name other outlets, or say that only the BBC reports it.
      expect(shown!.reporters.length).toBeGreaterThan(0);
      for (const r of shown!.reporters) expect(r).toMatch(/^(Reported by|Also reported by) (?!.*\bBBC\b)|^Only the outlet you are reading reports this|^\d+$/);
      await screenshot(cdp, 'chrome-popup-verdict.png');
    });
  });

  it('no console noise: no errors from the popups, the options page or the service worker', async () => {
    const { s } = ready();
    if (!watch) throw new Error('the console watch did not start');
    // The watch sees what it should: a probe error logged by an extension page is recorded.
    const options = await openOptionsPage(s);
    try {
      await options.evaluate(() => console.error('storylens-e2e-probe'));
      await poll(async () => watch!.errors().some((e) => e.text.includes('storylens-e2e-probe')), (seen) => seen, 'the console watch to record the probe');
    } finally {
      await options.close();
    }
    writeFileSync(artifactPath('chrome-console-popup-suite.json'), `${JSON.stringify({ targets: watch.targets, entries: watch.entries }, null, 2)}\n`);
    expect(watch.targets).toEqual(expect.arrayContaining([popupUrl(s), expect.stringContaining('/src/options/index.html'), expect.stringContaining('/service-worker-loader.js')]));
    expect(watch.errors().filter((e) => !e.text.includes('storylens-e2e-probe'))).toEqual([]);
  });
});

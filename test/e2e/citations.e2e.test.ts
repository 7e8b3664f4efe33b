/**
 * The story's own citations, checked, in the real popup in Chromium: on a BBC article matched to the
 * reference story, the timeline citations whose source does not fit their entry are kept as written
 * but marked (chip and note, for eyes and screen readers), and "From the outlet you are reading"
 * highlights only the entries BBC reported by content: not the Feb 4 entry, whose [6] is BBC's
 * number but Newsweek's content, and the Jan 15 entry, whose [2] is CNN's number but whose content is
 * BBC's state-of-emergency article. Screenshots of the timeline, light and dark.
 */
import type { CdpClient } from './cdp';
import { describe, expect, it } from 'vitest';
import { cdpClick, openPopup, openTab, type Popup, type Tab } from './chromium';
import { REFERENCE_STORY, waitForStoryBadge } from './badge';
import { poll } from './env';
import { chromiumSuite } from './harness';
import { readPopup, screenshot, STORY_SHOWN } from './popup-dom';
import { pageUrl } from './server';

const STATE_OF_EMERGENCY = 'Ukraine declares energy sector state of emergency as strikes disrupt power';

interface Entry {
  time: string;
  own: boolean;
  /** The visually hidden "From the outlet you are reading". */
  ownText: boolean;
  chips: { text: string; misfit: boolean; label: string | null; title: string | null }[];
  notes: string[];
  text: string;
}

const ENTRIES = `[...document.querySelectorAll('ol.timeline > li')].filter((li) => li.querySelector('time')).map((li) => ({
  time: li.querySelector('time').textContent,
  own: li.classList.contains('own'),
  ownText: [...li.querySelectorAll('.visually-hidden')].some((s) => s.textContent === 'From the outlet you are reading'),
  chips: [...li.querySelectorAll('.chip')].map((c) => ({ text: c.textContent, misfit: c.classList.contains('misfit'), label: c.getAttribute('aria-label'), title: c.getAttribute('title') })),
  notes: [...li.querySelectorAll('.citation-note')].map((p) => p.textContent),
  text: li.querySelector('p').textContent,
}))`;

const readEntries = (cdp: Pick<CdpClient, 'evaluate'>) => cdp.evaluate<Entry[]>(ENTRIES);

describe('Chromium: the reference story’s citations checked in the popup (BBC page)', () => {
  let bbc: Tab | undefined;
  const suite = chromiumSuite({
    async setUp({ session }) {
      const s = session();
      bbc = await openTab(s, pageUrl('bbcArticle'));
      await waitForStoryBadge(s, bbc!, REFERENCE_STORY, 'the BBC tab');
    },
  });

  async function withPopup<T>(fn: (popup: Popup) => Promise<T>): Promise<T> {
    const s = suite.session();
    if (!bbc) throw new Error('the BBC tab did not open');
    const popup = await openPopup(s, bbc);
    try {
      const dom = await readPopup(popup.cdp, STORY_SHOWN);
      expect(dom.alert).toBeNull();
      expect(dom.reading?.replace(/\s+/g, ' ')).toContain('BBC');
      return await fn(popup);
    } finally {
      await popup.close();
    }
  }

  it('marks the timeline citations that do not fit their entry, keeping the numbers as written', async () => {
    await withPopup(async ({ cdp }) => {
      const entries = await readEntries(cdp);
      expect(entries).toHaveLength(12);
      const marked = entries.flatMap((e) => e.chips.filter((c) => c.misfit).map((c) => `${e.time} [${c.text}]`));
      expect(marked).toEqual(['Jan 15, 2026 [2]', 'Feb 3, 2026 [9]', 'Feb 4, 2026 [6]']);

      const jan15 = entries.find((e) => e.time === 'Jan 15, 2026')!;
      const note = `cited as [2]; closest listed article: BBC, “${STATE_OF_EMERGENCY}”`;
      expect(jan15.chips).toEqual([{ text: '2', misfit: true, label: `Source 2: CNN; ${note}`, title: note }]);
      expect(jan15.notes).toEqual([`Cited as [2]; closest listed article: BBC, “${STATE_OF_EMERGENCY}”`]);

      const feb4 = entries.find((e) => e.time === 'Feb 4, 2026')!;
      expect(feb4.notes).toEqual([expect.stringMatching(/^Cited as \[6\]; closest listed source: \[1\] Newsweek, “Trump’s Claimed Week‑Long Ukraine Ceasefire Falters/)]);
      expect(entries.find((e) => e.time === 'Feb 3, 2026' && e.chips.some((c) => c.text === '9'))?.notes).toEqual(['Cited as [9]; no source [9] is listed']);

      // A citation that fits is a plain chip with no note.
      const jan31 = entries.find((e) => e.time === 'Jan 31, 2026')!;
      expect(jan31.chips).toEqual([{ text: '4', misfit: false, label: 'Source 4: CNN', title: null }]);
      expect(jan31.notes).toEqual([]);
      // The summary's numbers follow the source list: none is marked.
      expect(await cdp.evaluate<number>(`document.getElementById('summary-h').closest('section').querySelectorAll('.chip.misfit').length`)).toBe(0);
    });
  });

  it('highlights for the BBC page only the entry BBC reported by content, not the one that carries BBC’s number', async () => {
    await withPopup(async ({ cdp }) => {
      const entries = await readEntries(cdp);
      const own = entries.filter((e) => e.own);
      expect(own.map((e) => e.time)).toEqual(['Jan 15, 2026']);
      expect(own[0]?.ownText).toBe(true);
      expect(own[0]?.text).toContain('state of emergency');
      // The Feb 4 entry cites [6], BBC's source, for Newsweek's content: not highlighted, no hidden label.
      const feb4 = entries.find((e) => e.time === 'Feb 4, 2026')!;
      expect(feb4.chips.map((c) => c.text)).toEqual(['6']);
      expect(feb4.own).toBe(false);
      expect(entries.filter((e) => e.ownText).map((e) => e.time)).toEqual(['Jan 15, 2026']);
    });
  });

  it('a marked chip still opens its source as written, and the card says why it is marked', async () => {
    await withPopup(async ({ cdp }) => {
      await cdpClick(cdp, { js: `[...document.querySelectorAll('ol.timeline .chip.misfit')].find((c) => c.textContent === '2')` });
      const card = await poll(() => cdp.evaluate<string | null>(`document.getElementById('source-card')?.innerText ?? null`), (t) => t !== null, 'the source card');
      expect(card).toContain('[2] CNN');
      expect(card).toContain('Russia Resumes Massive Night Strikes');
      expect(card).toContain(`Cited as [2]; closest listed article: BBC, “${STATE_OF_EMERGENCY}”`);
      await screenshot(cdp, 'chrome-popup-citation-card.png');
    });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`screenshot of the marked timeline (${scheme})`, async () => {
      await withPopup(async ({ cdp }) => {
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
        await poll(() => cdp.evaluate<boolean>(`matchMedia('(prefers-color-scheme: ${scheme})').matches`), (m) => m, `prefers-color-scheme: ${scheme}`);
        // Below the sticky search box: the highlighted Jan 15 entry, then the Feb 3 and Feb 4 entries.
        const show = (selector: string) => cdp.evaluate(`(() => { const el = ${selector}; scrollTo(0, scrollY + el.getBoundingClientRect().top - document.querySelector('.lookup').offsetHeight - 8); })()`);
        await show(`document.querySelector('ol.timeline > li.own')`);
        await screenshot(cdp, `chrome-popup-citations-${scheme}.png`);
        await show(`[...document.querySelectorAll('ol.timeline > li')].find((li) => li.querySelector('time')?.textContent === 'Feb 3, 2026')`);
        await screenshot(cdp, `chrome-popup-citations-feb-${scheme}.png`);
        // The mark is visible, not only announced: a dashed outline, unlike a plain chip, in a colour readable on the page.
        const styles = await cdp.evaluate<{ misfit: string; plain: string; own: string; page: string }>(`(() => {
          const css = (sel) => getComputedStyle(document.querySelector(sel));
          return { misfit: css('ol.timeline .chip.misfit').borderTopStyle, plain: css('ol.timeline .chip:not(.misfit)').borderTopStyle, own: css('ol.timeline > li.own').backgroundColor, page: css('body').backgroundColor };
        })()`);
        expect(styles.misfit).toBe('dashed');
        expect(styles.plain).not.toBe('dashed');
        expect(styles.own).not.toBe(styles.page);
      });
    });
  }
});

/**
 * Reading the popup's DOM over CDP, shared by the Chromium e2e tests: what the popup shows, in the
 * terms the tests check.
 */
import { writeFileSync } from 'node:fs';
import type { CdpClient } from './cdp';
import { artifactPath, poll } from './env';

export const STORY_TITLE = 'Trump‑Backed Week‑Long Ukraine Ceasefire Collapses as Russia Launches Massive Night Strikes';

/** The built-in story's timeline as the popup shows it: chronological, en-US dates at their precisions. */
export const TIMELINE_DATES = [
  'Mar 2022',
  'May 2025',
  'Jan 15, 2026',
  'Jan 29, 2026',
  'Jan 29, 2026',
  'Jan 30, 2026',
  'Jan 30, 2026',
  'Jan 31, 2026',
  'Feb 1, 2026',
  'Feb 3, 2026',
  'Feb 3, 2026',
  'Feb 4, 2026',
];

export interface PopupDom {
  title: string;
  text: string;
  reading: string | null;
  /** The timeline's dated entries (separators such as "3 years later" have no <time> and are left out). */
  timeline: { text: string; datetime: string | null }[];
  sourcesText: string | null;
  hasSummary: boolean;
  alert: string | null;
}

type Evaluates = Pick<CdpClient, 'evaluate'>;

/** Waits until the popup has rendered `ready` (a JS expression) or an error, then reads what the tests check. */
export async function readPopup(cdp: Evaluates, ready: string): Promise<PopupDom> {
  await poll(
    () => cdp.evaluate<boolean>(`!!document.querySelector('[role="alert"]') || !!(${ready})`),
    (done) => done,
    `the popup to render (${ready})`,
  );
  return cdp.evaluate<PopupDom>(`(() => ({
    title: document.querySelector('h1')?.textContent ?? '',
    text: document.body.innerText,
    reading: document.querySelector('.reading')?.textContent ?? null,
    timeline: [...document.querySelectorAll('ol.timeline > li')].filter((li) => li.querySelector('time')).map((li) => {
      const t = li.querySelector('time');
      return { text: t.textContent ?? '', datetime: t.getAttribute('datetime') };
    }),
    sourcesText: document.getElementById('sources-h')?.closest('section')?.textContent ?? null,
    hasSummary: !!document.getElementById('summary-h'),
    alert: document.querySelector('[role="alert"]')?.textContent ?? null,
  }))()`);
}

/** The popup shows a story (its timeline is rendered). */
export const STORY_SHOWN = `document.querySelector('ol.timeline time')`;

/** The popup shows a story with every section (the sections below the first screen render after it: aria-busy false). */
export const STORY_COMPLETE = `document.querySelector('main.story[aria-busy="false"]')`;

/** "You are reading: BBC (source 6)", whitespace folded, or null. */
export const readingLine = (dom: PopupDom) => dom.reading?.replace(/\s+/g, ' ').trim() ?? null;

/** A PNG of what a CDP target shows, in artifacts/e2e/. */
export async function screenshot(cdp: Pick<CdpClient, 'send'>, name: string): Promise<string> {
  const shot = await cdp.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
  const path = artifactPath(name);
  writeFileSync(path, Buffer.from(shot.data, 'base64'));
  return path;
}

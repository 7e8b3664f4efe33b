/**
 * The toolbar badge as the service worker set it (text and tooltip), and a wait for it that checks
 * what it says: the matched story's disputed claims, counted by the core from the same story file,
 * so a badge that merely appears (or shows a stale count) does not pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { NO_DISPUTES_MARK } from '../../src/background/badge';
import { findDisputes } from '../../src/core/claims/disputes';
import type { Story } from '../../src/core/story/model';
import { importBytes } from '../../src/core/story/import';
import type { ChromeSession, Tab } from './chromium';
import { poll, ROOT } from './env';

export interface Badge {
  text: string;
  title: string;
}

/** The tab's badge text and tooltip, read in the service worker. */
export function readBadge(session: ChromeSession, tab: Tab): Promise<Badge> {
  return session.worker.evaluate(
    async (tabId) => ({ text: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }) }),
    tab.id,
  );
}

/** A story as the badge sees it: its title and how many disputed claims the core finds in it. */
export interface BadgeStory {
  title: string;
  disputes: number;
}

export const badgeStory = (story: Story): BadgeStory => ({ title: story.title, disputes: findDisputes(story).length });

const REFERENCE_FILE = join(ROOT, 'data/ukraine-ceasefire-2026-02.txt');
/** The built-in reference story, read from the file the build bundles. */
export const REFERENCE_STORY: BadgeStory = badgeStory(importBytes(readFileSync(REFERENCE_FILE), REFERENCE_FILE)[0]!);

/** The badge text a matched page of `story` must show. */
export const expectedBadgeText = (story: BadgeStory): string => (story.disputes === 0 ? NO_DISPUTES_MARK : String(story.disputes));

/**
 * Waits until the tab has a badge, then checks it is the story's: its disputes counted (or the
 * no-disputes mark), the story's title and the mark explained in the tooltip.
 */
export async function waitForStoryBadge(session: ChromeSession, tab: Tab, story: BadgeStory, where: string, timeout = 10_000): Promise<Badge> {
  const badge = await poll(() => readBadge(session, tab), (b) => b.text !== '', `a badge on ${where}`, { timeout });
  expect(badge.text, `the badge on ${where}`).toBe(expectedBadgeText(story));
  expect(badge.title, `the tooltip on ${where}`).toContain(story.title);
  expect(badge.title, `the tooltip on ${where}`).toContain(story.disputes === 0 ? 'no disputed claims' : `${story.disputes} disputed claim`);
  return badge;
}

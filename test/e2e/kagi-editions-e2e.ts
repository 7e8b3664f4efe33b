/**
 * The Kagi News editions both browsers' e2e tests serve at kite.kagi.com (test/support/kagi-editions.ts
 * over the dev stories) and the stories they follow through them: a category whose day 2 retitles one
 * story and stops listing another, and a World story the reader has imported under its id.
 */
import { expect } from 'vitest';
import { importJson } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { canonicalStory } from '../support/feed-server';
import { delisted, devEdition, retitled, storyOnDay, type RawStory } from '../support/kagi-editions';
import { rawKagiStories } from '../unit/helpers';

export const KAGI_HOST = 'kite.kagi.com';
export const raws = rawKagiStories() as unknown as RawStory[];
export const day1 = devEdition(raws, 1);
export const day2 = devEdition(raws, 2);
/** The library's id of dev story `i` (as imported on day 1). */
export const idOf = (i: number) => (importJson(storyOnDay(raws[i] as RawStory, i, 1), 'x')[0] as Story).id;
/** The origin the library shows for a Kagi category's stories. */
export const originOf = (category: string) => `https://${KAGI_HOST}/#${encodeURIComponent(category.toLowerCase())}`;
/** A category (not World) in which day 2 retitles one story and stops listing another. */
export const PICKED = [...day1.categories].find(([name, ids]) => name !== 'World' && ids.some(retitled) && ids.some(delisted))?.[0] as string;
export const PICKED_IDS = day1.categories.get(PICKED) ?? [];
export const RETITLED = PICKED_IDS.find(retitled) as number;
export const DELISTED = PICKED_IDS.find(delisted) as number;
export const WORLD = day1.categories.get('World') ?? [];
/** The reader's own story, under the id of a World story that every day lists. */
export const COLLIDING = WORLD.find((i) => !retitled(i) && !delisted(i)) as number;
export const MINE = canonicalStory(idOf(COLLIDING), 'My own notes on this story', 'Written by the reader.');

/** The dev data holds what the tests follow (a test of its own, so a change to the data says why). */
export function expectEditionsToHoldTheCases(): void {
  expect(PICKED).toBeDefined();
  expect(RETITLED).toBeGreaterThanOrEqual(0);
  expect(DELISTED).toBeGreaterThanOrEqual(0);
  expect(COLLIDING).toBeGreaterThanOrEqual(0);
}

/**
 * The toolbar badge: the story's disputed claims counted, a neutral mark for a story without any,
 * nothing for no story; the tooltip says what the mark means, in the extension's messages or English.
 */
import { describe, expect, it } from 'vitest';
import { badgeFor, NO_DISPUTES_MARK, type Messages } from '../../src/background/badge';

const none: Messages = () => '';
const echo: Messages = (key, subs = []) => `[${key}:${subs.join(',')}]`;

describe('badgeFor', () => {
  it('no story: no badge, the plain name as tooltip', () => {
    expect(badgeFor({ story: null }, echo)).toMatchObject({ text: '', title: 'Storylens' });
  });

  it('a story with disputes: their count, in another colour than a plain match, explained with the right plural', () => {
    const one = badgeFor({ story: { title: 'A story', disputes: 1 } }, echo);
    const three = badgeFor({ story: { title: 'A story', disputes: 3 } }, echo);
    const calm = badgeFor({ story: { title: 'A story', disputes: 0 } }, echo);
    expect(one.text).toBe('1');
    expect(one.title).toBe('Storylens: A story\n[badgeDisputes_one:1]');
    expect(three).toMatchObject({ text: '3', title: 'Storylens: A story\n[badgeDisputes_other:3]' });
    expect(three.color).not.toBe(calm.color);
  });

  it('a story without disputes: the neutral mark, explained', () => {
    expect(badgeFor({ story: { title: 'Quiet', disputes: 0 } }, echo)).toMatchObject({ text: NO_DISPUTES_MARK, title: `Storylens: Quiet\n[badgeNoDisputes:${NO_DISPUTES_MARK}]` });
  });

  it('counts too long for a badge are capped; English when the messages lack a key', () => {
    expect(badgeFor({ story: { title: 'Big', disputes: 250 } }, none)).toMatchObject({ text: '99+', title: 'Storylens: Big\n250: disputed claims in this story; open Storylens to see both sides.' });
    expect(badgeFor({ story: { title: 'Quiet', disputes: 0 } }, none).title).toContain('no disputed claims found');
  });

  const grew = { title: 'Followed one', counts: { articles: 2, timeline: 1, disputes: 0 } };
  const other = { title: 'Followed two', counts: { articles: 0, timeline: 0, disputes: 1 } };

  it('no story on the page, a followed story changed: "+" and the new items, its own colour, the story and its news in the tooltip', () => {
    const b = badgeFor({ story: null, followed: [grew, other] }, none);
    expect(b.text).toBe('+4');
    expect(b.color).not.toBe(badgeFor({ story: { title: 'x', disputes: 0 } }, none).color);
    expect(b.color).not.toBe(badgeFor({ story: { title: 'x', disputes: 2 } }, none).color);
    expect(b.title).toBe('Storylens\nNew in stories you follow (open Storylens on the story to see it):\nFollowed one: 2 new articles, 1 new timeline entry\nFollowed two: 1 new disputed claim');
    expect(badgeFor({ story: null, followed: [grew] }, echo).title).toBe('Storylens\n[badgeFollowedChanged:]\nFollowed one: 2 new articles, 1 new timeline entry');
  });

  it('a followed story without unseen changes marks nothing', () => {
    expect(badgeFor({ story: null, followed: [{ title: 'Seen', counts: { articles: 0, timeline: 0, disputes: 0 } }] }, none)).toEqual(badgeFor({ story: null }, none));
  });

  it('a matched page keeps its story’s badge; the tooltip adds the followed story’s news', () => {
    const b = badgeFor({ story: { title: 'A story', disputes: 3 }, followed: [grew] }, none);
    expect(b.text).toBe('3');
    expect(b.title).toBe('Storylens: A story\n3: disputed claims in this story; open Storylens to see both sides.\n\nNew in stories you follow (open Storylens on the story to see it):\nFollowed one: 2 new articles, 1 new timeline entry');
  });

  it('many changed stories: three named, the rest counted; a large total capped', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ title: `S${i}`, counts: { articles: 30, timeline: 0, disputes: 0 } }));
    const b = badgeFor({ story: null, followed: many }, none);
    expect(b.text).toBe('99+');
    expect(b.title.split('\n').slice(2)).toEqual(['S0: 30 new articles', 'S1: 30 new articles', 'S2: 30 new articles', 'and 2 more']);
  });
});

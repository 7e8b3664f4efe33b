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
});

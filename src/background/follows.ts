/**
 * The stories the reader follows, kept in `storage.local` (not in the library's IndexedDB store, so
 * that following never touches a stored story): per story, a snapshot of what the reader has seen
 * (keys of its articles, timeline entries and disputes, see core/library/changes.ts), what the last
 * check found new, and how much of that a notification already announced. The reader's notification
 * choice is kept beside it.
 *
 * Writes go one after another (a queue): a check after a sync and the popup marking a story seen may
 * run at the same time, and each reads, changes and writes the whole record set.
 */
import * as v from 'valibot';
import { changeSince, countsOf, snapshotOf, totalOf, type ChangeCounts, type StoryChange } from '../core/library/changes';
import type { Dispute } from '../core/claims/types';
import type { Story } from '../core/story/model';
import type { Browser } from './browser';

const FOLLOWS_KEY = 'follows';
const SETTINGS_KEY = 'followSettings';

const keys = v.array(v.string());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const FollowRecordSchema = v.object({
  id: v.string(),
  /** The story's title when last checked (the badge's tooltip names it). */
  title: v.string(),
  followedAt: v.string(),
  seenAt: v.string(),
  seen: v.object({ articles: keys, timeline: keys, disputes: keys }),
  /** What the last check found new since `seen`. */
  pending: v.object({ articles: count, timeline: count, disputes: count }),
  /** How many of the pending items a notification has announced (each change is announced once). */
  announced: count,
});
const FollowsSchema = v.record(v.string(), FollowRecordSchema);
const SettingsSchema = v.object({ notify: v.boolean() });

export type FollowRecord = v.InferOutput<typeof FollowRecordSchema>;
export interface FollowSettings {
  /** The reader turned notifications on in the options page (the permission is asked there). */
  notify: boolean;
}

/** A followed story as it is now: the story and its disputed claims, or undefined when it is gone. */
export type CurrentStory = (id: string) => Promise<{ story: Story; disputes: readonly Dispute[] } | undefined>;

/** A followed story with changes the reader has not seen. */
export interface FollowedChange {
  id: string;
  title: string;
  counts: ChangeCounts;
}

const NONE: ChangeCounts = { articles: 0, timeline: 0, disputes: 0 };

export function followStore(browser: Browser) {
  const area = browser.storage.local;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every write queued before it. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function read(): Promise<Record<string, FollowRecord>> {
    const raw = (await area.get(FOLLOWS_KEY))[FOLLOWS_KEY];
    if (raw === undefined) return {};
    const parsed = v.safeParse(FollowsSchema, raw);
    // Never overwrite what cannot be read: the reader's follows would be lost.
    if (!parsed.success) throw new Error(`storage.local "${FOLLOWS_KEY}": ${parsed.issues[0]?.message ?? 'invalid'} at ${parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? ''}`);
    return parsed.output;
  }
  const write = (all: Record<string, FollowRecord>) => area.set({ [FOLLOWS_KEY]: all });

  return {
    /** Ids of the followed stories: retention never removes these. */
    async followedIds(): Promise<ReadonlySet<string>> {
      return new Set(Object.keys(await read()));
    },

    async get(id: string): Promise<FollowRecord | null> {
      return (await read())[id] ?? null;
    },

    /** Starts following `story`: what it holds now counts as seen. */
    follow(story: Story, disputes: readonly Dispute[], now: Date): Promise<FollowRecord> {
      return serial(async () => {
        const all = await read();
        const at = now.toISOString();
        const record: FollowRecord = all[story.id] ?? { id: story.id, title: story.title, followedAt: at, seenAt: at, seen: snapshotOf(story, disputes), pending: { ...NONE }, announced: 0 };
        all[story.id] = record;
        await write(all);
        return record;
      });
    },

    /**
     * Stories an import replaced under a new id (recognised by shared article links): each follow
     * moves to the new id with what the reader had seen, so the next check shows what the new version
     * added. A follow already on the new id is kept as it is.
     */
    moved(pairs: readonly (readonly [from: string, to: string])[]): Promise<number> {
      return serial(async () => {
        const all = await read();
        let n = 0;
        for (const [from, to] of pairs) {
          const record = all[from];
          if (!record || from === to || all[to]) continue;
          all[to] = { ...record, id: to };
          delete all[from];
          n++;
        }
        if (n > 0) await write(all);
        return n;
      });
    },

    unfollow(id: string): Promise<boolean> {
      return serial(async () => {
        const all = await read();
        if (!(id in all)) return false;
        delete all[id];
        await write(all);
        return true;
      });
    },

    /**
     * The reader looks at the story: returns what is new since they last looked (null when the
     * story is not followed) and makes the story as it is now the seen one.
     */
    look(story: Story, disputes: readonly Dispute[], now: Date): Promise<{ change: StoryChange; since: string } | null> {
      return serial(async () => {
        const all = await read();
        const record = all[story.id];
        if (!record) return null;
        const change = changeSince(record.seen, story, disputes);
        all[story.id] = { ...record, title: story.title, seenAt: now.toISOString(), seen: snapshotOf(story, disputes), pending: { ...NONE }, announced: 0 };
        await write(all);
        return { change, since: record.seenAt };
      });
    },

    /**
     * Compares every followed story with what the reader has seen and keeps the counts for the
     * badge. Returns the stories with unseen changes, and those whose changes grew since the last
     * announcement (to notify about, once).
     */
    check(current: CurrentStory): Promise<{ changed: FollowedChange[]; announce: FollowedChange[] }> {
      return serial(async () => {
        const all = await read();
        const announce: FollowedChange[] = [];
        for (const record of Object.values(all)) {
          const now = await current(record.id);
          // A story no longer in the library keeps its record: it may come back with a later sync.
          if (!now) continue;
          const counts = countsOf(changeSince(record.seen, now.story, now.disputes));
          const total = totalOf(counts);
          if (total > record.announced) announce.push({ id: record.id, title: now.story.title, counts });
          all[record.id] = { ...record, title: now.story.title, pending: counts, announced: Math.min(record.announced, total) };
        }
        for (const a of announce) all[a.id] = { ...all[a.id]!, announced: totalOf(a.counts) };
        await write(all);
        return { changed: changedOf(all), announce };
      });
    },

    /** The followed stories with changes the reader has not seen, as the last check found them. */
    async changed(): Promise<FollowedChange[]> {
      return changedOf(await read());
    },

    async settings(): Promise<FollowSettings> {
      const raw = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
      const parsed = v.safeParse(SettingsSchema, raw);
      return parsed.success ? parsed.output : { notify: false };
    },

    async saveSettings(next: FollowSettings): Promise<void> {
      await area.set({ [SETTINGS_KEY]: next });
    },
  };
}
export type FollowStore = ReturnType<typeof followStore>;

function changedOf(all: Record<string, FollowRecord>): FollowedChange[] {
  return Object.values(all)
    .filter((r) => totalOf(r.pending) > 0)
    .map((r) => ({ id: r.id, title: r.title, counts: r.pending }));
}

/** The ids of the stories the reader follows (for retention: followed stories are never removed). */
export function followedIds(browser: Browser): Promise<ReadonlySet<string>> {
  return followStore(browser).followedIds();
}

/**
 * Failures the background met and could not show to anyone at the time (an alarm's feed sync, a
 * permission change, a tab that could not be scripted for an unexpected reason). They are kept on
 * this machine only, in `storage.local`, the newest last and at most `MAX_ERRORS` of them, for the
 * options page's diagnostics (`diagnostics.errors`); nothing is ever sent anywhere.
 */
import type { ErrorRecord } from '../messages';
import type { Browser } from './browser';

export type { ErrorRecord };

const KEY = 'diagnostics:errors';
/** Enough to see a pattern; a flood of one failure cannot grow storage. */
export const MAX_ERRORS = 50;
const MAX_MESSAGE = 500;

/**
 * Refusals the browser gives for tabs no extension may script or that went away while we worked:
 * they are expected (a browser page, the web store, a closed tab), not failures worth recording.
 */
const EXPECTED = /no tab with id|cannot access|cannot be scripted|missing host permission|error page|frame with id \d+ (?:was removed|is showing)|tab was closed|receiving end does not exist|extensions gallery/i;

export const isExpectedTabRefusal = (e: unknown): boolean => EXPECTED.test(messageOf(e));

function messageOf(e: unknown): string {
  if (e instanceof Error) return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`;
  return typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
}

export interface ErrorLog {
  /** Records a failure; never throws (a failing record is dropped, there is nowhere else to put it). */
  report(where: string, error: unknown): Promise<void>;
  list(): Promise<ErrorRecord[]>;
  clear(): Promise<void>;
}

export function errorLog(browser: Browser, now: () => Date = () => new Date()): ErrorLog {
  const area = browser.storage.local;
  // Records are appended one after another, so two failures at once do not overwrite each other.
  let queue: Promise<void> = Promise.resolve();
  const list = async (): Promise<ErrorRecord[]> => {
    const got = (await area.get(KEY))[KEY];
    return Array.isArray(got) ? (got as ErrorRecord[]) : [];
  };
  return {
    report(where, error) {
      const record: ErrorRecord = { at: now().toISOString(), where, message: messageOf(error).slice(0, MAX_MESSAGE) };
      queue = queue
        .then(async () => {
          const kept = await list();
          await area.set({ [KEY]: [...kept, record].slice(-MAX_ERRORS) });
        })
        .catch(() => {
          // Storage itself failed: there is nowhere else to keep the record.
        });
      return queue;
    },
    list,
    async clear() {
      await queue;
      await area.remove(KEY);
    },
  };
}

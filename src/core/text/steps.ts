/**
 * Long in-memory work as steps: a generator that yields between units of work (a story merged, a
 * story indexed) and returns its result. Whoever runs it chooses: at once (the CLI, tests), or with
 * a pause whenever a time budget is spent, so that a service worker answers what is queued meanwhile
 * (the pause is passed in: core code has no event loop of its own to yield to).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runSteps<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * Budget of one uninterrupted stretch: well under the 100 ms a ping may wait, and long enough that
 * the pauses (a task each) cost little next to the work.
 */
export const STEP_BUDGET_MS = 8;

/** Runs the steps, calling `pause` whenever `budgetMs` of work went by since the last one. */
export async function runStepsPaused<T>(steps: Steps<T>, pause: () => Promise<void>, budgetMs: number = STEP_BUDGET_MS): Promise<T> {
  let since = performance.now();
  let r = steps.next();
  while (!r.done) {
    if (performance.now() - since >= budgetMs) {
      await pause();
      since = performance.now();
    }
    r = steps.next();
  }
  return r.value;
}

/** Each item through `each`, pausing whenever `budgetMs` of work went by. */
export async function forEachPaused<T>(items: Iterable<T>, each: (item: T) => void, pause: () => Promise<void>, budgetMs: number = STEP_BUDGET_MS): Promise<void> {
  let since = performance.now();
  for (const item of items) {
    each(item);
    if (performance.now() - since >= budgetMs) {
      await pause();
      since = performance.now();
    }
  }
}

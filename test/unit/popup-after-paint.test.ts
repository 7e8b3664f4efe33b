import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../src/popup/afterPaint';

/** The page's animation frames, run only when the test says a frame came. */
function frames() {
  const waiting = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    waiting.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => waiting.delete(id));
  return {
    /** One frame: every callback asked for so far runs. */
    frame() {
      const due = [...waiting.values()];
      waiting.clear();
      for (const cb of due) cb(performance.now());
    },
    get pending() {
      return waiting.size;
    },
  };
}

/** The task queued after a frame or a timer (the fake clock runs a timer set inside another one a millisecond on). */
const nextTask = () => vi.advanceTimersByTime(1);

describe('afterPaint (the popup waits for a painted frame, not for a timer)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs after the next frame, in a task after it, however long the frame takes to come (up to the fallback)', () => {
    const page = frames();
    const then = vi.fn();
    afterPaint(then, 1000);
    // Preact's effects gave up waiting for a frame after 35 ms; this waits for the frame.
    vi.advanceTimersByTime(500);
    expect(then).not.toHaveBeenCalled();
    page.frame();
    // Not inside the frame's callback: the frame is painted first.
    expect(then).not.toHaveBeenCalled();
    nextTask();
    expect(then).toHaveBeenCalledTimes(1);
    // The fallback does not run it a second time.
    vi.advanceTimersByTime(2000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback when no frame comes (a hidden page), once, and a late frame does not run it again', () => {
    const page = frames();
    const then = vi.fn();
    afterPaint(then, 1000);
    vi.advanceTimersByTime(999);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).not.toHaveBeenCalled();
    nextTask();
    expect(then).toHaveBeenCalledTimes(1);
    expect(page.pending).toBe(0);
    page.frame();
    nextTask();
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, whether before the frame or between the frame and its task', () => {
    const page = frames();
    const early = vi.fn();
    afterPaint(early)();
    page.frame();
    vi.advanceTimersByTime(5000);
    expect(early).not.toHaveBeenCalled();

    const late = vi.fn();
    const cancel = afterPaint(late);
    page.frame();
    cancel();
    vi.advanceTimersByTime(5000);
    expect(late).not.toHaveBeenCalled();
  });
});

/**
 * After the next paint: at the page's next animation frame, then in a task (the frame is painted
 * between the two).
 *
 * Why not Preact's passive effects, which also wait for a frame: they wait at most 35 ms for it. A
 * toolbar popup gets no frame before the browser shows it, which is after its page has loaded, and
 * on a loaded machine that is often more than 35 ms after the story's render; the effects then ran
 * before the first paint, so the sections they render below the first screen were laid out and
 * painted with it, and the popup's "ready" mark came before anything was on screen (bench:popup, with
 * the title's paint read from Element Timing: marked ~240 ms before the paint, the paint ~370 ms after
 * the page's load, at a load average of 22 on 2 CPUs).
 *
 * `fallbackMs`: a page that gets no frames (hidden, as a tab in the background) runs `then` after
 * that long anyway. Returns a function that cancels what has not run yet.
 */
export function afterPaint(then: () => void, fallbackMs = 1000): () => void {
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => run());
  const fallback = setTimeout(() => run(), fallbackMs);
  function run(): void {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    task ??= setTimeout(then);
  }
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    if (task !== undefined) clearTimeout(task);
  };
}

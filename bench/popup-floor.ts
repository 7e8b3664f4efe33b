/**
 * bench:popup's browser floor: what a toolbar popup costs on this machine before any of Storylens
 * runs, measured the way the real popup is (ms from its navigation start to `storylens:ready`).
 *
 * Two pages are written into the bench's private copy of a build (never into dist/) and shown as the
 * toolbar popup with chrome.action.setPopup for one run at a time:
 *  - `empty`: an extension page with one small module script that marks `storylens:ready` after its
 *    first frame, the way the popup does (src/popup/afterPaint.ts: the next animation frame, then a
 *    task; a second without frames, then a task);
 *  - `message`: the same page that first asks the background for the tab's view (`tab.view`, the
 *    build's real answer) and puts the story's title on screen: the browser's floor plus the one
 *    round trip the real popup waits for, with none of its interface.
 * The real popup's time minus `message` is what its own scripts and render cost; `empty` is the part
 * no extension code can cut (opening the popup's page, its renderer, its first frame).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChromeSession } from '../test/e2e/chromium';

export type FloorPage = 'empty' | 'message';

/** The page's path inside the extension. */
export const floorPath = (page: FloorPage) => `bench-floor/${page}.html`;

const SCRIPT = `// bench:popup's browser floor (bench/popup-floor.ts).
const mark = () => {
  performance.mark('storylens:ready');
  performance.mark('storylens:complete');
};
// When the popup marks its ready (src/popup/afterPaint.ts): after the next frame (a second without one), in a task.
function afterNextFrame(callback) {
  let raf = 0;
  const done = () => {
    clearTimeout(timer);
    cancelAnimationFrame(raf);
    setTimeout(callback);
  };
  const timer = setTimeout(done, 1000);
  raf = requestAnimationFrame(done);
}
performance.mark('storylens:view-asked');
if (document.documentElement.dataset.page === 'message') {
  chrome.runtime.sendMessage({ type: 'tab.view', payload: {} }).then((r) => {
    performance.mark('storylens:view-answered');
    document.querySelector('main').textContent = r && r.ok && r.value.story ? r.value.story.title : JSON.stringify(r);
    afterNextFrame(mark);
  });
} else {
  performance.mark('storylens:view-answered');
  afterNextFrame(mark);
}
`;

const html = (page: FloorPage) => `<!doctype html>
<html lang="en" data-page="${page}">
  <head>
    <meta charset="utf-8" />
    <title>Storylens bench floor</title>
    <script type="module" src="./floor.js"></script>
  </head>
  <body>
    <main elementtiming="storylens-story">Storylens</main>
  </body>
</html>
`;

/** Writes the floor's pages into an extension directory (the bench's copy of a build). */
export function writeFloorPages(extensionDir: string): void {
  const dir = join(extensionDir, 'bench-floor');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'floor.js'), SCRIPT);
  for (const page of ['empty', 'message'] as const) writeFileSync(join(dir, `${page}.html`), html(page));
}

/** Runs `open` with the floor page as the toolbar popup, then gives the manifest's popup back. */
export async function withFloorPopup<T>(s: ChromeSession, page: FloorPage, open: () => Promise<T>): Promise<T> {
  await s.worker.evaluate((popup) => chrome.action.setPopup({ popup }), floorPath(page));
  try {
    return await open();
  } finally {
    await s.worker.evaluate(() => chrome.action.setPopup({ popup: chrome.runtime.getManifest().action?.default_popup ?? '' }));
  }
}

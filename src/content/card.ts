/**
 * The in-page verdict card for Check claim. Injected on demand (scripting.executeScript, under the
 * activeTab grant the context menu or keyboard command gives), it draws one card beside the selection
 * inside a closed shadow root: the page can neither restyle it nor read it, and it cannot restyle
 * the page. All text goes in through textContent; nothing from a story or a page is parsed as HTML.
 *
 * The host is a plain <div>, never a custom element name: a page may define a custom element under
 * any such name before the card is made, and then its constructor runs on our element and
 * attachInternals() hands it the closed shadow root. A <div> cannot be defined, upgraded or (without
 * an `is` given at creation) customised by the page.
 *
 * Esc, the close button or a click outside removes it; focus moves into the card and back to where
 * it was.
 */
import type { Verdict } from '../core/claims/check';
import type { TabMessage } from '../messages';

interface CardApi {
  runtime: {
    id?: string;
    onMessage: { addListener(fn: (message: unknown, sender: { id?: string }) => void): void };
  };
}

const FLAG = '__storylensCard';
/** Marks the host for the extension's own tests; the page could find the host anyway (it is in its DOM). */
export const CARD_ATTRIBUTE = 'data-storylens-card';
const LABELS: Record<Verdict['verdict'], string> = {
  disputed: 'Disputed',
  supported: 'Supported',
  contradicted: 'Contradicted',
  'fact-checked': 'Fact-checked',
  'not-found': 'Nothing found',
};

const STYLE = `
:host { all: initial !important; position: absolute !important; z-index: 2147483647 !important; display: block !important; }
.card { box-sizing: border-box; width: min(420px, calc(100vw - 24px)); max-height: 60vh; overflow: auto; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1a1d24; background: #fff; border: 1px solid #c9cfda; border-radius: 10px; box-shadow: 0 8px 28px rgb(0 0 0 / .22); padding: 12px 36px 12px 14px; position: relative; }
@media (prefers-color-scheme: dark) { .card { color: #e8eaef; background: #1c2029; border-color: #3a4150; } .side { border-color: #9fb6ff; } .muted { color: #b3bac8; } }
.close { position: absolute; top: 6px; right: 6px; width: 28px; height: 28px; border: 0; border-radius: 6px; background: transparent; color: inherit; font-size: 18px; cursor: pointer; }
.close:focus-visible, .card:focus-visible { outline: 2px solid #1c2e5c; outline-offset: 2px; }
.badge { display: inline-block; font-weight: 700; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; padding: 2px 8px; border-radius: 10px; background: #e3e9f6; color: #1c2e5c; }
.badge.disputed, .badge.contradicted { background: #fde7d2; color: #7a3000; }
.badge.supported { background: #d9f2e1; color: #0d5124; }
.brand { font-size: 12px; margin-left: 6px; }
h2 { font-size: 15px; margin: 8px 0 6px; }
p { margin: 0 0 6px; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 8px; margin-top: 6px; }
.side { border-left: 3px solid #1c2e5c; padding-left: 8px; }
.who { font-weight: 700; }
.muted { color: #4f5666; font-size: 12px; }
ul { margin: 4px 0 0; padding-left: 18px; }
a { color: inherit; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const sourcesLine = (outlets: string[], citations: number[]) =>
  `${outlets.length ? outlets.join(', ') : 'the story'}${citations.length ? ` [${citations.join('][')}]` : ''}`;

function render(shadow: ShadowRoot, v: Verdict, claim: string, close: () => void): HTMLElement {
  const card = el('div', 'card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', `Storylens: ${LABELS[v.verdict]}`);
  card.tabIndex = -1;
  const closeBtn = el('button', 'close', '×');
  closeBtn.type = 'button';
  closeBtn.setAttribute('aria-label', 'Close');
  closeBtn.addEventListener('click', close);
  card.append(closeBtn);
  const head = el('p');
  head.append(el('span', `badge ${v.verdict}`, LABELS[v.verdict]), el('span', 'muted brand', 'Storylens'));
  card.append(head, el('p', 'muted', `“${claim.length > 160 ? `${claim.slice(0, 160)}…` : claim}”`));
  if (v.verdict === 'disputed' && v.dispute) {
    card.append(el('h2', undefined, v.dispute.question));
    const sides = el('div', 'sides');
    for (const s of v.evidence) {
      const side = el('div', 'side');
      const [who, ...rest] = s.text.split(': ');
      side.append(el('p', 'who', who ?? ''), el('p', undefined, `“${rest.join(': ')}”`), el('p', 'muted', `Reported by ${sourcesLine(s.outlets, s.citations)}`));
      sides.append(side);
    }
    card.append(sides);
  } else {
    card.append(el('p', 'reason', v.summary));
    if (v.evidence.length) {
      const list = el('ul', 'evidence');
      for (const e of v.evidence.slice(0, 4)) {
        const li = el('li');
        li.append(el('span', undefined, e.text), el('span', 'muted', ` — ${sourcesLine(e.outlets, e.citations)}`));
        list.append(li);
      }
      card.append(list);
    }
    if (v.factCheck) {
      const p = el('p', 'muted', `${v.factCheck.publisher ?? 'A fact-checker'} rated “${v.factCheck.claim}”: ${v.factCheck.rating ?? 'no rating'}. `);
      if (v.factCheck.url && /^https?:\/\//.test(v.factCheck.url)) {
        const a = el('a', undefined, 'Read the fact-check');
        a.href = v.factCheck.url;
        a.target = '_blank';
        a.rel = 'noreferrer noopener';
        p.append(a);
      }
      card.append(p);
    }
  }
  shadow.append(card);
  return card;
}

/** The card now shown (one per page), and how to close it. */
let shown: { host: HTMLElement; close: (restoreFocus: boolean) => void } | null = null;

/** Shows a verdict beside the current selection, replacing any card already shown. */
export function showCard(v: Verdict, claim: string): void {
  shown?.close(false);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const host = document.createElement('div');
  host.setAttribute(CARD_ATTRIBUTE, '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  shadow.append(style);
  const inside = (e: Event) => e.composedPath().includes(host);
  // Esc is taken at the window's capture phase, before the page's own handlers, and consumed: a
  // page cannot keep the card open, and the browser never sees an unhandled Escape for it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    close(true);
  };
  const onPointer = (e: Event) => {
    if (!inside(e)) close(false);
  };
  const close = (restoreFocus: boolean) => {
    if (shown?.host !== host) return;
    shown = null;
    host.remove();
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('pointerdown', onPointer, true);
    if (restoreFocus && previous?.isConnected) previous.focus({ preventScroll: true });
  };
  const card = render(shadow, v, claim, () => close(true));
  const selection = window.getSelection();
  const rect = selection?.rangeCount ? selection.getRangeAt(0).getBoundingClientRect() : undefined;
  const top = (rect && rect.height ? rect.bottom : 80) + window.scrollY + 8;
  const left = Math.max(8, Math.min((rect?.left ?? 24) + window.scrollX, window.scrollX + document.documentElement.clientWidth - 430));
  host.style.setProperty('top', `${top}px`, 'important');
  host.style.setProperty('left', `${left}px`, 'important');
  document.documentElement.append(host);
  shown = { host, close };
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('pointerdown', onPointer, true);
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** A `verdict.show` message as the background sends it (the shape is checked: it crossed a boundary). */
function verdictShow(message: unknown): Extract<TabMessage, { type: 'verdict.show' }> | null {
  const m = message as Partial<Extract<TabMessage, { type: 'verdict.show' }>> | null;
  if (typeof m !== 'object' || m === null || m.type !== 'verdict.show' || typeof m.claim !== 'string') return null;
  const v = m.verdict;
  if (typeof v !== 'object' || v === null || !Object.hasOwn(LABELS, v.verdict) || !Array.isArray(v.evidence) || typeof v.summary !== 'string') return null;
  return m as Extract<TabMessage, { type: 'verdict.show' }>;
}

const ext = ((globalThis as { browser?: CardApi }).browser ?? (globalThis as { chrome?: CardApi }).chrome) as CardApi | undefined;
const g = globalThis as Record<string, unknown>;
if (ext && !g[FLAG]) {
  g[FLAG] = true;
  ext.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== ext.runtime.id) return;
    const m = verdictShow(message);
    if (!m) return;
    try {
      showCard(m.verdict, m.claim);
    } catch {
      // A page that breaks the DOM APIs gets no card, and no error either.
    }
  });
}

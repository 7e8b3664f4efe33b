import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Send } from '../client';
import { KAGI_ATTRIBUTION } from '../core/feeds/kagi-attribution';
import type { KagiView } from '../messages';

const plural = new Intl.PluralRules('en');
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${plural.select(n) === 'one' ? one : many}`;
/** An error as a clause inside our own sentence (its final full stop is ours). */
const clause = (e: string) => e.replace(/\.+$/, '');
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : null);

/** Categories listed in the chooser before the reader types a filter (Kagi lists about 190). */
const FIRST_SHOWN = 40;

function Attribution() {
  return (
    <p class="muted small kagi-attribution">
      Stories:{' '}
      <a href={KAGI_ATTRIBUTION.url} target="_blank" rel="noreferrer">
        {KAGI_ATTRIBUTION.source}
      </a>
      ,{' '}
      <a href={KAGI_ATTRIBUTION.licenseUrl} target="_blank" rel="noreferrer">
        {KAGI_ATTRIBUTION.license}
      </a>
    </p>
  );
}

/**
 * Kagi News as a source of the library: off until the reader opts in here; nothing is fetched from
 * Kagi before. Opting in asks the browser for access to kite.kagi.com (an optional host permission,
 * within the click that needs it), then lists the categories kite.json gives (World chosen), syncs
 * once, and from then on the background refreshes once a day after Kagi's publication. Turning it
 * off gives the permission back; the stories stay for the retention period.
 */
export function KagiNews({ send, onLibraryChange }: { send: Send; onLibraryChange: () => void }) {
  /** null while the background has not answered. */
  const [view, setView] = useState<KagiView | null>(null);
  /** The names kite.json lists; null while not (yet) read. */
  const [names, setNames] = useState<string[] | null>(null);
  const [namesError, setNamesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'toggle' | 'sync' | 'choose' | null>(null);
  const [filter, setFilter] = useState('');
  const [days, setDays] = useState('');
  /** Whether the browser lets Storylens read kite.kagi.com (the reader may take it back in the browser's settings). */
  const [permitted, setPermitted] = useState(true);

  const show = (v: KagiView) => {
    setView(v);
    setDays(String(v.retentionDays));
  };

  const loadNames = useCallback(async () => {
    setNamesError(null);
    const r = await send('kagi.categories', {});
    if (r.ok) setNames([...r.value].sort((a, b) => a.localeCompare(b)));
    else setNamesError(r.error);
  }, [send]);

  useEffect(() => {
    void send('kagi.get', {}).then(async (r) => {
      if (!r.ok) return setError(r.error);
      show(r.value);
      if (!r.value.enabled) return;
      const allowed = await browser.permissions.contains({ origins: [r.value.hostPattern] });
      setPermitted(allowed);
      if (allowed) void loadNames();
    });
  }, [send, loadNames]);

  async function sync() {
    setBusy('sync');
    setError(null);
    const r = await send('kagi.sync', {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    show(r.value);
    onLibraryChange();
  }

  async function toggle() {
    if (!view) return;
    setBusy('toggle');
    setError(null);
    try {
      const want = !view.enabled;
      const permission = { origins: [view.hostPattern] };
      // Asked first, within the click: the browser may show its prompt only then.
      if (want && !(await browser.permissions.request(permission))) return setError('The browser did not allow Storylens to read kite.kagi.com; Kagi News stays off.');
      const r = await send('kagi.set', { enabled: want });
      if (!r.ok) return setError(r.error);
      show(r.value);
      if (!want) {
        setNames(null);
        // Given back; a permission the browser granted at install cannot be, and stays.
        await browser.permissions.remove(permission).catch(() => undefined);
        onLibraryChange();
        return;
      }
      setPermitted(true);
      void loadNames();
      setBusy('sync');
      const synced = await send('kagi.sync', {});
      if (!synced.ok) return setError(synced.error);
      show(synced.value);
      onLibraryChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  /** Asks again for the permission the reader took back, within the click. */
  async function allow() {
    if (!view) return;
    setError(null);
    try {
      if (!(await browser.permissions.request({ origins: [view.hostPattern] }))) return setError('The browser did not allow Storylens to read kite.kagi.com.');
      setPermitted(true);
      void loadNames();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function choose(name: string, on: boolean) {
    if (!view) return;
    const next = on ? [...view.categories, name] : view.categories.filter((c) => c.toLowerCase() !== name.toLowerCase());
    if (next.length === 0) return setError('Keep at least one category, or turn Kagi News off.');
    setBusy('choose');
    setError(null);
    const r = await send('kagi.set', { categories: next });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    show(r.value);
    if (!on) onLibraryChange();
  }

  async function saveDays(e: Event) {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) return setError('Keep stories for a whole number of days from 1 to 3,650.');
    setError(null);
    const r = await send('kagi.set', { retentionDays: n });
    if (!r.ok) return setError(r.error);
    show(r.value);
  }

  const chosen = useMemo(() => new Set((view?.categories ?? []).map((c) => c.toLowerCase())), [view]);
  const q = filter.trim().toLowerCase();
  const matching = (names ?? []).filter((n) => !q || n.toLowerCase().includes(q));
  // The reader's own categories first, then the others, so a choice is never lost below the fold.
  const ordered = [...matching.filter((n) => chosen.has(n.toLowerCase())), ...matching.filter((n) => !chosen.has(n.toLowerCase()))];
  const listed = q ? ordered : ordered.slice(0, Math.max(FIRST_SHOWN, chosen.size));

  return (
    <section aria-labelledby="kagi-h" class="kagi">
      <h2 id="kagi-h">Kagi News</h2>
      <p>
        Kagi News publishes the day’s news as stories, once a day around 12:00 UTC, in about 190 categories. Storylens can keep the categories you choose in your library and refresh them daily. Nothing is fetched from Kagi until you
        turn this on; the browser then asks you to let Storylens read kite.kagi.com.
      </p>
      <Attribution />
      {view === null && !error && <p class="muted small">Loading…</p>}
      {view && (
        <label class="row">
          <input type="checkbox" checked={view.enabled} disabled={busy !== null} onChange={() => void toggle()} /> Keep Kagi News stories in my library
        </label>
      )}
      {error && (
        <p class="message error" role="alert">
          {error}
        </p>
      )}
      {view?.enabled && !permitted && (
        <p class="feed-error" role="status">
          The browser no longer lets Storylens read kite.kagi.com, so nothing can be synced.{' '}
          <button type="button" class="link" onClick={() => void allow()}>
            Allow it again
          </button>
        </p>
      )}
      {view?.enabled && (
        <>
          <div class="row">
            <button type="button" class="primary" disabled={busy !== null} onClick={() => void sync()}>
              {busy === 'sync' ? 'Syncing…' : 'Sync now'}
            </button>
            <span class="muted small" role="status">
              {busy === 'sync'
                ? 'Fetching the chosen categories…'
                : view.status.lastSuccess
                  ? `Last synced ${when(view.status.lastSuccess)}${view.status.nextRun ? `; next ${when(view.status.nextRun)}` : ''}.`
                  : 'Not synced yet.'}
            </span>
          </div>
          {view.status.error && (
            <p class="feed-error" role="status">
              Last attempt failed: {clause(view.status.error)}. The stories already in your library are kept.
            </p>
          )}

          <h3 id="kagi-chosen-h">Your categories</h3>
          <ul class="kagi-status" aria-labelledby="kagi-chosen-h">
            {view.status.categories.map((c) => (
              <li key={c.name}>
                <span class="kagi-name">{c.name}</span>{' '}
                <span class="muted small">
                  {count(c.stories, 'story', 'stories')}
                  {c.lastSuccess ? ` · synced ${when(c.lastSuccess)}` : ' · not synced yet'}
                </span>
                {c.error && <span class="feed-error small"> · failed: {clause(c.error)}</span>}
              </li>
            ))}
          </ul>

          <h3 id="kagi-choose-h">Choose categories</h3>
          {names === null && !namesError && <p class="muted small">Reading Kagi’s category list…</p>}
          {namesError && (
            <p class="feed-error" role="status">
              The category list could not be read: {clause(namesError)}.{' '}
              <button type="button" class="link" onClick={() => void loadNames()}>
                Try again
              </button>
            </p>
          )}
          {names && (
            <>
              <label class="visually-hidden" for="kagi-filter">
                Find a category
              </label>
              <input id="kagi-filter" type="search" placeholder={`Find one of ${names.length} categories`} value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
              <fieldset class="kagi-choices" aria-labelledby="kagi-choose-h" disabled={busy !== null}>
                {listed.length === 0 && <p class="muted small">{names.length === 0 ? 'Kagi News lists no categories right now.' : `No category matches “${filter.trim()}”.`}</p>}
                {listed.map((n) => (
                  <label key={n} class="kagi-choice">
                    <input type="checkbox" checked={chosen.has(n.toLowerCase())} onChange={(e) => void choose(n, (e.target as HTMLInputElement).checked)} /> {n}
                  </label>
                ))}
              </fieldset>
              {!q && ordered.length > listed.length && <p class="muted small">{count(ordered.length - listed.length, 'more category', 'more categories')}: type to find them.</p>}
              <p class="muted small">A new category’s stories arrive with the next sync.</p>
            </>
          )}

          <form class="row" onSubmit={(e) => void saveDays(e)}>
            <label for="kagi-days">Keep stories that Kagi News or a feed no longer lists for</label>
            <input id="kagi-days" type="number" min={1} max={3650} step={1} required value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} class="days" /> days
            <button type="submit" disabled={busy !== null || days === String(view.retentionDays)}>
              Save
            </button>
          </form>
          <p class="muted small">Stories you follow or imported yourself are kept whatever this says.</p>
        </>
      )}
    </section>
  );
}

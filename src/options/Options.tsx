import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { KAGI_DEFAULT_BASE } from '../core/feeds/kagi-news';
import { exportLibrary } from '../core/library/import';
import type { FactCheck } from '../core/claims/factchecks';
import type { FeedStatus, ImportPreview, LibraryEntry } from '../messages';
import type { Send } from '../client';
import { uploadFile } from './upload';
import { KagiNews } from './KagiNews';
import { Notifications } from './Notifications';

/** Optional access to every site, for article detection beyond the known outlets. */
const ALL_SITES = { origins: ['https://*/*'] };

type Pending = { name: string; upload: string; preview: ImportPreview } | null;

/** Where an action's feedback shows: next to the control that caused it. */
type Area = 'library' | 'import' | 'factchecks' | 'feeds';

/** Fact-checks listed before "Show all". */
const FIRST_FACTCHECKS = 20;
interface Message {
  area: Area;
  kind: 'ok' | 'error';
  text: string;
}
/** A removed story, kept until the next action so Remove can be undone. */
interface Removed {
  entry: LibraryEntry;
  /** The story as a library export, to import it back; null for a built-in story (restored instead). */
  backup: string | null;
}

/** Where a story came from, in words: a Kagi category by its name, a story no source lists any more as such. */
function originLabel(origin: string): string {
  if (origin === 'builtin') return 'built in';
  if (origin === 'import') return 'imported';
  if (origin === 'unlisted') return 'no longer listed (kept for now)';
  if (origin.startsWith(`${KAGI_DEFAULT_BASE}#`)) return `Kagi News: ${decodeURIComponent(origin.slice(KAGI_DEFAULT_BASE.length + 1))}`;
  return origin;
}

const plural = new Intl.PluralRules('en');
const count = (n: number, one: string, many: string) => `${n} ${plural.select(n) === 'one' ? one : many}`;

/** The feedback of one area, in a status (or alert) region beside its controls. */
function Feedback({ area, message, children }: { area: Area; message: Message | null; children?: preact.ComponentChildren }) {
  const mine = message?.area === area ? message : null;
  return (
    <div class="feedback" role="status">
      {mine && (
        <p class={`message ${mine.kind}`}>
          {mine.text}
          {children ? <> {children}</> : null}
        </p>
      )}
    </div>
  );
}

export function Options({ send }: { send: Send }) {
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [feeds, setFeeds] = useState<FeedStatus[]>([]);
  const [checks, setChecks] = useState<FactCheck[]>([]);
  const [allChecks, setAllChecks] = useState(false);
  const [filter, setFilter] = useState('');
  const [message, setMessageState] = useState<Message | null>(null);
  const [removed, setRemoved] = useState<Removed | null>(null);
  /** Any new action makes the last feedback (and the chance to undo a removal) stale. */
  const setMessage = (m: Message | null) => {
    setMessageState(m);
    setRemoved(null);
  };
  const fail = (area: Area, text: string) => setMessage({ area, kind: 'error', text });
  const [pending, setPending] = useState<Pending>(null);
  const [feedUrl, setFeedUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [refresh, setRefresh] = useState(180);
  const [allSites, setAllSites] = useState(false);
  const [dragging, setDragging] = useState(false);

  const reload = useCallback(async () => {
    const [e, f, s, c] = await Promise.all([send('library.entries', {}), send('feeds.list', {}), send('settings.get', {}), send('factchecks.list', {})]);
    if (c.ok) setChecks(c.value);
    if (e.ok) setEntries(e.value);
    else setMessageState({ area: 'library', kind: 'error', text: e.error });
    if (f.ok) setFeeds(f.value);
    if (s.ok) setRefresh(s.value.refreshMinutes);
  }, [send]);

  useEffect(() => {
    void reload();
    void browser.permissions.contains(ALL_SITES).then(setAllSites);
  }, [reload]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (entries ?? []).filter((e) => !q || e.title.toLowerCase().includes(q) || e.origin.toLowerCase().includes(q));
  }, [entries, filter]);

  async function readFile(file: File) {
    setMessage(null);
    if (file.size > 64 * 1024 * 1024) {
      fail('import', `${file.name}: the file is larger than 64 MB.`);
      return;
    }
    // Sent in parts and decoded by the background, as every import is (upload.ts).
    const up = await uploadFile(send, file);
    if (!up.ok) return fail('import', up.error);
    const upload = up.value;
    const r = await send('upload.preview', { id: upload, name: file.name });
    if (r.ok) setPending({ name: file.name, upload, preview: r.value });
    else fail('import', r.error);
  }

  async function commit() {
    if (!pending) return;
    setMessage(null);
    setBusy(true);
    const r = await send('upload.import', { id: pending.upload, name: pending.name });
    setBusy(false);
    setPending(null);
    if (r.ok) setMessage({ area: 'import', kind: 'ok', text: `Imported ${count(r.value.added, 'new story', 'new stories')} and ${count(r.value.replaced, 'update', 'updates')}${r.value.factChecks ? ` and ${count(r.value.factChecks, 'fact-check', 'fact-checks')}` : ''}.` });
    else fail('import', r.error);
    await reload();
  }

  async function exportAll() {
    setMessage(null);
    const r = await send('library.export', {});
    if (!r.ok) return fail('library', r.error);
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function remove(entry: LibraryEntry) {
    setMessage(null);
    // An imported or synced story is kept as an export until the next action, to import it back.
    const got = entry.origin === 'builtin' ? null : await send('story.get', { id: entry.id });
    const backup = got?.ok && got.value ? exportLibrary([got.value.story], []) : null;
    const r = await send('library.remove', { id: entry.id });
    if (!r.ok) fail('library', r.error);
    else {
      setMessageState({ area: 'library', kind: 'ok', text: `Removed “${entry.title}”.` });
      if (entry.origin === 'builtin' || backup) setRemoved({ entry, backup });
    }
    await reload();
  }

  async function undoRemove() {
    if (!removed) return;
    const r = removed.backup === null ? await send('library.restore', {}) : await send('library.import', { name: 'undo.json', text: removed.backup });
    if (r.ok) setMessage({ area: 'library', kind: 'ok', text: `“${removed.entry.title}” is back in your library.` });
    else fail('library', r.error);
    await reload();
  }

  async function removeFactCheck(check: FactCheck) {
    setMessage(null);
    const r = await send('factchecks.remove', { id: check.id });
    if (r.ok) setMessage({ area: 'factchecks', kind: 'ok', text: `Removed the fact-check of “${check.claim}”.` });
    else fail('factchecks', r.error);
    await reload();
  }

  async function addFeed(e: Event) {
    e.preventDefault();
    setMessage(null);
    let origin: string;
    try {
      const u = new URL(feedUrl.trim());
      const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) throw new Error('Feeds must use https:// (plain http only on localhost).');
      origin = `${u.protocol}//${u.hostname}/*`;
    } catch (err) {
      fail('feeds', err instanceof Error && err.message.startsWith('Feeds') ? err.message : 'That is not a valid feed address.');
      return;
    }
    // The browser asks the reader to allow Storylens to read this one site, and nothing else.
    const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
    if (!granted) {
      fail('feeds', 'Storylens needs your permission to read that site to subscribe to its feed.');
      return;
    }
    setBusy(true);
    const r = await send('feeds.add', { url: feedUrl.trim() });
    setBusy(false);
    if (r.ok) {
      setFeedUrl('');
      setMessage(
        r.value.error
          ? { area: 'feeds', kind: 'error', text: `Subscribed, but the first sync failed: ${r.value.error}` }
          : { area: 'feeds', kind: 'ok', text: `Subscribed: ${count(r.value.stories, 'story', 'stories')}, ${count(r.value.factChecks, 'fact-check', 'fact-checks')}.` },
      );
    } else fail('feeds', r.error);
    await reload();
  }

  async function toggleAllSites() {
    const next = allSites ? await browser.permissions.remove(ALL_SITES) : await browser.permissions.request(ALL_SITES);
    setAllSites(allSites ? !next : next);
  }

  return (
    <main>
      <h1>Storylens</h1>

      <section aria-labelledby="library-h">
        <h2 id="library-h">Library</h2>
        <div class="row">
          <label class="visually-hidden" for="filter">
            Filter stories
          </label>
          <input id="filter" type="search" placeholder="Filter stories" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
          <button type="button" onClick={exportAll}>
            Export library
          </button>
          <button
            type="button"
            onClick={async () => {
              setMessage(null);
              const r = await send('library.restore', {});
              if (r.ok) setMessage({ area: 'library', kind: 'ok', text: r.value.restored ? `Restored ${count(r.value.restored, 'built-in story', 'built-in stories')}.` : 'The built-in story is already in your library.' });
              else fail('library', r.error);
              await reload();
            }}
          >
            Restore built-in story
          </button>
        </div>
        <Feedback area="library" message={message}>
          {removed && (
            <button type="button" class="link" onClick={undoRemove}>
              Undo
            </button>
          )}
        </Feedback>
        {entries === null ? (
          <p class="muted">Loading…</p>
        ) : shown.length === 0 ? (
          <p class="muted">{entries.length === 0 ? 'Your library is empty. Import a file or subscribe to a feed below.' : 'No story matches the filter.'}</p>
        ) : (
          <table>
            <caption class="visually-hidden">Stories in your library</caption>
            <thead>
              <tr>
                <th scope="col">Story</th>
                <th scope="col">Articles</th>
                <th scope="col">From</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id} class={e.hidden ? 'hidden-entry' : undefined}>
                  <td>{e.title}</td>
                  <td>
                    {e.articleCount}
                    <span class="narrow-only"> {plural.select(e.articleCount) === 'one' ? 'article' : 'articles'}</span>
                  </td>
                  <td class="muted">{originLabel(e.origin)}</td>
                  <td>
                    <button type="button" class="link" aria-label={`Remove “${e.title}”`} onClick={() => remove(e)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="import-h">
        <h2 id="import-h">Import</h2>
        <div
          class={`drop ${dragging ? 'over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const f = e.dataTransfer?.files[0];
            if (f) void readFile(f);
          }}
        >
          <p>Drop a story file here, or</p>
          <label class="button">
            Choose a file…
            <input
              type="file"
              class="visually-hidden"
              accept=".txt,.json,.jsonl,.jsonld,text/plain,application/json"
              onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (f) void readFile(f);
                (e.target as HTMLInputElement).value = '';
              }}
            />
          </label>
          <p class="muted small">Story text, Kagi News JSON, Storylens JSON (including a library export), or fact-checks (ClaimReview, Google Fact Check Tools, JSONL).</p>
        </div>
        <Feedback area="import" message={message} />
        {pending && (
          <div class="preview" role="region" aria-label="Import preview">
            <h3>{pending.name}</h3>
            <p>
              {count(pending.preview.stories.length, 'story', 'stories')}{pending.preview.factChecks ? `, ${count(pending.preview.factChecks, 'fact-check', 'fact-checks')}` : ''}
              {pending.preview.replaces.length ? `; replaces ${pending.preview.replaces.length} already in your library` : ''}.
            </p>
            <ul>
              {pending.preview.stories.slice(0, 10).map((s) => (
                <li key={s.id}>
                  {s.title} <span class="muted">({s.articleCount} articles)</span>
                </li>
              ))}
              {pending.preview.stories.length > 10 && <li class="muted">… and {pending.preview.stories.length - 10} more</li>}
            </ul>
            <div class="row">
              <button type="button" class="primary" disabled={busy} onClick={commit}>
                Import
              </button>
              <button type="button" onClick={() => setPending(null)}>
                Cancel import
              </button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="factchecks-h">
        <h2 id="factchecks-h">Fact-checks</h2>
        <Feedback area="factchecks" message={message} />
        {checks.length === 0 ? (
          <p class="muted">No fact-checks yet. Import a fact-check file or subscribe to a fact-check feed; Check claim consults them when no story speaks to a claim.</p>
        ) : (
          <>
            <p class="muted small">{count(checks.length, 'fact-check', 'fact-checks')}. One removed from a feed comes back with the feed’s next sync.</p>
            <ul class="factchecks">
              {(allChecks ? checks : checks.slice(0, FIRST_FACTCHECKS)).map((c) => (
                <li key={c.id}>
                  <p class="fc-claim">{c.claim}</p>
                  <p class="muted small">
                    {[c.publisher, c.rating ? `rated “${c.rating}”` : '', c.reviewDate?.slice(0, 10)].filter(Boolean).join(' · ')}
                    {c.url && /^https:\/\//.test(c.url) && (
                      <>
                        {' · '}
                        <a href={c.url} target="_blank" rel="noreferrer noopener">
                          Read it
                        </a>
                      </>
                    )}
                  </p>
                  <button type="button" class="link" aria-label={`Remove the fact-check of “${c.claim}”`} onClick={() => removeFactCheck(c)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            {checks.length > FIRST_FACTCHECKS && (
              <button type="button" onClick={() => setAllChecks(!allChecks)}>
                {allChecks ? 'Show fewer' : `Show all ${checks.length} fact-checks`}
              </button>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="feeds-h">
        <h2 id="feeds-h">Feeds</h2>
        <form class="row" onSubmit={addFeed}>
          <label class="visually-hidden" for="feed-url">
            Feed address
          </label>
          <input id="feed-url" type="url" required placeholder="https://example.com/stories.json" value={feedUrl} onInput={(e) => setFeedUrl((e.target as HTMLInputElement).value)} />
          <button type="submit" class="primary" disabled={busy}>
            Subscribe
          </button>
        </form>
        <Feedback area="feeds" message={message} />
        {feeds.length === 0 ? (
          <p class="muted">No feeds yet. A feed serves Storylens JSON, Kagi News JSON or ClaimReview fact-checks over https.</p>
        ) : (
          <ul class="feeds">
            {feeds.map((f) => (
              <li key={f.url}>
                <p class="feed-url">{f.url}</p>
                <p class="muted small">
                  {count(f.stories, 'story', 'stories')}, {count(f.factChecks, 'fact-check', 'fact-checks')} · last sync {f.lastSuccess ? new Date(f.lastSuccess).toLocaleString() : 'never'}
                </p>
                {f.error && (
                  <p class="feed-error" role="status">
                    Last attempt failed: {f.error}. The previous stories are kept.
                  </p>
                )}
                <div class="row">
                  <button
                    type="button"
                    onClick={async () => {
                      setMessage(null);
                      await send('feeds.sync', { url: f.url });
                      await reload();
                    }}
                  >
                    Sync now
                  </button>
                  <button
                    type="button"
                    onClick={async () => {
                      setMessage(null);
                      await send('feeds.remove', { url: f.url });
                      await reload();
                    }}
                  >
                    Unsubscribe
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <label class="row">
          Refresh every{' '}
          <select
            value={String(refresh)}
            onChange={async (e) => {
              const minutes = Number((e.target as HTMLSelectElement).value);
              const r = await send('settings.set', { refreshMinutes: minutes });
              if (r.ok) setRefresh(r.value.refreshMinutes);
            }}
          >
            {[30, 60, 180, 360, 720, 1440].map((m) => (
              <option key={m} value={m}>
                {m < 60 ? `${m} minutes` : m === 60 ? 'hour' : `${m / 60} hours`}
              </option>
            ))}
          </select>
        </label>
      </section>

      <KagiNews send={send} onLibraryChange={() => void reload()} />

      <Notifications send={send} />

      <section aria-labelledby="perm-h">
        <h2 id="perm-h">Permissions</h2>
        <p>
          Storylens reads article pages only on the news outlets its stories cite. You can let it look at articles on every site; the browser will ask you first, and you can take it back here.
        </p>
        <label class="row">
          <input type="checkbox" checked={allSites} onChange={toggleAllSites} /> Detect articles on all sites
        </label>
      </section>

      <section aria-labelledby="privacy-h">
        <h2 id="privacy-h">Privacy</h2>
        <p>
          Everything Storylens does happens in your browser. It never sends what you read, search or check anywhere. The only requests it makes are to the feed addresses you subscribe to, to fetch
          their stories, and to kite.kagi.com once you turn Kagi News on.
        </p>
      </section>
    </main>
  );
}

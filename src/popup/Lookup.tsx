import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Highlighted, LookupResult } from '../core/search/lookup';
import { formatDate } from '../core/text/format';
import type { StoryHeader } from '../messages';
import type { Send } from '../client';
import { t, tn, uiLocale } from './i18n';

interface Props {
  send: Send;
  query: string;
  onQuery: (q: string) => void;
  onOpen: (id: string) => void;
  inputRef: RefObject<HTMLInputElement>;
}

type Row = { id: string; title: Highlighted; snippet: Highlighted | null; meta: string };

/** The search box (focused on open) and its results: a keyboard-first combobox. */
export function Lookup({ send, query, onQuery, onOpen, inputRef }: Props) {
  const [results, setResults] = useState<LookupResult[] | null>(null);
  const [active, setActive] = useState(0);

  // Focused as the first frame (the loading state) is committed, while the tab's view is still on
  // its way: focusing forces a style and layout pass, which in a passive effect ran inside the
  // story's render whenever the view came before the first paint (Preact runs pending effects then).
  useLayoutEffect(() => inputRef.current?.focus(), [inputRef]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      send('library.search', { query: q, limit: 20 }).then((r) => {
        if (!live) return;
        setResults(r.ok ? r.value : []);
        setActive(0);
      });
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [send, query]);

  const rows: Row[] = (results ?? []).map((r) => ({ id: r.id, title: r.title, snippet: r.snippet, meta: storyMeta(r.articleCount, r.updated) }));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && rows.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % rows.length);
    } else if (e.key === 'ArrowUp' && rows.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + rows.length) % rows.length);
    } else if (e.key === 'Enter' && rows[active]) {
      e.preventDefault();
      onOpen(rows[active].id);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onQuery('');
    }
  };

  const listId = 'lookup-results';
  const expanded = rows.length > 0;
  return (
    <div class="lookup" role="search">
      <label class="visually-hidden" for="lookup-input">
        {t('searchLabel')}
      </label>
      <input
        id="lookup-input"
        ref={inputRef}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-controls={listId}
        aria-expanded={expanded}
        aria-activedescendant={expanded ? `result-${active}` : undefined}
        placeholder={t('searchPlaceholder')}
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(e) => onQuery((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
      />
      {results !== null && results.length === 0 && (
        <p class="muted no-results" role="status">
          {t('noResults', query.trim())}
        </p>
      )}
      {results !== null && results.length > 0 && (
        <p class="visually-hidden" role="status">
          {tn('nStories', results.length)}
        </p>
      )}
      <ul id={listId} role="listbox" class="results" aria-label={t('searchLabel')}>
        {rows.map((r, i) => (
          <li
            key={r.id}
            id={`result-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'active' : ''}
            onClick={() => onOpen(r.id)}
            onMouseEnter={() => setActive(i)}
          >
            <span class="result-title">
              <Marked h={r.title} />
            </span>
            {r.snippet && (
              <span class="snippet">
                <Marked h={r.snippet} />
              </span>
            )}
            <span class="muted small">{r.meta}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const storyMeta = (articleCount: number, updated: string | null) =>
  [tn('nArticles', articleCount), updated ? formatDate(updated.slice(0, 10), 'day', uiLocale()) : ''].filter(Boolean).join(' · ');

/** The most recently updated stories, as buttons, for when the tab has no story. */
export function RecentStories({ send, onOpen }: { send: Send; onOpen: (id: string) => void }) {
  const [recent, setRecent] = useState<StoryHeader[] | null>(null);
  useEffect(() => {
    let live = true;
    send('library.recent', {}).then((r) => live && setRecent(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [send]);
  if (!recent || recent.length === 0) return null;
  return (
    <section aria-labelledby="recent-h" class="recent">
      <h2 id="recent-h">{t('recentStories')}</h2>
      <ul class="plain">
        {recent.map((r) => (
          <li key={r.id}>
            <button type="button" class="story-link" onClick={() => onOpen(r.id)}>
              <span class="result-title">{r.title}</span>
              <span class="muted small">{storyMeta(r.articleCount, r.updated)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Text with its matched words in <mark>; built from text nodes, never from HTML. */
export function Marked({ h }: { h: Highlighted }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let at = 0;
  h.marks.forEach(([a, b], i) => {
    if (a < at) return;
    if (a > at) parts.push(h.text.slice(at, a));
    parts.push(<mark key={i}>{h.text.slice(a, b)}</mark>);
    at = b;
  });
  if (at < h.text.length) parts.push(h.text.slice(at));
  return <>{parts}</>;
}

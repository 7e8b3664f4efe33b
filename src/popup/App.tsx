import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Dispute } from '../core/claims/types';
import type { Story } from '../core/story/model';
import type { Response, TabView } from '../messages';
import type { Send } from '../client';
import { afterPaint } from './afterPaint';
import { isFrontPage } from './frontPage';
import type { ActiveTab } from './tabView';
import { t } from './i18n';
import { Lookup, RecentStories } from './Lookup';
import { StoryView } from './StoryView';
import { VerdictView } from './VerdictView';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: TabView };

/** A story opened from the lookup, shown instead of the tab's story until the reader goes back. */
interface Opened {
  story: Story;
  disputes: Dispute[];
  /** The story was too long to send whole. */
  cut: boolean;
}

/** What a screen reader hears when the popup's state changes: one short line, never the story itself. */
function statusText(state: State, opened: Opened | null): string {
  if (opened) return opened.story.title;
  if (state.kind === 'loading') return t('loading');
  if (state.kind === 'error') return t('errorTitle');
  return state.view.story?.title ?? '';
}

/**
 * `activeTab` is asked from the popup's own window: the service worker's "current window" is the
 * last focused one, which after the worker restarts need not be the window whose button was clicked
 * (bench:popup's cold runs showed another window's tab).
 */
export function App({ send, activeTab, view, story }: { send: Send; activeTab?: () => Promise<ActiveTab | undefined>; view?: () => Promise<Response<'tab.view'>>; story?: string | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // A layout effect runs as the first frame is committed, not after it is painted: an answer that
  // arrives before that paint is shown in the next frame instead of one frame (or Preact's 35 ms
  // fallback, when no frame comes) later.
  useLayoutEffect(() => {
    let live = true;
    // main.tsx asks for the tab's view before this renders (`view`); otherwise it is asked here.
    const tab = activeTab ? activeTab().catch(() => undefined) : Promise.resolve(undefined);
    (view ? view() : tab.then((t) => send('tab.view', t?.id === undefined ? {} : { tabId: t.id })))
      .then((r) => {
        if (live) setState(r.ok ? { kind: 'ready', view: r.value } : { kind: 'error', message: r.error });
      });
    return () => {
      live = false;
    };
  }, [send, activeTab, view]);

  // For the popup benchmark (bench/popup.ts): when the tab's view is on screen (painted: afterPaint.ts).
  useEffect(() => {
    if (state.kind !== 'loading') return afterPaint(() => performance.mark('storylens:ready'));
  }, [state.kind]);

  const open = useCallback(
    async (id: string) => {
      const r = await send('story.get', { id });
      if (r.ok && r.value) {
        setOpened(r.value);
        setQuery('');
      } else if (!r.ok) setState({ kind: 'error', message: r.error });
    },
    [send],
  );

  // A story asked for by id (the page opened from a notification) is shown at once.
  useEffect(() => {
    if (story) void open(story);
  }, [story, open]);

  const back = () => {
    setOpened(null);
    searchRef.current?.focus();
  };

  // The tab's address, asked only when no story is shown: a site's front page gets its own message.
  const [front, setFront] = useState(false);
  const noStory = state.kind === 'ready' && !state.view.story && state.view.page === 'web';
  useEffect(() => {
    if (!noStory || !activeTab) return;
    let live = true;
    activeTab().then((tab) => live && setFront(isFrontPage(tab?.url)), () => undefined);
    return () => {
      live = false;
    };
  }, [noStory, activeTab]);

  const searching = query.trim().length > 0;
  return (
    <div class="app">
      <p class="visually-hidden" role="status">
        {statusText(state, opened)}
      </p>
      <Lookup send={send} query={query} onQuery={setQuery} onOpen={open} inputRef={searchRef} />
      {!searching && <Body state={state} opened={opened} onBack={back} send={send} onOpen={open} front={front} />}
    </div>
  );
}

interface BodyProps {
  state: State;
  opened: Opened | null;
  onBack: () => void;
  send: Send;
  onOpen: (id: string) => void;
  /** The tab shows a site's front page, not an article. */
  front: boolean;
}

function Body({ state, opened, onBack, send, onOpen, front }: BodyProps) {
  if (opened) {
    return (
      <>
        <button type="button" class="back" onClick={onBack}>
          ← {t('backToStory')}
        </button>
        <StoryView story={opened.story} match={null} disputes={opened.disputes} cut={opened.cut} />
      </>
    );
  }
  if (state.kind === 'loading') {
    return (
      <main class="state skeleton" aria-busy="true">
        <p class="muted">{t('loading')}</p>
        <div class="bar w80" />
        <div class="bar w60" />
        <div class="bar w90" />
      </main>
    );
  }
  if (state.kind === 'error') {
    return (
      <main class="state" role="alert">
        <h1>{t('errorTitle')}</h1>
        <p>{state.message}</p>
        <p class="muted">{t('errorHelp')}</p>
      </main>
    );
  }
  const { view } = state;
  const checked = view.verdict && (
    <div class="pad">
      <VerdictView claim={view.verdict.claim} verdict={view.verdict.verdict} ownOutlet={view.match?.outlet ?? null} />
    </div>
  );
  if (view.story) {
    return (
      <>
        {checked}
        <StoryView story={view.story} match={view.match} disputes={view.disputes} cut={view.cut} />
      </>
    );
  }
  if (view.librarySize === 0) {
    return (
      <main class="state">
        <h1>{t('emptyTitle')}</h1>
        <p class="muted">{t('emptyHelp')}</p>
      </main>
    );
  }
  return (
    <main class="state">
      {checked}
      <h1>{view.page === 'restricted' ? t('restrictedTitle') : front ? t('frontPageTitle') : t('noStoryTitle')}</h1>
      <p class="muted">{view.page === 'restricted' ? t('restrictedHelp') : front ? t('frontPageHelp') : t('noStoryHelp')}</p>
      <RecentStories send={send} onOpen={onOpen} />
    </main>
  );
}

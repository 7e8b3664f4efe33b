import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Dispute } from '../core/claims/types';
import type { Story } from '../core/story/model';
import type { TabView } from '../messages';
import type { Send } from './client';
import { t } from './i18n';
import { Lookup, RecentStories } from './Lookup';
import { StoryView } from './StoryView';
import { VerdictView } from './VerdictView';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: TabView };

/** A story opened from the lookup, shown instead of the tab's story until the reader goes back. */
interface Opened {
  story: Story;
  disputes: Dispute[];
}

export function App({ send }: { send: Send }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    send('tab.view', {}).then((r) => {
      if (live) setState(r.ok ? { kind: 'ready', view: r.value } : { kind: 'error', message: r.error });
    });
    return () => {
      live = false;
    };
  }, [send]);

  // For the popup benchmark (bench/popup.ts): when the tab's view is on screen.
  useEffect(() => {
    if (state.kind !== 'loading') performance.mark('storylens:ready');
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

  const back = () => {
    setOpened(null);
    searchRef.current?.focus();
  };

  const searching = query.trim().length > 0;
  return (
    <div class="app">
      <Lookup send={send} query={query} onQuery={setQuery} onOpen={open} inputRef={searchRef} />
      {!searching && <Body state={state} opened={opened} onBack={back} send={send} onOpen={open} />}
    </div>
  );
}

interface BodyProps {
  state: State;
  opened: Opened | null;
  onBack: () => void;
  send: Send;
  onOpen: (id: string) => void;
}

function Body({ state, opened, onBack, send, onOpen }: BodyProps) {
  if (opened) {
    return (
      <>
        <button type="button" class="back" onClick={onBack}>
          ← {t('backToStory')}
        </button>
        <StoryView story={opened.story} match={null} disputes={opened.disputes} />
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
      <VerdictView claim={view.verdict.claim} verdict={view.verdict.verdict} />
    </div>
  );
  if (view.story) {
    return (
      <>
        {checked}
        <StoryView story={view.story} match={view.match} disputes={view.disputes} />
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
      <h1>{view.page === 'restricted' ? t('restrictedTitle') : t('noStoryTitle')}</h1>
      <p class="muted">{view.page === 'restricted' ? t('restrictedHelp') : t('noStoryHelp')}</p>
      <RecentStories send={send} onOpen={onOpen} />
    </main>
  );
}

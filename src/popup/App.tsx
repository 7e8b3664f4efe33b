import { useEffect, useState } from 'preact/hooks';
import type { Result, TabView } from '../messages';
import { StoryView } from './StoryView';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: TabView };

export function App({ load }: { load: () => Promise<Result<TabView>> }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    load().then(
      (r) => live && setState(r.ok ? { kind: 'ready', view: r.value } : { kind: 'error', message: r.error }),
      (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [load]);

  if (state.kind === 'loading') {
    return (
      <main class="state" aria-busy="true">
        <p>Loading the story…</p>
      </main>
    );
  }
  if (state.kind === 'error') {
    return (
      <main class="state" role="alert">
        <h1>Storylens could not load</h1>
        <p>{state.message}</p>
        <p>Close and reopen this popup; if it keeps happening, reload the extension.</p>
      </main>
    );
  }
  const { story, match } = state.view;
  if (!story) {
    return (
      <main class="state">
        <h1>Your library is empty</h1>
        <p>Import a story or subscribe to a feed to get started.</p>
      </main>
    );
  }
  return <StoryView story={story} match={match} />;
}

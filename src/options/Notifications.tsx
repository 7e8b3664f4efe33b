import { useEffect, useState } from 'preact/hooks';
import browser, { type Permissions } from 'webextension-polyfill';
import type { Send } from '../client';

const NOTIFICATIONS: Permissions.Permissions = { permissions: ['notifications'] };

/**
 * Notifications about followed stories: off until the reader turns them on here. The browser's
 * `notifications` permission is optional and asked at that moment (a click is the user gesture the
 * request needs); turning them off gives it back.
 */
export function Notifications({ send }: { send: Send }) {
  /** null while the background has not answered. */
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([send('follow.settings.get', {}), browser.permissions.contains(NOTIFICATIONS)]).then(([r, allowed]) => {
      if (!r.ok) return setError(r.error);
      // Taken back in the browser's settings: off, whatever was chosen.
      setOn(r.value.notify && allowed);
    });
  }, [send]);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const want = !on;
      // Asked first, within the click: the browser may show its prompt only then.
      const granted = want ? await browser.permissions.request(NOTIFICATIONS) : true;
      if (!granted) return setError('The browser did not allow notifications; they stay off.');
      const r = await send('follow.settings.set', { notify: want });
      if (!r.ok) return setError(r.error);
      if (!want) await browser.permissions.remove(NOTIFICATIONS);
      setOn(r.value.notify);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="notifications-h">
      <h2 id="notifications-h">Followed stories</h2>
      <p>
        Follow a story from the popup. When it gains articles, timeline entries or disputed claims, the Storylens button (on pages without a story of their own) shows “+” and how many new items there are, and the popup lists them the
        next time you open it on that story.
      </p>
      <label class="row">
        <input type="checkbox" checked={on === true} disabled={on === null || busy} onChange={() => void toggle()} /> Also show a notification when a followed story changes
      </label>
      {on === null && !error && <p class="muted small">Loading…</p>}
      {error && (
        <p class="message error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

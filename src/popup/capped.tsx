import { useState } from 'preact/hooks';
import { t, tn } from './i18n';

/** Items rendered at most per click of "show more": a story with thousands of items stays responsive. */
export const RENDER_STEP = 100;

/**
 * A list that shows its first `first` items and a button for the rest ("Show all 75 articles"), then
 * the rest in steps of RENDER_STEP; "Show fewer" collapses it again.
 */
export function useCap(total: number, first: number, allLabel: (n: number) => string) {
  const [shown, setShown] = useState(first);
  const limit = Math.min(total, shown);
  const rest = total - limit;
  const more =
    rest > 0 ? (
      <button type="button" class="more" onClick={() => setShown(limit === first ? first + Math.min(rest, RENDER_STEP) : limit + RENDER_STEP)}>
        {limit === first && rest <= RENDER_STEP ? allLabel(total) : tn('showMore', Math.min(rest, RENDER_STEP))}
      </button>
    ) : limit > first ? (
      <button type="button" class="more" onClick={() => setShown(first)}>
        {t('showFewer')}
      </button>
    ) : null;
  return { limit, more };
}

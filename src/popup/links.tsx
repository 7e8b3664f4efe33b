import type { ComponentChildren } from 'preact';
import { safeHref } from './storyFacts';
import { t } from './i18n';

/** A link that leaves the extension (https only): marked as such for eyes and screen readers. */
export function ExternalLink({ url, children }: { url: string | undefined; children: ComponentChildren }) {
  const href = safeHref(url);
  if (!href) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" class="external">
      {children}
      <span aria-hidden="true"> ↗</span>
      <span class="visually-hidden"> ({t('leavesStorylens')})</span>
    </a>
  );
}

/** UI strings live in _locales/<lang>/messages.json, so the popup is ready for translation. */
interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}
const api = ((globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n ?? (globalThis as { browser?: { i18n?: I18nApi } }).browser?.i18n) as I18nApi | undefined;

export function t(key: string, ...subs: (string | number)[]): string {
  const text = api?.getMessage(key, subs.map(String));
  return text || [key, ...subs].join(' ');
}

/** The reader's UI language, for date formatting and plurals. */
export const uiLocale = (): string => api?.getUILanguage() || navigator.language || 'en-US';

let rules: Intl.PluralRules | undefined;
const numbers = new Map<string, Intl.NumberFormat>();

/**
 * A counted string: `<key>_<plural category>` for the reader's language (Intl.PluralRules), falling
 * back to `<key>_other`; the count is the first substitution, formatted for the locale.
 */
export function tn(key: string, count: number, ...subs: (string | number)[]): string {
  const locale = uiLocale();
  rules ??= new Intl.PluralRules(locale);
  const nf = numbers.get(locale) ?? new Intl.NumberFormat(locale);
  numbers.set(locale, nf);
  const n = nf.format(count);
  return api?.getMessage(`${key}_${rules.select(count)}`, [n, ...subs.map(String)]) || t(`${key}_other`, n, ...subs);
}

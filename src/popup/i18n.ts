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

/** The reader's UI language, for date formatting. */
export const uiLocale = (): string => api?.getUILanguage() || navigator.language || 'en-US';

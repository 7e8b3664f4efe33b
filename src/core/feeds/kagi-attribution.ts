/**
 * What the Kagi News licence (CC BY-NC 4.0) asks for wherever its stories are shown: who made them,
 * under which licence, with links. Its own module, free of imports, so the popup can show it
 * without bundling the feed code.
 */
export const KAGI_ATTRIBUTION = {
  text: 'Stories: Kagi News, CC BY-NC 4.0',
  source: 'Kagi News',
  license: 'CC BY-NC 4.0',
  url: 'https://kite.kagi.com/',
  licenseUrl: 'https://creativecommons.org/licenses/by-nc/4.0/',
} as const;

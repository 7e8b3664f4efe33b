import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/ARCHITECTURE.md, enforced: each folder lists the folders it may not import
 * (dependencies point down only). Import specifiers are matched as written: every source file
 * imports by relative path, so a folder's name as a path segment is the folder.
 */
const CORE = ['text', 'outlets', 'story', 'match', 'search', 'claims', 'feeds', 'library'];
const APP = ['background', 'content', 'popup', 'options', 'messages', 'client'];
const segment = (names) => `(^|/)(${names.join('|')})(/|$|\\.|\\?)`;
const LAYERS = {
  'src/core/text': { core: ['text'], app: [] },
  'src/core/outlets': { core: ['outlets'], app: [] },
  'src/core/story': { core: ['story', 'text'], app: [] },
  'src/core/match': { core: ['match', 'story', 'text', 'outlets'], app: [] },
  'src/core/search': { core: ['search', 'story', 'text'], app: [] },
  'src/core/claims': { core: ['claims', 'story', 'text'], app: [] },
  'src/core/feeds': { core: ['feeds', 'library', 'story', 'text', 'claims'], app: [] },
  'src/core/library': { core: CORE, app: [] },
};
const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  files: [`${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'webextension-polyfill', message: 'src/core runs in Node too: no browser APIs.' }],
        patterns: [
          ...(CORE.filter((c) => !allowed.core.includes(c)).length
            ? [{ regex: segment(CORE.filter((c) => !allowed.core.includes(c))), message: `${folder} may not import src/core/{${CORE.filter((c) => !allowed.core.includes(c)).join(',')}} (docs/ARCHITECTURE.md).` }]
            : []),
          { regex: segment(APP), message: 'src/core may not import the extension’s contexts or their protocol.' },
        ],
      },
    ],
  },
}));
/** The extension's contexts: none imports another; the background takes the card only as a script to inject. */
const contextRule = (folder, forbidden, extra = []) => ({
  files: [`${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ regex: segment(forbidden), message: `${folder} may not import ${forbidden.join(', ')} (docs/ARCHITECTURE.md).` }, ...extra] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'coverage/**', '.prof/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['cli/**', 'scripts/**', 'bench/**', 'test/**', 'bin/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  ...layerRules,
  contextRule('src/background', ['popup', 'options'], [{ regex: '(^|/)content/(?!card\\?script)', message: 'The background may take the verdict card only as a script to inject (?script).' }]),
  contextRule('src/content', ['background', 'popup', 'options', 'client']),
  contextRule('src/popup', ['background', 'content', 'options']),
  contextRule('src/options', ['background', 'content', 'popup']),
  contextRule('cli', ['background', 'popup', 'options', 'client']),
);

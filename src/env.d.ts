/// <reference types="vite/client" />
/// <reference types="@crxjs/vite-plugin/client" />

declare module 'virtual:storylens/builtin' {
  import type { Story } from './core/story/model';
  /** The built-in library: the reference story, parsed and validated at build time. */
  const stories: Story[];
  export default stories;
}

/** True only in the e2e build (`--mode e2e-*`): exposes test hooks. Compiled out of store builds. */
declare const __STORYLENS_E2E__: boolean;

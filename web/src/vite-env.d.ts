/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional Tianditu (天地图) key: when set, an online Tianditu base map is drawn under the offline one. */
  readonly VITE_TIANDITU_KEY?: string;
  /** Base URL of the API (default: same origin). */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

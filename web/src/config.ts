/**
 * The one place the web app reads its build-time environment (`import.meta.env`). Everything else imports `config`.
 */
export type BBox = [west: number, south: number, east: number, north: number];

export interface WebConfig {
  /** Base URL the typed API client is built on ('/' = same origin as the page). */
  apiBase: string;
  /** Where the offline base map data (web/public/basemap) is served from. */
  basemapBase: string;
  /** Tianditu key; undefined keeps the map fully offline (the default). */
  tiandituKey: string | undefined;
  /** Wait this long after the map stops moving before asking for the features in view. */
  moveDebounceMs: number;
  /** Each side of the view is padded by this fraction when fetching, so small pans hit the cache. */
  fetchPadding: number;
  /** Used when the server reports no layer extent (empty database): the demo region, Hejin–Hancheng. */
  fallbackBounds: BBox;
  /** The map does not pan beyond this (the base map data covers 104–116°E, 32–40°N). */
  maxBounds: BBox;
}

const env = import.meta.env;

export const config: WebConfig = {
  apiBase: env.VITE_API_BASE || '/',
  basemapBase: `${env.BASE_URL}basemap/`,
  tiandituKey: env.VITE_TIANDITU_KEY || undefined,
  moveDebounceMs: 250,
  fetchPadding: 0.5,
  fallbackBounds: [110.2, 35.2, 111.0, 35.85],
  maxBounds: [100, 28, 120, 44],
};

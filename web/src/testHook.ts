/**
 * `window.__atlas`: a small read-out of the map's state for browser tests (tests/browser/map.test.ts) and for
 * people debugging in the console. Written by the app, never read by it.
 */
import type { FeatureCollection } from 'geojson';

export interface AtlasHook {
  /** The map is loaded, the first data has arrived and deck.gl has drawn it. */
  ready: boolean;
  /** A layer request is in flight. */
  loading: boolean;
  /** Features drawn per layer (0 for a hidden layer); for a layer drawn as counts, its cells. */
  drawn: Record<string, number>;
  /** Layers drawn as counts per grid cell (too many features in view), with the features counted. */
  density?: Record<string, number>;
  /** The labels are drawn too (on the first load they follow the layers by a frame or so). */
  labelled: boolean;
  selected?: { layer: string; id: string; name: string };
  /** The zoom of the last view whose data has been asked for (a move is asked for once the map rests). */
  requestedZoom?: number;
  /** The map view after the last move: zoom and [west, south, east, north]. */
  view?: { zoom: number; bbox: [number, number, number, number] };
  /** Error messages currently shown to the user. */
  errors: string[];
  /** Screen (client) coordinates of a longitude/latitude, for clicking on a feature. */
  project?: (lon: number, lat: number) => { x: number; y: number };
  /** Draws (or clears, with null) a FeatureCollection of review evidence (web/src/map/layers/evidence). */
  showEvidence?: (evidence: FeatureCollection | null) => void;
}

declare global {
  interface Window {
    __atlas: AtlasHook;
  }
}

export const atlas: AtlasHook = (window.__atlas = { ready: false, loading: false, drawn: {}, labelled: false, errors: [] });

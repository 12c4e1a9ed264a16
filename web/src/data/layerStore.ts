/**
 * Layer data for the map: the layer summaries (GET /api/layers) and, per layer, the features in view
 * (GET /api/layers/:layer?bbox=). Fetches a padded box so small pans hit the cache, remembers which boxes each layer
 * has covered, merges features by id, and reports loading and errors as state (never only in the console).
 *
 * A view holding more of a layer than the server sends in one page (its `featureLimit`: a province of a million
 * mining rights seen whole) gets that layer as counts per grid cell instead (GET /api/layers/:layer/density), until
 * the user zooms in far enough for the features themselves. The last counts tell whether a new view will fit, so a
 * pan or zoom asks once, for whichever it needs.
 *
 * A plain store for React's useSyncExternalStore; no React inside.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { ApiRequestError } from '../api/client.ts';
import { cellBox, fetchLayerDensity, fetchLayerPage, fetchLayerSummaries, type LayerDensity, type LayerId, type LayerSummary } from '../api/layers.ts';
import type { BBox } from '../config.ts';
import { config } from '../config.ts';

export type LoadError =
  | { key: string; kind: 'summaries'; message: string; network: boolean }
  | { key: string; kind: 'layer'; layer: LayerId; message: string; network: boolean };

export interface LayerDataState {
  summaries: LayerSummary[] | null;
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** Layers too dense to draw one by one in the current view: their counts per grid cell, drawn instead of `data`. */
  density: Partial<Record<LayerId, LayerDensity>>;
  /** Layers being fetched right now. */
  loading: LayerId[];
  loadingSummaries: boolean;
  errors: LoadError[];
  /** Summaries are in and every requested layer has answered (with data or an error) at least once. */
  settled: boolean;
}

const WORLD: BBox = [-180, -90, 180, 90];

export function contains(outer: BBox, inner: BBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

export function pad(b: BBox, fraction: number): BBox {
  const dx = (b[2] - b[0]) * fraction;
  const dy = (b[3] - b[1]) * fraction;
  return [Math.max(-180, b[0] - dx), Math.max(-90, b[1] - dy), Math.min(180, b[2] + dx), Math.min(90, b[3] + dy)];
}

function describe(error: unknown): { message: string; network: boolean } {
  if (error instanceof ApiRequestError) return { message: error.message, network: false };
  if (error instanceof TypeError) return { message: error.message, network: true };
  return { message: error instanceof Error ? error.message : String(error), network: false };
}

interface LayerCache {
  features: Map<string, Feature>;
  covered: BBox[];
  inflight?: { bbox: BBox; controller: AbortController };
  /** The last counts fetched, kept after features replace them, to judge the next view. */
  lastDensity?: LayerDensity;
}

export class LayerStore {
  private state: LayerDataState = { summaries: null, data: {}, density: {}, loading: [], loadingSummaries: false, errors: [], settled: false };
  private listeners = new Set<() => void>();
  private caches = new Map<LayerId, LayerCache>();
  private requested = new Set<LayerId>();
  /** The last view requested once summaries were in (settled waits for it), and one asked for before. */
  private lastView: { bbox: BBox; layers: LayerId[] } | null = null;
  private pendingView: { bbox: BBox; layers: LayerId[] } | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  private set(patch: Partial<LayerDataState>) {
    const next = { ...this.state, ...patch };
    const answered = [...this.requested].every((id) => next.data[id] || next.density[id] || next.errors.some((e) => e.kind === 'layer' && e.layer === id));
    next.settled = next.summaries !== null && this.lastView !== null && next.loading.length === 0 && answered;
    this.state = next;
    for (const l of this.listeners) l();
  }

  private addError(error: LoadError) {
    this.set({ errors: [...this.state.errors.filter((e) => e.key !== error.key), error] });
  }

  dismissError(key: string) {
    this.set({ errors: this.state.errors.filter((e) => e.key !== key) });
  }

  async loadSummaries(): Promise<void> {
    this.set({ loadingSummaries: true, errors: this.state.errors.filter((e) => e.kind !== 'summaries') });
    try {
      const summaries = await fetchLayerSummaries();
      this.set({ summaries, loadingSummaries: false });
      const view = this.pendingView ?? this.lastView;
      this.pendingView = null;
      if (view) this.request(view.bbox, view.layers);
    } catch (error) {
      this.set({ loadingSummaries: false });
      this.addError({ key: 'summaries', kind: 'summaries', ...describe(error) });
    }
  }

  /** Makes sure the given layers have their features, or their counts where too dense, for `view`. */
  request(view: BBox, layers: LayerId[]) {
    if (!this.state.summaries) {
      this.pendingView = { bbox: view, layers };
      return;
    }
    this.lastView = { bbox: view, layers };
    let density = this.state.density;
    for (const layer of layers) {
      this.requested.add(layer);
      const cache = this.cacheOf(layer);
      if (cache.covered.some((b) => contains(b, view))) {
        if (density[layer]) density = without(density, layer);
        continue;
      }
      if (cache.inflight && contains(cache.inflight.bbox, view)) continue;
      const box = pad(view, config.fetchPadding);
      if (this.fitsOnePage(layer, box)) void this.fetchFeatures(layer, box);
      else if (!stillServes(density[layer], view)) void this.fetchDensity(layer, box);
    }
    this.set({ density });
  }

  private summaryOf(layer: LayerId): LayerSummary | undefined {
    return this.state.summaries?.find((s) => s.layer === layer);
  }

  /** The server's page size for a layer: more features than this in view are drawn as counts. */
  private pageLimit(layer: LayerId): number {
    return this.summaryOf(layer)?.featureLimit ?? Infinity;
  }

  /**
   * Whether one page holds the layer's features in `box`, judged without asking the server: yes when the whole
   * layer fits; otherwise by the last counts, where they cover the box (cells partly inside count whole, so it errs
   * towards counts, and the counts fetched then say again).
   */
  private fitsOnePage(layer: LayerId, box: BBox): boolean {
    const limit = this.pageLimit(layer);
    if ((this.summaryOf(layer)?.count ?? 0) <= limit) return true;
    const known = this.state.density[layer] ?? this.cacheOf(layer).lastDensity;
    if (!known || !contains(known.bbox as BBox, box)) return false;
    return countIn(known, box) <= limit;
  }

  /** Drops the cache and the errors and fetches again (the retry button). */
  reload() {
    for (const cache of this.caches.values()) cache.inflight?.controller.abort();
    this.caches.clear();
    this.set({ errors: [], data: {}, density: {}, loading: [] });
    if (!this.state.summaries) {
      void this.loadSummaries();
      return;
    }
    if (this.lastView) this.request(this.lastView.bbox, this.lastView.layers);
  }

  private cacheOf(layer: LayerId): LayerCache {
    let cache = this.caches.get(layer);
    if (!cache) {
      cache = { features: new Map(), covered: [] };
      this.caches.set(layer, cache);
    }
    return cache;
  }

  /** Starts a request for a layer, aborting the one in flight; null once it has been overtaken or has failed. */
  private async fetchOne<T>(layer: LayerId, bbox: BBox, fetch: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const cache = this.cacheOf(layer);
    cache.inflight?.controller.abort();
    const controller = new AbortController();
    cache.inflight = { bbox, controller };
    this.set({ loading: [...new Set([...this.state.loading, layer])], errors: this.state.errors.filter((e) => e.key !== `layer:${layer}`) });
    try {
      const result = await fetch(controller.signal);
      if (controller.signal.aborted) return null;
      cache.inflight = undefined;
      return result;
    } catch (error) {
      if (controller.signal.aborted) return null;
      cache.inflight = undefined;
      this.set({ loading: this.state.loading.filter((l) => l !== layer) });
      this.addError({ key: `layer:${layer}`, kind: 'layer', layer, ...describe(error) });
      return null;
    }
  }

  private async fetchFeatures(layer: LayerId, bbox: BBox): Promise<void> {
    const page = await this.fetchOne(layer, bbox, (signal) => fetchLayerPage(layer, bbox, { signal }));
    if (!page) return;
    // More than a page after all (the counts were for a larger box, or the data grew): counts, without asking again.
    if (page.truncated) return this.fetchDensity(layer, bbox, { fallBack: false });
    const cache = this.cacheOf(layer);
    for (const f of page.features) cache.features.set(String(f.properties?.id ?? f.id), f);
    // The whole layer fits in the box: nothing more to fetch anywhere.
    const extent = this.summaryOf(layer)?.bbox as BBox | null | undefined;
    cache.covered.push(!extent || contains(bbox, extent) ? WORLD : bbox);
    this.set({
      data: { ...this.state.data, [layer]: { type: 'FeatureCollection', features: [...cache.features.values()] } },
      density: without(this.state.density, layer),
      loading: this.state.loading.filter((l) => l !== layer),
    });
  }

  private async fetchDensity(layer: LayerId, bbox: BBox, { fallBack = true } = {}): Promise<void> {
    const density = await this.fetchOne(layer, bbox, (signal) => fetchLayerDensity(layer, bbox, DENSITY_COLUMNS, signal));
    if (!density) return;
    this.cacheOf(layer).lastDensity = density;
    // Zoomed in far enough that the features fit after all: fetch them instead.
    if (fallBack && density.total <= this.pageLimit(layer)) return this.fetchFeatures(layer, bbox);
    this.set({ density: { ...this.state.density, [layer]: density }, loading: this.state.loading.filter((l) => l !== layer) });
  }
}

/** Cells across a fetched (padded) box: about 55 px each on a 1366 px wide map. */
const DENSITY_COLUMNS = 48;

/** Counts are fetched again once the view is this much narrower than the box they cover (cells grown too coarse). */
const DENSITY_REUSE_WIDTH = 0.35;

function width(b: BBox): number {
  return b[2] - b[0];
}

/** Counts already drawn still serve a view inside their box, unless it has zoomed in so far that the cells are coarse. */
function stillServes(shown: LayerDensity | undefined, view: BBox): boolean {
  return !!shown && contains(shown.bbox as BBox, view) && width(view) >= width(shown.bbox as BBox) * DENSITY_REUSE_WIDTH;
}

function without<T extends object>(record: T, key: keyof T): T {
  const { [key]: _dropped, ...rest } = record;
  return rest as T;
}

/** Features in the cells of `density` that touch `box`: an upper bound of the features in the box. */
export function countIn(density: LayerDensity, box: BBox): number {
  let total = 0;
  for (const [column, row, count] of density.cells) {
    const [west, south, east, north] = cellBox(density, column, row);
    if (west <= box[2] && east >= box[0] && south <= box[3] && north >= box[1]) total += count;
  }
  return total;
}

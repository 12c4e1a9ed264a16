/**
 * Layer data for the map: the layer summaries (GET /api/layers) and, per layer, the features in view
 * (GET /api/layers/:layer?bbox=). Fetches a padded box so small pans hit the cache, remembers which boxes each layer
 * has covered, merges features by id, and reports loading and errors as state (never only in the console).
 * A plain store for React's useSyncExternalStore; no React inside.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { ApiRequestError } from '../api/client.ts';
import { fetchLayerFeatures, fetchLayerSummaries, type LayerId, type LayerSummary } from '../api/layers.ts';
import type { BBox } from '../config.ts';
import { config } from '../config.ts';

export type LoadError =
  | { key: string; kind: 'summaries'; message: string; network: boolean }
  | { key: string; kind: 'layer'; layer: LayerId; message: string; network: boolean };

export interface LayerDataState {
  summaries: LayerSummary[] | null;
  data: Partial<Record<LayerId, FeatureCollection>>;
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
}

export class LayerStore {
  private state: LayerDataState = { summaries: null, data: {}, loading: [], loadingSummaries: false, errors: [], settled: false };
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
    const answered = [...this.requested].every((id) => next.data[id] || next.errors.some((e) => e.kind === 'layer' && e.layer === id));
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

  /** Makes sure the given layers have their features for `view`; fetches what the cache does not cover. */
  request(view: BBox, layers: LayerId[]) {
    if (!this.state.summaries) {
      this.pendingView = { bbox: view, layers };
      return;
    }
    this.lastView = { bbox: view, layers };
    for (const layer of layers) {
      this.requested.add(layer);
      const cache = this.cacheOf(layer);
      if (cache.covered.some((b) => contains(b, view))) continue;
      if (cache.inflight && contains(cache.inflight.bbox, view)) continue;
      void this.fetchLayer(layer, pad(view, config.fetchPadding));
    }
    this.set({});
  }

  /** Drops the cache and the errors and fetches again (the retry button). */
  reload() {
    for (const cache of this.caches.values()) cache.inflight?.controller.abort();
    this.caches.clear();
    this.set({ errors: [], data: {}, loading: [] });
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

  private async fetchLayer(layer: LayerId, bbox: BBox) {
    const cache = this.cacheOf(layer);
    cache.inflight?.controller.abort();
    const controller = new AbortController();
    cache.inflight = { bbox, controller };
    this.set({ loading: [...new Set([...this.state.loading, layer])], errors: this.state.errors.filter((e) => e.key !== `layer:${layer}`) });
    try {
      const fc = await fetchLayerFeatures(layer, bbox, controller.signal);
      if (controller.signal.aborted) return;
      for (const f of fc.features) cache.features.set(String(f.properties?.id ?? f.id), f);
      // The whole layer fits in the box: nothing more to fetch anywhere.
      const extent = this.state.summaries?.find((s) => s.layer === layer)?.bbox as BBox | null | undefined;
      cache.covered.push(!extent || contains(bbox, extent) ? WORLD : bbox);
      cache.inflight = undefined;
      this.set({
        data: { ...this.state.data, [layer]: { type: 'FeatureCollection', features: [...cache.features.values()] } },
        loading: this.state.loading.filter((l) => l !== layer),
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      cache.inflight = undefined;
      this.set({ loading: this.state.loading.filter((l) => l !== layer) });
      this.addError({ key: `layer:${layer}`, kind: 'layer', layer, ...describe(error) });
    }
  }
}

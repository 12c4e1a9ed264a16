/**
 * The atlas page: header, layer panel and legend on the left, the map with its notices and the attribute panel.
 */
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LayerId } from './api/layers.ts';
import { config, type BBox } from './config.ts';
import { LayerStore } from './data/layerStore.ts';
import { useI18n } from './i18n/index.tsx';
import { layerModules, layerOrder } from './map/layers/index.ts';
import { MapView, type Selection } from './map/MapView.tsx';
import { atlas } from './testHook.ts';
import { AttributePanel } from './ui/AttributePanel.tsx';
import { Header } from './ui/Header.tsx';
import { LayerPanel } from './ui/LayerPanel.tsx';
import { Legend } from './ui/Legend.tsx';
import { errorText, Notices } from './ui/Notices.tsx';

/** Union of the layers' extents; the admin areas (provinces drawn larger than the region) only if nothing else. */
function extentOf(summaries: { layer: LayerId; bbox: number[] | null }[] | null): BBox | null {
  if (!summaries) return null;
  const boxes = summaries.filter((s) => s.bbox && s.layer !== 'admin_areas').map((s) => s.bbox as BBox);
  const all = boxes.length ? boxes : summaries.filter((s) => s.bbox).map((s) => s.bbox as BBox);
  if (!all.length) return config.fallbackBounds;
  return [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
}

export function App() {
  const i18n = useI18n();
  const { lang, l } = i18n;
  const store = useMemo(() => new LayerStore(), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [visible, setVisible] = useState<ReadonlySet<LayerId>>(() => new Set(layerOrder));
  const [view, setView] = useState<{ bbox: BBox; zoom: number } | null>(null);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [evidence, setEvidence] = useState<FeatureCollection | null>(null);
  const [mapErrors, setMapErrors] = useState<string[]>([]);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void store.loadSummaries();
  }, [store]);

  useEffect(() => {
    if (view && state.summaries) store.request(view.bbox, layerOrder.filter((id) => visible.has(id)));
  }, [store, view, visible, state.summaries]);

  const onViewChange = useCallback((bbox: BBox, zoom: number) => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => setView({ bbox, zoom }), config.moveDebounceMs);
  }, []);

  const onError = useCallback((message: string) => setMapErrors((errors) => (errors.includes(message) ? errors : [...errors, message])), []);
  const onToggle = useCallback((layer: LayerId, on: boolean) => {
    setVisible((v) => {
      const next = new Set(v);
      if (on) next.add(layer);
      else next.delete(layer);
      return next;
    });
    if (!on) setSelected((s) => (s?.layer === layer ? null : s));
  }, []);
  const onClose = useCallback(() => setSelected(null), []);

  // The test hook (window.__atlas).
  useEffect(() => {
    atlas.loading = state.loading.length > 0 || state.loadingSummaries;
    atlas.errors = [...state.errors.map((e) => errorText(e, state.summaries, i18n)), ...mapErrors];
  }, [state, mapErrors, i18n]);
  useEffect(() => {
    const p = selected?.feature.properties;
    atlas.selected = selected ? { layer: selected.layer, id: String(p?.id ?? selected.feature.id), name: String(p?.name ?? '') } : undefined;
  }, [selected]);
  useEffect(() => {
    atlas.showEvidence = setEvidence;
  }, []);

  const extent = useMemo(() => extentOf(state.summaries), [state.summaries]);
  const failed = useMemo(() => new Set(state.errors.flatMap((e) => (e.kind === 'layer' ? [e.layer] : []))), [state.errors]);
  const summary = selected ? state.summaries?.find((s) => s.layer === selected.layer) : undefined;
  const loadingTitles = state.loading.map((id) => l(state.summaries?.find((s) => s.layer === id)?.title ?? layerModules[id].title));

  return (
    <div className="app">
      <Header />
      <div className="workspace">
        <nav className="sidebar" aria-label={i18n.t('layers')}>
          <LayerPanel summaries={state.summaries} visible={visible} loading={state.loading} failed={failed} onToggle={onToggle} />
          <Legend visible={visible} evidence={evidence} />
        </nav>
        <main className="map-area" id="map" tabIndex={-1}>
          <MapView
            lang={lang}
            data={state.data}
            visible={visible}
            selected={selected}
            evidence={evidence}
            initialBounds={extent}
            settled={state.settled}
            onSelect={setSelected}
            onViewChange={onViewChange}
            onError={onError}
          />
          <Notices
            loading={state.loading.length > 0 || state.loadingSummaries}
            loadingTitles={loadingTitles}
            errors={state.errors}
            mapErrors={mapErrors}
            summaries={state.summaries}
            onRetry={() => store.reload()}
            onDismiss={(key) => store.dismissError(key)}
            onDismissMapError={(m) => setMapErrors((errors) => errors.filter((e) => e !== m))}
          />
          {visible.has('admin_areas') && <p className="map-note">{i18n.t('boundaryNote')}</p>}
          {selected && <AttributePanel selection={selected} summary={summary} onClose={onClose} />}
        </main>
      </div>
    </div>
  );
}

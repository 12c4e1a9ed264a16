/**
 * The risk view's map: the same offline MapLibre base map as the atlas (../map/basemap.ts), deck.gl on top through
 * MapboxOverlay, drawing the risk layer modules (../map/layers/risk-*) handed in as a scene. Labels of every module
 * and of the base map are placed together without collisions (../map/labels.ts). Clicks are reported with the
 * module they hit; `fit` moves the view when its key changes (drill-down).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { config, type BBox } from '../config.ts';
import { translate, type Lang } from '../i18n/index.tsx';
import { atlas } from '../testHook.ts';
import { baseLabels, baseStyle, loadBaseLabels, type BaseLabelData } from '../map/basemap.ts';
import { declutter } from '../map/labels.ts';
import { labelLayer } from '../map/layers/common.ts';
import type { RiskLayerModule } from '../map/layers/risk-common/index.ts';
import type { LabelCandidate } from '../map/layers/types.ts';
import { riskReadout } from './testHook.ts';

setWorkerUrl(workerUrl);

/** One module with its data; `count` is what the test read-out reports as drawn. */
export interface ScenePart<D = unknown> {
  module: RiskLayerModule<D>;
  data: D;
  count: number;
}

export interface RiskScene {
  /** Bottom to top. */
  parts: ScenePart<any>[];
  /** The data this scene needs has arrived. */
  settled: boolean;
}

export interface RiskPick {
  /** The module hit (risk-areas, risk-sites…). */
  module: string;
  object: unknown;
}

export interface RiskMapProps {
  lang: Lang;
  scene: RiskScene;
  /** Where to look; the map moves when `key` changes. */
  fit: { key: string; bbox: BBox; maxZoom?: number } | null;
  onPick(pick: RiskPick | null): void;
  tooltip(pick: RiskPick): string | null;
  onError(message: string): void;
  label: string;
}

export function part<D>(module: RiskLayerModule<D>, data: D, count: number): ScenePart<D> {
  return { module, data, count };
}

const moduleOf = (layerId: string) => layerId.split('/')[0];

/** Room for the legend over the lower left corner (when it is open and the map is wide enough to spare it). */
function fitPadding(map: MapLibreMap) {
  const legend = map.getContainer().parentElement?.querySelector<HTMLElement>('.risk-legend[open]');
  const width = map.getContainer().clientWidth;
  const left = legend && width > 560 ? legend.offsetWidth + 24 : 36;
  return { top: 36, bottom: 36, left, right: 56 };
}

export function RiskMap(props: RiskMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const baseLabelData = useRef<BaseLabelData | null>(null);
  const attribution = useRef<AttributionControl | null>(null);
  const drawn = useRef<{ counts: Record<string, number>; settled: boolean }>({ counts: {}, settled: false });
  const rendered = useRef(false);
  const moving = useRef(false);
  const fittedKey = useRef<string | null>(null);

  const redraw = useRef(() => {});
  redraw.current = () => {
    const map = mapRef.current;
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const { scene, lang } = propsRef.current;
    const zoom = map.getZoom();
    const candidates: LabelCandidate[] = [];
    for (const p of scene.parts) candidates.push(...(p.module.labels?.(p.data, { lang, zoom }) ?? []));
    candidates.push(...baseLabels(baseLabelData.current, zoom, lang).map((l) => ({ ...l, priority: l.priority - 30 })));
    const canvas = map.getCanvas();
    const kept = declutter(candidates, (p) => map.project(p), canvas.clientWidth, canvas.clientHeight);
    const byModule = new Map<string, LabelCandidate[]>();
    for (const label of kept) {
      const id = label.key.split(':')[0];
      byModule.set(id, [...(byModule.get(id) ?? []), label]);
    }
    const built: Layer[] = [...labelLayer('basemap', byModule.get('basemap') ?? [])];
    const counts: Record<string, number> = {};
    for (const p of scene.parts) {
      built.push(...p.module.build(p.data, { lang, zoom, labels: byModule.get(p.module.id) ?? [] }));
      counts[p.module.id] = (counts[p.module.id] ?? 0) + p.count;
    }
    const shapes = built.filter((l) => !(l instanceof TextLayer));
    const texts = built.filter((l) => l instanceof TextLayer);
    drawn.current = { counts, settled: scene.settled };
    rendered.current = false;
    riskReadout().ready = false;
    overlay.setProps({ layers: [...shapes, ...texts] });
  };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let map: MapLibreMap;
    const [w, s, e, n] = propsRef.current.fit?.bbox ?? config.fallbackBounds;
    try {
      map = new MapLibreMap({
        container: el,
        style: baseStyle(),
        bounds: [w, s, e, n],
        fitBoundsOptions: { padding: 36 },
        maxBounds: config.maxBounds,
        minZoom: 4,
        maxZoom: 16,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        attributionControl: false,
      });
    } catch (error) {
      propsRef.current.onError(translate('errorWebgl', propsRef.current.lang));
      console.error(error);
      return;
    }
    fittedKey.current = propsRef.current.fit?.key ?? null;
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    const readout = riskReadout();
    const checkReady = () => {
      readout.ready = rendered.current && drawn.current.settled && !moving.current && map.loaded();
    };
    map.on('idle', checkReady);
    const pickOf = (info: PickingInfo): RiskPick | null => (info.layer && info.object ? { module: moduleOf(info.layer.id), object: info.object } : null);
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: 4,
      onClick: (info: PickingInfo) => propsRef.current.onPick(pickOf(info)),
      // No hover highlight: a drill-down moves the map under a still pointer, and deck.gl would keep highlighting
      // whatever was last under it. The pointer cursor and the tooltip say what can be clicked.
      onHover: (info: PickingInfo) => {
        map.getCanvas().style.cursor = info.object ? 'pointer' : '';
      },
      getTooltip: (info: PickingInfo) => {
        const pick = pickOf(info);
        const text = pick ? propsRef.current.tooltip(pick) : null;
        return text ? { text, className: 'map-tooltip' } : null;
      },
      onAfterRender: () => {
        readout.drawn = { ...drawn.current.counts };
        rendered.current = true;
        checkReady();
      },
      onError: (error: Error) => propsRef.current.onError(`${translate('errorMap', propsRef.current.lang)}: ${error.message}`),
    });
    overlayRef.current = overlay;
    map.addControl(overlay);
    map.on('load', () => redraw.current());
    map.on('movestart', () => {
      moving.current = true;
      readout.ready = false;
    });
    map.on('moveend', () => {
      moving.current = false;
      redraw.current();
    });
    map.on('error', (event) => propsRef.current.onError(`${translate('errorMap', propsRef.current.lang)}: ${event.error?.message ?? 'unknown'}`));
    map.on('webglcontextlost', () => propsRef.current.onError(translate('errorWebgl', propsRef.current.lang)));

    const controller = new AbortController();
    loadBaseLabels(controller.signal)
      .then((d) => {
        baseLabelData.current = d;
        redraw.current();
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) propsRef.current.onError(`${translate('errorMap', propsRef.current.lang)}: ${error.message}`);
      });
    atlas.project = (lon, lat) => {
      const p = map.project([lon, lat]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    };
    return () => {
      controller.abort();
      overlay.finalize();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
      atlas.project = undefined;
      readout.ready = false;
    };
  }, []);

  // Drill-down: move to the new place (instantly when the user prefers less motion).
  useEffect(() => {
    const map = mapRef.current;
    const fit = props.fit;
    if (!map || !fit || fittedKey.current === fit.key) return;
    // The first place (the data's extent arriving) is a jump; later ones fly, so the leader sees where they went.
    const first = fittedKey.current === null;
    fittedKey.current = fit.key;
    const reduce = first || window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const [w, s, e, n] = fit.bbox;
    map.fitBounds([w, s, e, n], { padding: fitPadding(map), maxZoom: fit.maxZoom ?? 12.5, duration: reduce ? 0 : 500 });
  }, [props.fit]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (attribution.current) map.removeControl(attribution.current);
    const control = new AttributionControl({ compact: false, customAttribution: translate('attribution', props.lang) });
    map.addControl(control, 'bottom-right');
    attribution.current = control;
  }, [props.lang]);

  useEffect(() => {
    redraw.current();
  }, [props.scene, props.lang]);

  return <div ref={container} className="map risk-map" role="region" aria-label={props.label} />;
}

/**
 * The map: MapLibre with the offline base style, deck.gl on top through MapboxOverlay (@deck.gl/mapbox), layers built
 * by the layer modules from the loaded data, labels placed without collisions, clicks turned into a selection.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection } from 'geojson';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type ErrorEvent as MapErrorEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { LayerId } from '../api/layers.ts';
import { config, type BBox } from '../config.ts';
import { translate, type Lang } from '../i18n/index.tsx';
import { atlas } from '../testHook.ts';
import { baseLabels, baseStyle, loadBaseLabels, type BaseLabelData } from './basemap.ts';
import { declutter } from './labels.ts';
import { drawOrder, evidence as evidenceModule, layerModules } from './layers/index.ts';
import { labelLayer } from './layers/common.ts';
import type { LabelCandidate } from './layers/types.ts';

setWorkerUrl(workerUrl);

export interface Selection {
  layer: LayerId;
  feature: Feature;
}

export interface MapViewProps {
  lang: Lang;
  data: Partial<Record<LayerId, FeatureCollection>>;
  visible: ReadonlySet<LayerId>;
  selected: Selection | null;
  evidence: FeatureCollection | null;
  /** Fit to this box once it is known (the layers' extent), unless the URL already holds a view. */
  initialBounds: BBox | null;
  /** The data for the first view has arrived. */
  settled: boolean;
  onSelect(selection: Selection | null): void;
  onViewChange(bbox: BBox, zoom: number): void;
  onError(message: string): void;
  /** Extra deck.gl layers drawn above the data and the evidence (the planner's proposal); labels stay on top. */
  overlays?: Layer[];
  /** The MapLibre map once loaded (null when it goes away): for drawing tools and the printed map image. */
  onMapReady?(map: MapLibreMap | null): void;
  /** False while a drawing tool owns the pointer: no selection on click, the tool sets the cursor. Default true. */
  pickable?: boolean;
}

function isLayerId(id: string): id is LayerId {
  return id in layerModules;
}

/** `mining_rights/labels` → `mining_rights`. */
function layerOfDeckId(id: string): string {
  return id.split('/')[0];
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const baseLabelData = useRef<BaseLabelData | null>(null);
  const counts = useRef<Record<string, number>>({});
  /** Whether the layers last handed to deck.gl were built from settled data, and whether deck.gl has drawn them. */
  const builtSettled = useRef(false);
  const drawnSettled = useRef(false);
  const fitted = useRef(false);
  const attribution = useRef<AttributionControl | null>(null);

  /** Rebuilds every deck.gl layer from the current props and view (cheap: deck.gl diffs by data identity). */
  const redraw = useRef(() => {});
  redraw.current = () => {
    const map = mapRef.current;
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const { data, visible, selected, lang, evidence } = propsRef.current;
    const zoom = map.getZoom();
    const shown = drawOrder.filter((id) => visible.has(id) && data[id]);
    const candidates: LabelCandidate[] = [];
    for (const id of shown) candidates.push(...(layerModules[id].labels?.(data[id]!, { lang, zoom }) ?? []));
    if (evidence?.features.length) candidates.push(...(evidenceModule.labels?.(evidence, { lang, zoom }) ?? []));
    const towns = visible.has('settlements') ? (data.settlements?.features ?? []).filter((f) => f.properties?.kind === 'town') : [];
    const layerRivers = visible.has('rivers') ? (data.rivers?.features ?? []) : [];
    candidates.push(...baseLabels(baseLabelData.current, zoom, lang, towns, layerRivers));
    const canvas = map.getCanvas();
    const kept = declutter(candidates, (p) => map.project(p), canvas.clientWidth, canvas.clientHeight);
    const byLayer = new Map<string, LabelCandidate[]>();
    for (const label of kept) {
      const id = label.key.split(':')[0];
      byLayer.set(id, [...(byLayer.get(id) ?? []), label]);
    }
    const built: Layer[] = labelLayer('basemap', byLayer.get('basemap') ?? []);
    const nextCounts: Record<string, number> = {};
    for (const id of drawOrder) nextCounts[id] = 0;
    for (const id of shown) {
      const module = layerModules[id];
      built.push(
        ...module.build(data[id]!, {
          lang,
          zoom,
          selectedId: selected?.layer === id ? String(selected.feature.properties?.id ?? selected.feature.id) : undefined,
          labels: byLayer.get(id) ?? [],
        }),
      );
      nextCounts[id] = data[id]!.features.length;
    }
    if (evidence?.features.length) {
      built.push(...evidenceModule.build(evidence, { lang, zoom, labels: byLayer.get('evidence') ?? [] }));
      nextCounts.evidence = evidence.features.length;
    }
    built.push(...(propsRef.current.overlays ?? []));
    // Areas and lines first, then every label above every shape.
    const shapes = built.filter((l) => !(l instanceof TextLayer));
    const texts = built.filter((l) => l instanceof TextLayer);
    counts.current = nextCounts;
    builtSettled.current = propsRef.current.settled;
    overlay.setProps({ layers: [...shapes, ...texts] });
  };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let map: MapLibreMap;
    const [w, s, e, n] = propsRef.current.initialBounds ?? config.fallbackBounds;
    try {
      map = new MapLibreMap({
        container: el,
        style: baseStyle(),
        bounds: [w, s, e, n],
        fitBoundsOptions: { padding: 40 },
        maxBounds: config.maxBounds,
        minZoom: 5,
        maxZoom: 17,
        hash: 'map',
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        attributionControl: false,
        // Keeps the last frame readable, so the planner's report can print the map (canvas.toDataURL).
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch (error) {
      propsRef.current.onError(translate('errorWebgl', propsRef.current.lang));
      console.error(error);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    const checkReady = () => {
      if (!atlas.ready && drawnSettled.current && map.loaded()) atlas.ready = true;
    };
    map.on('idle', checkReady);
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: 5,
      onClick: (info: PickingInfo) => {
        const object = info.object as Feature | { feature: Feature } | undefined;
        const feature = object && 'feature' in object ? object.feature : (object as Feature | undefined);
        const id = info.layer ? layerOfDeckId(info.layer.id) : '';
        if (propsRef.current.pickable === false) return;
        propsRef.current.onSelect(feature && isLayerId(id) ? { layer: id, feature } : null);
      },
      // The deck.gl canvas lets events through to MapLibre's, so the pointer is set there.
      onHover: ({ object }: PickingInfo) => {
        if (propsRef.current.pickable === false) return;
        map.getCanvas().style.cursor = object ? 'pointer' : '';
      },
      getTooltip: ({ object, layer }: PickingInfo) => {
        const f = object as Feature | undefined;
        if (!f?.properties?.name || !layer) return null;
        return { text: String(f.properties.name), className: 'map-tooltip' };
      },
      onAfterRender: () => {
        atlas.drawn = { ...counts.current };
        drawnSettled.current = builtSettled.current;
        checkReady();
      },
      onError: (error: Error) => {
        propsRef.current.onError(`${translate('errorMap', propsRef.current.lang)}: ${error.message}`);
      },
    });
    overlayRef.current = overlay;
    map.addControl(overlay);

    const report = () => {
      const b = map.getBounds();
      const bbox: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      atlas.view = { zoom: map.getZoom(), bbox };
      propsRef.current.onViewChange(bbox, map.getZoom());
    };
    map.on('load', () => {
      report();
      redraw.current();
      propsRef.current.onMapReady?.(map);
    });
    map.on('moveend', () => {
      report();
      redraw.current();
    });
    map.on('error', (event: MapErrorEvent) => {
      const message = event.error?.message ?? 'unknown';
      propsRef.current.onError(`${translate('errorMap', propsRef.current.lang)}: ${message}`);
    });
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
      propsRef.current.onMapReady?.(null);
    };
  }, []);

  // Fit once to the data's extent when it becomes known, unless the URL hash already set a view.
  useEffect(() => {
    const map = mapRef.current;
    const b = props.initialBounds;
    if (!map || !b || fitted.current) return;
    fitted.current = true;
    if (/map=/.test(window.location.hash)) return;
    map.fitBounds([b[0], b[1], b[2], b[3]], { padding: 24, animate: false });
  }, [props.initialBounds]);

  // Attribution in the current language.
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
  }, [props.data, props.visible, props.selected, props.lang, props.evidence, props.settled, props.overlays]);

  return <div ref={container} className="map" role="region" aria-label={translate('mapLabel', props.lang)} />;
}

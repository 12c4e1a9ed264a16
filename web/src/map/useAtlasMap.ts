/**
 * The map both views draw on (the atlas and planner in ./MapView.tsx, the regional risk view in ../risk/RiskMap.tsx):
 * MapLibre with the offline base style (./basemap.ts), no rotation or pitch, zoom buttons and scale bar, the
 * attribution in the current language, and deck.gl on top through MapboxOverlay (@deck.gl/mapbox). Each view hands
 * in a scene (its labels, its layers); the labels of the scene and of the base map are placed together without
 * collisions (./labels.ts) and every text layer is drawn above every shape. A scene may also hand in GeoJSON that
 * MapLibre draws itself (`styled`), above the base map and under every deck.gl layer. Errors reach the view as
 * messages in its language; the test read-out (`__atlas` or `__atlas.risk`) says what is drawn and when the map is
 * ready.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  prewarm,
  ScaleControl,
  setWorkerUrl,
  type ErrorEvent as MapErrorEvent,
  type FillLayerSpecification,
  type GeoJSONSource,
  type LineLayerSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { config, type BBox } from '../config.ts';
import { translate, type Lang } from '../i18n/index.tsx';
import { atlas } from '../testHook.ts';
import { loadBaseLabels, baseStyle, type BaseLabelData } from './basemap.ts';
import { declutter } from './labels.ts';
import { labelLayer } from './layers/common.ts';
import type { LabelCandidate } from './layers/types.ts';

// The worker is bundled with the app: the map fetches nothing from another host. It starts now, while the page
// renders, rather than when the first map is made (loading and compiling it takes a while), and stays for the next map.
setWorkerUrl(workerUrl);
prewarm();

/**
 * GeoJSON that MapLibre draws with its own style layers, above the base map and under every deck.gl layer. Meant for
 * large plain fills and outlines: MapLibre's small shaders are quick to prepare, where every deck.gl layer type costs
 * its first frame a shader compile that takes a second or more in a software renderer (SwiftShader, no GPU).
 */
export interface StyledSource {
  /** The MapLibre source id; the ids of its style layers start with it (`risk-areas`, `risk-areas/focus`). */
  id: string;
  /** Handed to MapLibre again only when this object changes. */
  data: FeatureCollection;
  /** Style layers over the source, bottom to top; colours and widths usually read from the features' properties. */
  layers: (Omit<FillLayerSpecification, 'source'> | Omit<LineLayerSpecification, 'source'>)[];
  /** Ids of the style layers whose features a click or the pointer can hit (where no deck.gl object is hit). */
  pickable?: string[];
}

/** What a click or the pointer hit: a deck.gl object or a feature of a styled source, with its layer's id. */
export interface AtlasPick {
  layerId: string;
  object: unknown;
}

/** What a view draws, built again after every move and whenever the view's data or language changes. */
export interface AtlasScene {
  /** Every label that could be shown, the base map's included; their keys start with their module's id (`mining_rights:…`). */
  labels: LabelCandidate[];
  /** The deck.gl layers, given the labels kept for a module id (the base map's labels are added here). */
  layers(labelsOf: (moduleId: string) => LabelCandidate[]): Layer[];
  /** Drawn by MapLibre, bottom to top, under the deck.gl layers. */
  styled?: StyledSource[];
  /** Features drawn per module, for the test read-out. */
  counts: Record<string, number>;
  /** Built from the data the view waits for: only then may the read-out say ready. */
  settled: boolean;
}

/** The part of the test read-out the map writes (`window.__atlas`, `window.__atlas.risk`). */
export interface MapReadout {
  ready: boolean;
  drawn: Record<string, number>;
  /** The labels are drawn too: on the map's first load they follow its shapes (see `useAtlasMap`), later they come together. */
  labelled: boolean;
}

/** Read once, when the map is made. */
export interface AtlasMapSetup {
  /** Where the map opens: a jump to this box, no animation. */
  bounds: BBox;
  padding: number;
  minZoom: number;
  maxZoom: number;
  /** Keep the view in the URL hash under this name (a reload opens the same view). */
  hash?: string;
  /** Keep the last frame readable, so the planner's report can print the map (canvas.toDataURL). */
  printable?: boolean;
  scalePosition: 'bottom-left' | 'bottom-right';
  pickingRadius: number;
  readout: MapReadout;
  /**
   * `once`: ready turns true the first time deck.gl has drawn settled data on a loaded map, and stays true (the
   * atlas test waits once). `live`: ready exactly while the last scene, settled, is drawn (by deck.gl, and its styled
   * sources by MapLibre) on a loaded map that is not moving (the risk test waits again after every drill-down).
   */
  readiness: 'once' | 'live';
}

export interface AtlasMapOptions {
  setup: AtlasMapSetup;
  lang: Lang;
  scene(map: MapLibreMap, baseLabels: BaseLabelData | null): AtlasScene;
  /** False while another tool owns the pointer: clicks are not reported and the cursor is left to the tool. */
  pickable?: boolean;
  /** Null when nothing was hit. */
  onClick(pick: AtlasPick | null): void;
  tooltip(pick: AtlasPick): string | null;
  /** After the map loads and after every move, before the scene is built again. */
  onMove?(map: MapLibreMap): void;
  /** The map once loaded (null when it goes away). */
  onMapReady?(map: MapLibreMap | null): void;
  onError(message: string): void;
}

/**
 * Makes the map in the returned container on mount and removes it on unmount. `redraw` builds the scene again (cheap:
 * deck.gl diffs layers by data identity); the view calls it when its data changes. The options are read when used, so
 * the callbacks may change from render to render; `setup` is read once.
 *
 * On the first load the labels are held back until the shapes of settled data are on the map (ready), and drawn in a
 * later frame: a software renderer (no GPU) spends a second or more preparing the text shader, and the map's
 * information (the areas, their colours) should not wait for it. From then on labels and shapes are drawn together.
 */
export function useAtlasMap(options: AtlasMapOptions) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const baseLabelData = useRef<BaseLabelData | null>(null);
  const attribution = useRef<AttributionControl | null>(null);
  /** What the last scene handed to deck.gl holds, and whether deck.gl has drawn it yet. */
  const built = useRef({ counts: {} as Record<string, number>, settled: false, labelled: false });
  const drawnSettled = useRef(false);
  const drawnCurrent = useRef(false);
  /** Labels wait for the first ready map. */
  const labelsHeld = useRef(true);
  /** How many layers deck.gl was last given. */
  const deckLayerCount = useRef(0);
  /** The last scene handed over is drawn by deck.gl (set by the map once made). */
  const deckDrawn = useRef(() => {});
  const moving = useRef(false);
  /** MapLibre has drawn everything it was given and has nothing left to load (its `idle`). */
  const mapIdle = useRef(false);
  /** The style is loaded, so sources can be added (before the base map's own sources have loaded). */
  const styleLoaded = useRef(false);
  /** The styled sources in the map, by id: the data last handed over and the style layers made for it. */
  const styledInMap = useRef(new Map<string, { data: FeatureCollection; layers: string[]; pickable: string[] }>());

  /** Adds, updates and removes the scene's styled sources; their layers go on top of the style, in scene order. */
  const syncStyled = (map: MapLibreMap, wanted: StyledSource[]) => {
    const inMap = styledInMap.current;
    const keep = new Set(wanted.map((s) => s.id));
    for (const [id, entry] of inMap) {
      if (keep.has(id)) continue;
      for (const layer of entry.layers) map.removeLayer(layer);
      map.removeSource(id);
      inMap.delete(id);
    }
    for (const styled of wanted) {
      const entry = inMap.get(styled.id);
      if (entry?.data === styled.data) continue;
      mapIdle.current = false;
      if (entry) {
        (map.getSource(styled.id) as GeoJSONSource).setData(styled.data);
        entry.data = styled.data;
        continue;
      }
      map.addSource(styled.id, { type: 'geojson', data: styled.data });
      for (const layer of styled.layers) map.addLayer({ ...layer, source: styled.id } as FillLayerSpecification | LineLayerSpecification);
      inMap.set(styled.id, { data: styled.data, layers: styled.layers.map((l) => l.id), pickable: styled.pickable ?? [] });
    }
  };

  /** The deck.gl object under the pointer, else the top feature of a pickable styled layer there. */
  const pickAt = (map: MapLibreMap, info: PickingInfo): AtlasPick | null => {
    if (info.layer && info.object) return { layerId: info.layer.id, object: info.object };
    const layers = [...styledInMap.current.values()].flatMap((s) => s.pickable);
    if (!layers.length || info.x < 0 || info.y < 0) return null;
    const [hit] = map.queryRenderedFeatures([info.x, info.y], { layers });
    return hit ? { layerId: hit.layer.id, object: hit } : null;
  };

  /** `keepReady`: only the held labels join, the drawn scene stays as it is. */
  const redraw = useRef((_keepReady?: boolean) => {});
  redraw.current = (keepReady = false) => {
    const map = mapRef.current;
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const { setup } = optionsRef.current;
    const scene = optionsRef.current.scene(map, baseLabelData.current);
    const canvas = map.getCanvas();
    const kept = declutter(scene.labels, (p) => map.project(p), canvas.clientWidth, canvas.clientHeight);
    const byModule = new Map<string, LabelCandidate[]>();
    for (const label of kept) {
      const id = label.key.split(':')[0];
      byModule.set(id, [...(byModule.get(id) ?? []), label]);
    }
    const labelsOf = (moduleId: string) => byModule.get(moduleId) ?? [];
    const layers = [...labelLayer('basemap', labelsOf('basemap')), ...scene.layers(labelsOf)];
    // Areas and lines first, then every label above every shape.
    const shapes = layers.filter((l) => !(l instanceof TextLayer));
    const texts = labelsHeld.current ? [] : layers.filter((l) => l instanceof TextLayer);
    built.current = { counts: scene.counts, settled: scene.settled, labelled: !labelsHeld.current };
    if (!keepReady) {
      drawnCurrent.current = false;
      if (setup.readiness === 'live') setup.readout.ready = false;
    }
    if (styleLoaded.current) syncStyled(map, scene.styled ?? []);
    const deckLayers = [...shapes, ...texts];
    // Nothing for deck.gl to draw, nor to clear: the scene is drawn once MapLibre has drawn its part (no waiting for
    // a deck.gl frame, which comes a frame later).
    const deckIdle = deckLayers.length === 0 && deckLayerCount.current === 0;
    deckLayerCount.current = deckLayers.length;
    overlay.setProps({ layers: deckLayers });
    if (deckIdle) deckDrawn.current();
  };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { setup } = optionsRef.current;
    const { readout } = setup;
    const mapError = (message: string) => optionsRef.current.onError(`${translate('errorMap', optionsRef.current.lang)}: ${message}`);
    const webglError = () => optionsRef.current.onError(translate('errorWebgl', optionsRef.current.lang));
    let map: MapLibreMap;
    const [w, s, e, n] = setup.bounds;
    try {
      map = new MapLibreMap({
        container: el,
        style: baseStyle(),
        bounds: [w, s, e, n],
        fitBoundsOptions: { padding: setup.padding },
        maxBounds: config.maxBounds,
        minZoom: setup.minZoom,
        maxZoom: setup.maxZoom,
        hash: setup.hash ?? false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        renderWorldCopies: false,
        // Added below, in the current language.
        attributionControl: false,
        ...(setup.printable ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
      });
    } catch (error) {
      webglError();
      console.error(error);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), setup.scalePosition);

    const checkReady = () => {
      if (setup.readiness === 'once') {
        if (!readout.ready && drawnSettled.current && map.loaded()) readout.ready = true;
      } else {
        readout.ready = drawnCurrent.current && drawnSettled.current && !moving.current && mapIdle.current;
      }
      if (readout.ready && labelsHeld.current) {
        labelsHeld.current = false;
        // The next frame: this one shows the shapes without waiting for the text shader.
        requestAnimationFrame(() => redraw.current(true));
      }
    };
    map.on('render', () => {
      mapIdle.current = false;
    });
    map.on('idle', () => {
      mapIdle.current = true;
      checkReady();
    });
    // The scene's styled sources need the style, not the base map's data: they load alongside it.
    map.on('style.load', () => {
      styleLoaded.current = true;
      redraw.current();
    });
    deckDrawn.current = () => {
      readout.drawn = { ...built.current.counts };
      readout.labelled = built.current.labelled;
      drawnSettled.current = built.current.settled;
      drawnCurrent.current = true;
      checkReady();
    };
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: setup.pickingRadius,
      onClick: (info: PickingInfo) => {
        if (optionsRef.current.pickable === false) return;
        optionsRef.current.onClick(pickAt(map, info));
      },
      // The deck.gl canvas lets events through to MapLibre's, so the pointer is set there.
      onHover: (info: PickingInfo) => {
        if (optionsRef.current.pickable === false) return;
        map.getCanvas().style.cursor = pickAt(map, info) ? 'pointer' : '';
      },
      getTooltip: (info: PickingInfo) => {
        const pick = pickAt(map, info);
        const text = pick && optionsRef.current.tooltip(pick);
        return text ? { text, className: 'map-tooltip' } : null;
      },
      onAfterRender: () => deckDrawn.current(),
      onError: (error: Error) => mapError(error.message),
    });
    overlayRef.current = overlay;
    map.addControl(overlay);

    map.on('load', () => {
      optionsRef.current.onMove?.(map);
      redraw.current();
      optionsRef.current.onMapReady?.(map);
    });
    map.on('movestart', () => {
      moving.current = true;
      if (setup.readiness === 'live') readout.ready = false;
    });
    map.on('moveend', () => {
      moving.current = false;
      optionsRef.current.onMove?.(map);
      redraw.current();
    });
    map.on('error', (event: MapErrorEvent) => mapError(event.error?.message ?? 'unknown'));
    map.on('webglcontextlost', webglError);

    const controller = new AbortController();
    loadBaseLabels(controller.signal)
      .then((data) => {
        baseLabelData.current = data;
        redraw.current();
      })
      .catch((error: Error) => {
        if (!controller.signal.aborted) mapError(error.message);
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
      styledInMap.current.clear();
      styleLoaded.current = false;
      labelsHeld.current = true;
      deckLayerCount.current = 0;
      deckDrawn.current = () => {};
      mapRef.current = null;
      overlayRef.current = null;
      atlas.project = undefined;
      if (setup.readiness === 'live') readout.ready = false;
      optionsRef.current.onMapReady?.(null);
    };
  }, []);

  // Attribution in the current language.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (attribution.current) map.removeControl(attribution.current);
    const control = new AttributionControl({ compact: false, customAttribution: translate('attribution', options.lang) });
    map.addControl(control, 'bottom-right');
    attribution.current = control;
  }, [options.lang]);

  return { container, map: mapRef, redraw: () => redraw.current() };
}

/**
 * The map of the atlas and planner views: the shared map (./useAtlasMap.ts) drawing the layer modules from the
 * loaded data, the review evidence and the planner's overlays, with clicks turned into a selection.
 */
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { LayerDensity, LayerId } from '../api/layers.ts';
import { config, type BBox } from '../config.ts';
import { translate, type Lang } from '../i18n/index.tsx';
import { atlas } from '../testHook.ts';
import { baseLabels } from './basemap.ts';
import { legendText } from '../i18n/map.ts';
import { countColour, densityLabels, densityLayers, formatCount, type DensityCell } from './layers/density/index.ts';
import { drawOrder, evidence as evidenceModule, layerModules } from './layers/index.ts';
import type { LabelCandidate } from './layers/types.ts';
import { useAtlasMap, type AtlasScene } from './useAtlasMap.ts';

export interface Selection {
  layer: LayerId;
  feature: Feature;
}

export interface MapViewProps {
  lang: Lang;
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** Layers too dense to draw one by one in this view: drawn as counts per cell instead of `data`. */
  density: Partial<Record<LayerId, LayerDensity>>;
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

/** Zoom levels a click on a cell of counts zooms in. */
const CELL_CLICK_ZOOM = 2;

/** `mining_rights/labels` → `mining_rights`. */
function layerOfDeckId(id: string): string {
  return id.split('/')[0];
}

export function MapView(props: MapViewProps) {
  const propsRef = useRef(props);
  propsRef.current = props;
  const fitted = useRef(false);

  const atlasMap = useAtlasMap({
    setup: {
      bounds: props.initialBounds ?? config.fallbackBounds,
      padding: 40,
      minZoom: 5,
      maxZoom: 17,
      hash: 'map',
      printable: true,
      scalePosition: 'bottom-left',
      pickingRadius: 5,
      readout: atlas,
      readiness: 'once',
    },
    lang: props.lang,
    pickable: props.pickable,
    scene: (map, baseLabelData): AtlasScene => {
      const { data, density, visible, selected, lang, evidence, overlays, settled } = propsRef.current;
      const zoom = map.getZoom();
      const shown = drawOrder.filter((id) => visible.has(id) && (density[id] || data[id]));
      const labels: LabelCandidate[] = [];
      for (const id of shown) {
        const counted = density[id];
        labels.push(...(counted ? densityLabels(id, counted, countColour(layerModules[id]), { lang, zoom }) : (layerModules[id].labels?.(data[id]!, { lang, zoom }) ?? [])));
      }
      if (evidence?.features.length) labels.push(...(evidenceModule.labels?.(evidence, { lang, zoom }) ?? []));
      const towns = visible.has('settlements') && !density.settlements ? (data.settlements?.features ?? []).filter((f) => f.properties?.kind === 'town') : [];
      const layerRivers = visible.has('rivers') && !density.rivers ? (data.rivers?.features ?? []) : [];
      labels.push(...baseLabels(baseLabelData, zoom, lang, towns, layerRivers));
      const counts: Record<string, number> = {};
      for (const id of drawOrder) counts[id] = 0;
      for (const id of shown) counts[id] = density[id] ? density[id].cells.length : data[id]!.features.length;
      if (evidence?.features.length) counts.evidence = evidence.features.length;
      atlas.density = Object.fromEntries(shown.filter((id) => density[id]).map((id) => [id, density[id]!.total]));
      const layers = (labelsOf: (moduleId: string) => LabelCandidate[]) => {
        const built: Layer[] = [];
        for (const id of shown) {
          const counted = density[id];
          if (counted) {
            built.push(...densityLayers(id, counted, countColour(layerModules[id]), labelsOf(id)));
            continue;
          }
          const selectedId = selected?.layer === id ? String(selected.feature.properties?.id ?? selected.feature.id) : undefined;
          built.push(...layerModules[id].build(data[id]!, { lang, zoom, selectedId, labels: labelsOf(id) }));
        }
        if (evidence?.features.length) built.push(...evidenceModule.build(evidence, { lang, zoom, labels: labelsOf('evidence') }));
        built.push(...(overlays ?? []));
        return built;
      };
      return { labels, layers, counts, settled };
    },
    onClick: (pick) => {
      if (pick?.layerId.endsWith('/density')) {
        // A cell of counts: zoom in on it by two levels (a quarter of the width), as a double click would, towards
        // the view where its features fit or finer counts show.
        const map = atlasMap.map.current;
        const [w, s, e, n] = (pick.object as Feature<Polygon, DensityCell>).properties.bbox;
        map?.easeTo({ center: [(w + e) / 2, (s + n) / 2], zoom: Math.min(map.getZoom() + CELL_CLICK_ZOOM, map.getMaxZoom()), duration: 400 });
        return;
      }
      const object = pick?.object as Feature | { feature: Feature } | undefined;
      const feature = object && 'feature' in object ? object.feature : (object as Feature | undefined);
      const id = pick ? layerOfDeckId(pick.layerId) : '';
      propsRef.current.onSelect(feature && isLayerId(id) ? { layer: id, feature } : null);
    },
    tooltip: ({ layerId, object }) => {
      if (layerId.endsWith('/density')) {
        const { count } = (object as Feature<Polygon, DensityCell>).properties;
        return `${formatCount(count, propsRef.current.lang)} ${legendText.density.tooltip[propsRef.current.lang]}`;
      }
      const f = object as Feature | undefined;
      return f?.properties?.name ? String(f.properties.name) : null;
    },
    onMove: (map) => {
      const b = map.getBounds();
      const bbox: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      atlas.view = { zoom: map.getZoom(), bbox };
      propsRef.current.onViewChange(bbox, map.getZoom());
    },
    onMapReady: (map) => propsRef.current.onMapReady?.(map),
    onError: (message) => propsRef.current.onError(message),
  });

  // Fit once to the data's extent when it becomes known, unless the URL hash already set a view.
  useEffect(() => {
    const map = atlasMap.map.current;
    const b = props.initialBounds;
    if (!map || !b || fitted.current) return;
    fitted.current = true;
    if (/map=/.test(window.location.hash)) return;
    map.fitBounds([b[0], b[1], b[2], b[3]], { padding: 24, animate: false });
  }, [props.initialBounds]);

  useEffect(() => {
    atlasMap.redraw();
  }, [props.data, props.density, props.visible, props.selected, props.lang, props.evidence, props.settled, props.overlays]);

  return <div ref={atlasMap.container} className="map" role="region" aria-label={translate('mapLabel', props.lang)} />;
}

/**
 * The risk view's map: the atlas's map (../map/useAtlasMap.ts: offline base map, deck.gl on top) drawing the risk
 * layer modules (../map/layers/risk-*) handed in as a scene. Clicks are reported with the module they hit; `fit`
 * moves the view when its key changes (drill-down).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { config, type BBox } from '../config.ts';
import type { Lang } from '../i18n/index.tsx';
import { baseLabels } from '../map/basemap.ts';
import type { RiskLayerModule } from '../map/layers/risk-common/index.ts';
import type { LabelCandidate } from '../map/layers/types.ts';
import { useAtlasMap, type AtlasPick, type StyledSource } from '../map/useAtlasMap.ts';
import { riskReadout } from './testHook.ts';

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

const pickOf = (pick: AtlasPick): RiskPick => ({ module: moduleOf(pick.layerId), object: pick.object });

/** Room for the legend over the lower left corner (when it is open and the map is wide enough to spare it). */
function fitPadding(map: MapLibreMap) {
  const legend = map.getContainer().parentElement?.querySelector<HTMLElement>('.risk-legend[open]');
  const width = map.getContainer().clientWidth;
  const left = legend && width > 560 ? legend.offsetWidth + 24 : 36;
  return { top: 36, bottom: 36, left, right: 56 };
}

export function RiskMap(props: RiskMapProps) {
  const propsRef = useRef(props);
  propsRef.current = props;
  /** The key of the place the map was last moved to; the first place is where the map opens. */
  const fittedKey = useRef<string | null>(props.fit?.key ?? null);

  const atlasMap = useAtlasMap({
    setup: {
      bounds: props.fit?.bbox ?? config.fallbackBounds,
      padding: 36,
      minZoom: 4,
      maxZoom: 16,
      scalePosition: 'bottom-right',
      pickingRadius: 4,
      readout: riskReadout(),
      readiness: 'live',
    },
    lang: props.lang,
    scene: (map, baseLabelData) => {
      const { scene, lang } = propsRef.current;
      const zoom = map.getZoom();
      const labels: LabelCandidate[] = [];
      for (const p of scene.parts) labels.push(...(p.module.labels?.(p.data, { lang, zoom }) ?? []));
      labels.push(...baseLabels(baseLabelData, zoom, lang).map((l) => ({ ...l, priority: l.priority - 30 })));
      const counts: Record<string, number> = {};
      for (const p of scene.parts) counts[p.module.id] = (counts[p.module.id] ?? 0) + p.count;
      const styled: StyledSource[] = [];
      for (const p of scene.parts) if (p.module.styled) styled.push(p.module.styled(p.data));
      return {
        labels,
        layers: (labelsOf) => scene.parts.flatMap((p) => p.module.build(p.data, { lang, zoom, labels: labelsOf(p.module.id) })),
        styled,
        counts,
        settled: scene.settled,
      };
    },
    onClick: (pick) => propsRef.current.onPick(pick && pickOf(pick)),
    // No hover highlight: a drill-down moves the map under a still pointer, and deck.gl would keep highlighting
    // whatever was last under it. The pointer cursor (set by the shared map) and the tooltip say what can be clicked.
    tooltip: (pick) => propsRef.current.tooltip(pickOf(pick)),
    onError: (message) => propsRef.current.onError(message),
  });

  // Drill-down: move to the new place (instantly when the user prefers less motion).
  useEffect(() => {
    const map = atlasMap.map.current;
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
    atlasMap.redraw();
  }, [props.scene, props.lang]);

  return <div ref={atlasMap.container} className="map risk-map" role="region" aria-label={props.label} />;
}

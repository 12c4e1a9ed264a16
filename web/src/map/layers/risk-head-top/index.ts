/**
 * 头顶库 head-top tailings ponds: each pond's downstream corridor (the 1 km flow path or ±30° sector the
 * head-top-tailings check drew), the settlements it reaches coloured by kind, and their names with the people
 * living there ("东岭村 860人"). The pond itself is drawn by the sites layer.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { labelAnchor, labelLayer } from '../common.ts';
import type { LabelCandidate } from '../types.ts';
import type { RiskLayerModule } from '../risk-common/index.ts';

export interface HeadTopSettlement {
  id: string;
  name: string;
  kind: string | null;
  population: number | null;
  distanceM: number | null;
}

export interface HeadTopPondData {
  id: string;
  name: string;
  settlements: HeadTopSettlement[];
  /** The check's evidence: `kind` corridor and hit (with `relatedId`). */
  evidence: FeatureCollection;
}

export interface RiskHeadTopData {
  ponds: HeadTopPondData[];
  selectedId?: string;
}

const corridor = layerColours.evidence.corridor;
const s = layerColours.settlements;

function kindColour(kind: string | null | undefined): RGBA {
  return (s as Record<string, RGBA>)[kind ?? 'village'] ?? s.village;
}

interface Hit {
  feature: Feature;
  pond: HeadTopPondData;
  settlement?: HeadTopSettlement;
}

function hitsOf(ponds: HeadTopPondData[]): Hit[] {
  return ponds.flatMap((pond) =>
    pond.evidence.features
      .filter((f) => f.properties?.kind === 'hit')
      .map((feature) => ({ feature, pond, settlement: pond.settlements.find((x) => x.id === feature.properties?.relatedId) })),
  );
}

export function peopleText(population: number | null | undefined, lang: 'zh' | 'en'): string {
  if (population === null || population === undefined) return lang === 'zh' ? '人口不详' : 'population unknown';
  const n = population.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  return lang === 'zh' ? `${n}人` : `${n} people`;
}

export const riskHeadTop: RiskLayerModule<RiskHeadTopData> = {
  id: 'risk-head-top',
  title: { zh: '头顶库下游', en: 'Below head-top ponds' },
  legend: [
    { label: legendText.evidence.corridor, symbol: { kind: 'fill', fill: withAlpha(corridor, 90), line: darker(corridor, 0.85) } },
    { label: { zh: '下游村庄', en: 'Village below' }, symbol: { kind: 'fill', fill: withAlpha(s.village, 170), line: [255, 255, 255, 255] } },
    { label: legendText.settlements.school, symbol: { kind: 'point', color: s.school, radius: 5, line: [255, 255, 255, 255] } },
  ],
  labels(data, { lang }) {
    const out: LabelCandidate[] = [];
    for (const hit of hitsOf(data.ponds)) {
      const selected = hit.pond.id === data.selectedId;
      const name = hit.settlement?.name ?? String(hit.feature.properties?.label ?? '');
      // Under a built-up area's outline (not on top of it), under a point's dot.
      const polygon = hit.feature.geometry.type !== 'Point';
      const at = labelAnchor(hit.feature);
      out.push({
        key: `risk-head-top:${hit.pond.id}:${hit.settlement?.id ?? name}`,
        position: polygon ? [at[0], turf.bbox(hit.feature)[1]] : at,
        text: `${name} ${peopleText(hit.settlement?.population, lang)}`,
        priority: selected ? 97 : 86,
        size: selected ? 14 : 12,
        weight: 'bold',
        color: darker(kindColour(hit.settlement?.kind), 0.55, 255),
        offset: [0, polygon ? 12 : 16],
      });
    }
    return out;
  },
  build(data, { labels }) {
    const corridors = data.ponds.flatMap((pond) => pond.evidence.features.filter((f) => f.properties?.kind === 'corridor').map((f) => ({ ...f, properties: { ...f.properties, pondId: pond.id } })));
    const hits = hitsOf(data.ponds);
    const kindOf = new Map(hits.map((h) => [h.feature, h.settlement?.kind ?? 'village']));
    return [
      new GeoJsonLayer({
        id: 'risk-head-top/corridors',
        data: corridors,
        pickable: true,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: (f: Feature) => withAlpha(corridor, f.properties?.pondId === data.selectedId ? 120 : 80),
        getLineColor: (f: Feature) => darker(corridor, 0.8, f.properties?.pondId === data.selectedId ? 255 : 200),
        getLineWidth: (f: Feature) => (f.properties?.pondId === data.selectedId ? 2.5 : 1.5),
        updateTriggers: { getFillColor: data.selectedId, getLineColor: data.selectedId, getLineWidth: data.selectedId },
      }),
      new GeoJsonLayer({
        id: 'risk-head-top/settlements',
        data: hits.map((h) => h.feature),
        pickable: false,
        filled: true,
        stroked: true,
        pointType: 'circle',
        pointRadiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getPointRadius: 7,
        getFillColor: (f: Feature) => withAlpha(kindColour(kindOf.get(f)), 200),
        getLineColor: [255, 255, 255, 255],
        getLineWidth: 1.5,
      }),
      ...labelLayer('risk-head-top', labels),
    ];
  },
};

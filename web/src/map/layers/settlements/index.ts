/**
 * 居民点 settlements: towns, villages, schools, hospitals and facilities. Points are circles sized by population;
 * polygons (built-up areas) are filled. The people a tailings dam or a blast could reach.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const c = layerColours.settlements;
const t = legendText.settlements;

function kindColour(f: Feature): RGBA {
  return (c as Record<string, RGBA>)[String(prop(f, 'kind'))] ?? c.village;
}

/** Circle radius in pixels: grows with the logarithm of population, 3 px (≤ 100 people) to 11 px (≥ 300,000). */
export function radiusFor(population: unknown): number {
  const p = typeof population === 'number' && population > 0 ? population : 100;
  return Math.min(11, Math.max(3, 3 + 2.3 * Math.log10(p / 100)));
}

const isPoint = (f: Feature) => f.geometry.type === 'Point';

/** Symbols shrink when zoomed out so that a county's villages do not merge into one blot (half size at zoom 7). */
export function zoomScale(zoom: number): number {
  return Math.min(1, Math.max(0.45, 0.5 + (zoom - 7) / 6));
}

export const settlements: MapLayerModule<'settlements'> = {
  id: 'settlements',
  title: layerTitles.settlements,
  legend: [
    { label: t.town, symbol: { kind: 'point', color: c.town, radius: 7, line: [255, 255, 255, 255] } },
    { label: t.village, symbol: { kind: 'point', color: c.village, radius: 4, line: [255, 255, 255, 255] } },
    { label: t.school, symbol: { kind: 'point', color: c.school, radius: 4.5, line: [255, 255, 255, 255] } },
    { label: t.hospital, symbol: { kind: 'point', color: c.hospital, radius: 4.5, line: [255, 255, 255, 255] } },
    { label: t.area, symbol: { kind: 'fill', fill: withAlpha(c.area, 160), line: darker(c.area, 0.6) } },
  ],
  labels(data, { zoom, lang }) {
    const out = [];
    for (const f of data.features) {
      const kind = String(prop(f, 'kind'));
      const town = kind === 'town';
      if (!town && zoom < (kind === 'village' ? 10.6 : 11.4)) continue;
      const r = isPoint(f) ? radiusFor(prop(f, 'population')) * zoomScale(zoom) : 0;
      const size = town ? 15 : 12;
      out.push({
        key: `settlements:${featureId(f)}`,
        position: labelAnchor(f),
        text: labelText(f, lang),
        priority: town ? 90 : kind === 'village' ? 45 : 35,
        size,
        weight: town ? ('bold' as const) : ('normal' as const),
        color: town ? c.town : darker(kindColour(f), 0.6, 255),
        offset: [0, isPoint(f) ? r + size * 0.75 : 0] as [number, number],
      });
    }
    return out;
  },
  build(data, { selectedId, labels, zoom }) {
    const scale = zoomScale(zoom);
    return [
      new GeoJsonLayer({
        id: 'settlements',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 90],
        pointType: 'circle',
        pointRadiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getPointRadius: (f: Feature) => radiusFor(prop(f, 'population')),
        pointRadiusScale: scale,
        getFillColor: (f: Feature) => (isPoint(f) ? kindColour(f) : withAlpha(c.area, 160)),
        ...selectable(selectedId, (f) => (isPoint(f) ? [255, 255, 255, 255] : darker(c.area, 0.6)), (f) => (isPoint(f) ? 1.2 : 1)),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('settlements', labels),
    ];
  },
};

/**
 * Any layer, where it has too many features in view to draw one by one (see data/layerStore.ts): its features counted
 * per grid cell (GET /api/layers/:layer/density), each cell shaded in the layer's own colour, darker for more
 * features, with its count printed where the cell is wide enough to hold it. A click on a cell zooms the map to it.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellBox, type LayerDensity, type LayerId } from '../../../api/layers.ts';
import type { Lang } from '../../../i18n/index.tsx';
import { legendText } from '../../../i18n/map.ts';
import { darker, withAlpha, type RGBA } from '../../theme.ts';
import { labelLayer } from '../common.ts';
import type { LabelCandidate, LegendEntry, MapLayerModule } from '../types.ts';

export interface DensityCell {
  count: number;
  bbox: [number, number, number, number];
}

const MIN_ALPHA = 45;
const MAX_ALPHA = 215;
/** A count is printed only in cells at least this wide on screen. */
const LABEL_MIN_PX = 34;

/** What a layer's counts are shaded in: the colour its legend shows first. */
export function countColour(module: MapLayerModule): RGBA {
  const symbol = module.legend[0].symbol;
  if (symbol.kind === 'fill') return symbol.line ?? symbol.fill;
  return symbol.color;
}

function cellsOf(density: LayerDensity): FeatureCollection<Polygon, DensityCell> {
  return {
    type: 'FeatureCollection',
    features: density.cells.map(([column, row, count]): Feature<Polygon, DensityCell> => {
      const bbox = cellBox(density, column, row);
      return {
        type: 'Feature',
        properties: { count, bbox },
        geometry: { type: 'Polygon', coordinates: [[[bbox[0], bbox[1]], [bbox[2], bbox[1]], [bbox[2], bbox[3]], [bbox[0], bbox[3]], [bbox[0], bbox[1]]]] },
      };
    }),
  };
}

/** The share of the busiest cell's count, on a log scale (a few dense districts would wash out the rest). */
function weight(count: number, most: number): number {
  return most <= 1 ? 1 : Math.log1p(count) / Math.log1p(most);
}

const compact = { zh: new Intl.NumberFormat('zh-CN', { notation: 'compact' }), en: new Intl.NumberFormat('en', { notation: 'compact' }) };

export function formatCount(count: number, lang: Lang): string {
  return count < 10_000 ? count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : compact[lang].format(count);
}

export function densityLabels(layer: LayerId, density: LayerDensity, colour: RGBA, { lang, zoom }: { lang: Lang; zoom: number }): LabelCandidate[] {
  const cellPx = (density.cellSize[0] / 360) * 512 * 2 ** zoom;
  if (cellPx < LABEL_MIN_PX) return [];
  return density.cells.map(([column, row, count]) => {
    const [west, south, east, north] = cellBox(density, column, row);
    return {
      key: `${layer}:density:${column}:${row}`,
      position: [(west + east) / 2, (south + north) / 2] as [number, number],
      text: formatCount(count, lang),
      priority: 30,
      size: 11,
      color: darker(colour, 0.45, 255),
    };
  });
}

export function densityLayers(layer: LayerId, density: LayerDensity, colour: RGBA, labels: LabelCandidate[]) {
  const most = Math.max(1, ...density.cells.map((c) => c[2]));
  return [
    new GeoJsonLayer<DensityCell>({
      id: `${layer}/density`,
      data: cellsOf(density),
      pickable: true,
      autoHighlight: true,
      highlightColor: [0, 163, 196, 80],
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 0.6,
      getLineColor: [255, 255, 255, 200],
      getFillColor: (f) => withAlpha(colour, Math.round(MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * weight(f.properties.count, most))),
    }),
    ...labelLayer(`${layer}/density`, labels),
  ];
}

/** The legend of a layer drawn as counts: the lightest and the darkest cell. */
export function densityLegend(colour: RGBA): LegendEntry[] {
  return [
    { label: legendText.density.fewer, symbol: { kind: 'fill', fill: withAlpha(colour, MIN_ALPHA), line: [255, 255, 255, 200] } },
    { label: legendText.density.more, symbol: { kind: 'fill', fill: withAlpha(colour, MAX_ALPHA), line: [255, 255, 255, 200] } },
  ];
}

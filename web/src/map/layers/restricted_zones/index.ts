/**
 * 禁止/限制开采区 restricted zones (生态保护红线, 自然保护区, 水源保护区, 禁采区): translucent red with red hatching
 * whose direction tells the zone type apart. A site must avoid all of them (联合选址…避让禁止限制勘查开采区域).
 */
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { degreesPerPixel, hatch, type Segment } from '../../geometry/hatch.ts';
import { darker, layerColours, withAlpha } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable } from '../common.ts';
import type { HatchPattern, MapLayerModule } from '../types.ts';

const red = layerColours.restricted;
const t = legendText.restrictedZones;

export const patternOf: Record<string, HatchPattern> = {
  ecological_red_line: 'diagonal',
  nature_reserve: 'back',
  water_source: 'horizontal',
  no_mining: 'cross',
};

const angles: Record<HatchPattern, number[]> = { diagonal: [45], back: [135], horizontal: [0], cross: [45, 135] };

/** Hatch spacing on screen, pixels. */
const SPACING_PX = 9;
const cache = new Map<string, Segment[]>();

function hatchOf(f: Feature, zoom: number): Segment[] {
  const g = f.geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return [];
  const key = `${featureId(f)}@${zoom}@${JSON.stringify(g).length}`;
  let segments = cache.get(key);
  if (!segments) {
    const lat = (g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0])[1];
    const spacing = SPACING_PX * degreesPerPixel(zoom, lat);
    const pattern = patternOf[String(prop(f, 'zoneType'))] ?? 'diagonal';
    segments = angles[pattern].flatMap((a) => hatch(g as Polygon | MultiPolygon, a, spacing));
    if (cache.size > 200) cache.clear();
    cache.set(key, segments);
  }
  return segments;
}

const fill = withAlpha(red, 38);
const hatchColour = withAlpha(red, 150);

export const restrictedZones: MapLayerModule<'restricted_zones'> = {
  id: 'restricted_zones',
  title: layerTitles.restricted_zones,
  legend: (Object.keys(patternOf) as (keyof typeof t)[]).map((type) => ({
    label: t[type],
    symbol: { kind: 'fill' as const, fill, line: red, lineWidth: 1.5, hatch: patternOf[type] },
  })),
  labels(data, { zoom, lang }) {
    if (zoom < 10.6) return [];
    return data.features.map((f) => ({
      key: `restricted_zones:${featureId(f)}`,
      position: labelAnchor(f),
      text: labelText(f, lang),
      priority: 30,
      size: 12,
      color: darker(red, 0.7, 255),
    }));
  },
  build(data, { selectedId, labels, zoom }) {
    const z = Math.max(6, Math.round(zoom));
    const segments = data.features.flatMap((f) => hatchOf(f, z));
    return [
      new GeoJsonLayer({
        id: 'restricted_zones',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 50],
        lineWidthUnits: 'pixels',
        getFillColor: fill,
        ...selectable(selectedId, () => withAlpha(red, 220), () => 1.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      new PathLayer<Segment>({
        id: 'restricted_zones/hatch',
        data: segments,
        pickable: false,
        widthUnits: 'pixels',
        getWidth: 1,
        getColor: hatchColour,
        getPath: (d) => d as unknown as [number, number][],
      }),
      ...labelLayer('restricted_zones', labels),
    ];
  },
};

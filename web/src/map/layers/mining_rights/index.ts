/**
 * 采矿权 mining rights: licence polygons (垂直投影范围) coloured by mineral group; suspended/closed ones grey,
 * proposed ones drawn as an outline.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const c = layerColours.miningRights;
const t = legendText.miningRights;

function hue(f: Feature): RGBA {
  const status = prop<string>(f, 'status');
  if (status === 'suspended' || status === 'closed') return c.inactive;
  const group = prop<string>(f, 'mineralGroup') ?? 'other';
  return (c as Record<string, RGBA>)[group] ?? c.other;
}

function fill(f: Feature): RGBA {
  if (prop(f, 'status') === 'proposed') return [255, 255, 255, 90];
  return withAlpha(hue(f), 105);
}

/** "河津市铜鑫铜矿" → "铜鑫铜矿" on the map (the attribute panel keeps the full name). */
export function shortName(name: string): string {
  const m = /^(.{2,3}?[市县区])(.{3,})$/.exec(name);
  return m ? m[2] : name;
}

export const miningRights: MapLayerModule<'mining_rights'> = {
  id: 'mining_rights',
  title: layerTitles.mining_rights,
  legend: [
    { label: t.metal, symbol: { kind: 'fill', fill: withAlpha(c.metal, 105), line: darker(c.metal) } },
    { label: t.nonmetal, symbol: { kind: 'fill', fill: withAlpha(c.nonmetal, 105), line: darker(c.nonmetal) } },
    { label: t.sandGravel, symbol: { kind: 'fill', fill: withAlpha(c.construction_sand_gravel, 105), line: darker(c.construction_sand_gravel) } },
    { label: t.buildingStone, symbol: { kind: 'fill', fill: withAlpha(c.building_stone, 105), line: darker(c.building_stone) } },
    { label: t.inactive, symbol: { kind: 'fill', fill: withAlpha(c.inactive, 105), line: darker(c.inactive) } },
    { label: t.proposed, symbol: { kind: 'fill', fill: [255, 255, 255, 90], line: darker(c.other), lineWidth: 2 } },
  ],
  labels(data, { zoom, lang }) {
    if (zoom < 11.3) return [];
    return data.features.map((f) => ({
      key: `mining_rights:${featureId(f)}`,
      position: labelAnchor(f),
      text: shortName(labelText(f, lang)),
      priority: 40,
      size: 12,
      color: darker(hue(f), 0.55, 255),
    }));
  },
  build(data, { selectedId, labels }) {
    return [
      new GeoJsonLayer({
        id: 'mining_rights',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 70],
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: fill,
        ...selectable(selectedId, (f) => darker(hue(f), 0.7, 235), (f) => (prop(f, 'status') === 'proposed' ? 2 : 1.3)),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('mining_rights', labels),
    ];
  },
};

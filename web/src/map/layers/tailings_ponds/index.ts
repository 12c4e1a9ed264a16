/**
 * 尾矿库 tailings ponds: the pond polygon, its starter-dam toe (初期坝坡脚, `damPoint`) and a short arrow pointing
 * downstream (`downstreamAzimuthDeg`, 0 = north, clockwise): the direction a dam break would send the tailings.
 */
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import * as turf from '@turf/turf';
import type { Feature, Position } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { degreesPerPixel } from '../../geometry/hatch.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const c = layerColours.tailings;
const t = legendText.tailings;

const inactive = (f: Feature) => ['closed', 'delisted'].includes(String(prop(f, 'status')));

function damPoint(f: Feature): [number, number] | null {
  const p = prop<unknown>(f, 'damPoint');
  return Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number') ? [p[0], p[1]] : null;
}

interface Arrow {
  feature: Feature;
  path: Position[];
}

/** Arrow shaft and head from the dam toe along the downstream azimuth; about 26 px long, between 250 m and 1 km. */
export function downstreamArrows(features: Feature[], zoom: number): Arrow[] {
  const out: Arrow[] = [];
  for (const f of features) {
    const start = damPoint(f);
    const azimuth = prop<number>(f, 'downstreamAzimuthDeg');
    if (!start || typeof azimuth !== 'number') continue;
    const metresPerPixel = degreesPerPixel(zoom, start[1]) * 111_320;
    const km = Math.min(1, Math.max(0.25, (26 * metresPerPixel) / 1000));
    const end = turf.destination(start, km, azimuth).geometry.coordinates;
    const head = km * 0.35;
    const left = turf.destination(end, head, azimuth + 155).geometry.coordinates;
    const right = turf.destination(end, head, azimuth - 155).geometry.coordinates;
    out.push({ feature: f, path: [start, end] }, { feature: f, path: [left, end, right] });
  }
  return out;
}

export const tailingsPonds: MapLayerModule<'tailings_ponds'> = {
  id: 'tailings_ponds',
  title: layerTitles.tailings_ponds,
  legend: [
    { label: t.pond, symbol: { kind: 'fill', fill: withAlpha(c.fill, 170), line: c.line, lineWidth: 1.5 } },
    { label: t.closed, symbol: { kind: 'fill', fill: withAlpha(c.closed, 150), line: darker(c.closed) } },
    { label: t.dam, symbol: { kind: 'point', color: c.dam, radius: 4, line: [255, 255, 255, 255] } },
    { label: t.downstream, symbol: { kind: 'arrow', color: c.arrow } },
  ],
  labels(data, { zoom, lang }) {
    if (zoom < 10.6) return [];
    return data.features.map((f) => ({
      key: `tailings_ponds:${featureId(f)}`,
      position: labelAnchor(f),
      text: labelText(f, lang),
      priority: 55,
      size: 12,
      color: darker(c.line, 0.8, 255),
      offset: [0, -14] as [number, number],
    }));
  },
  build(data, { selectedId, labels, zoom }) {
    const withDam = data.features.filter((f) => damPoint(f));
    const bucket = Math.round(zoom * 2) / 2;
    return [
      new GeoJsonLayer({
        id: 'tailings_ponds',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 70],
        lineWidthUnits: 'pixels',
        getFillColor: (f: Feature): RGBA => (inactive(f) ? withAlpha(c.closed, 150) : withAlpha(c.fill, 170)),
        ...selectable(selectedId, (f) => (inactive(f) ? darker(c.closed) : c.line), () => 1.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      new PathLayer<Arrow>({
        id: 'tailings_ponds/arrows',
        data: downstreamArrows(withDam, bucket),
        pickable: false,
        widthUnits: 'pixels',
        getWidth: 2.2,
        getColor: c.arrow,
        capRounded: true,
        jointRounded: true,
        getPath: (d) => d.path as [number, number][],
      }),
      new ScatterplotLayer<Feature>({
        id: 'tailings_ponds/dams',
        data: withDam,
        pickable: true,
        radiusUnits: 'pixels',
        getRadius: 4,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2,
        getLineColor: [255, 255, 255, 255],
        getFillColor: c.dam,
        getPosition: (f) => damPoint(f)!,
      }),
      ...labelLayer('tailings_ponds', labels),
    ];
  },
};

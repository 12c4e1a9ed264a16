/**
 * 审查证据 review evidence: the geometry a rule result carries (`evidence` in POST /api/checks), drawn by
 * `properties.kind` so a planner sees why: overlap (red fill), gap (the shortest gap as a line, with its `label`),
 * buffer (ring), ridge (the stretch along a ridge), corridor (downstream flow corridor), hit (the feature concerned).
 * Not a contract layer: the planner view passes it in; the legend shows it only when there is evidence.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { labelAnchor, labelLayer, prop } from '../common.ts';
import type { LabelCandidate, MapLayerModule } from '../types.ts';

const c = layerColours.evidence;
const t = legendText.evidence;

type Kind = 'overlap' | 'gap' | 'buffer' | 'ridge' | 'corridor' | 'hit' | 'zone' | 'point';
const kind = (f: Feature) => String(prop(f, 'kind') ?? 'hit') as Kind;

const fills: Partial<Record<Kind, RGBA>> = {
  overlap: withAlpha(c.overlap, 150),
  buffer: withAlpha(c.buffer, 25),
  corridor: withAlpha(c.corridor, 70),
  hit: withAlpha(c.hit, 45),
  zone: withAlpha(c.buffer, 40),
  point: c.hit,
};
const lines: Record<Kind, RGBA> = {
  overlap: darker(c.overlap, 0.8, 255),
  gap: c.gap,
  buffer: c.buffer,
  ridge: c.ridge,
  corridor: darker(c.corridor, 0.85, 230),
  hit: c.hit,
  zone: c.buffer,
  point: [255, 255, 255, 255],
};
const widths: Record<Kind, number> = { overlap: 2, gap: 3, buffer: 2, ridge: 5, corridor: 1.5, hit: 3, zone: 1.5, point: 1.5 };

export const evidence: MapLayerModule<'evidence'> = {
  id: 'evidence',
  title: layerTitles.evidence,
  legend: [
    { label: t.overlap, symbol: { kind: 'fill', fill: fills.overlap!, line: lines.overlap, lineWidth: 2 } },
    { label: t.gap, symbol: { kind: 'line', color: c.gap, width: 3 } },
    { label: t.buffer, symbol: { kind: 'fill', fill: fills.buffer!, line: c.buffer, lineWidth: 2 } },
    { label: t.ridge, symbol: { kind: 'line', color: c.ridge, width: 5 } },
    { label: t.corridor, symbol: { kind: 'fill', fill: fills.corridor!, line: lines.corridor } },
    { label: t.hit, symbol: { kind: 'fill', fill: fills.hit!, line: c.hit, lineWidth: 3 } },
  ],
  labels(data) {
    const out: LabelCandidate[] = [];
    data.features.forEach((f, i) => {
      const label = prop<string>(f, 'label');
      if (!label) return;
      out.push({ key: `evidence:${i}`, position: labelAnchor(f), text: label, priority: 100, size: 13, weight: 'bold', color: darker(lines[kind(f)] ?? c.gap, 0.8, 255), offset: [0, -12] });
    });
    return out;
  },
  build(data, { labels }) {
    return [
      new GeoJsonLayer({
        id: 'evidence',
        data,
        pickable: false,
        lineWidthUnits: 'pixels',
        pointRadiusUnits: 'pixels',
        pointType: 'circle',
        getPointRadius: 6,
        lineCapRounded: true,
        getFillColor: (f: Feature) => fills[kind(f)] ?? [0, 0, 0, 0],
        getLineColor: (f: Feature) => lines[kind(f)] ?? c.hit,
        getLineWidth: (f: Feature) => widths[kind(f)] ?? 2,
      }),
      ...labelLayer('evidence', labels),
    ];
  },
};

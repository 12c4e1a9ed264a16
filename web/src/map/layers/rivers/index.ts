/**
 * 河流 rivers by `riverClass`: the Yellow (and Yangtze) main stem thickest, important tributaries (黄河重要支流 such
 * as 汾河) next, other rivers thin. Polygons (surveyed shorelines) are filled as water.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, LineString, MultiLineString } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { anchorsAlong, featureId, labelText, labelLayer, prop, selectable } from '../common.ts';
import type { LabelCandidate, MapLayerModule } from '../types.ts';

const c = layerColours.rivers;
const t = legendText.rivers;

export const riverWidths: Record<string, number> = {
  yellow_main: 6,
  yangtze_main: 6,
  yellow_tributary: 3.5,
  yangtze_tributary: 3.5,
  other: 1.8,
};

const riverClass = (f: Feature) => String(prop(f, 'riverClass') ?? 'other');
const colour = (f: Feature): RGBA => (c as Record<string, RGBA>)[riverClass(f)] ?? c.other;

export const rivers: MapLayerModule<'rivers'> = {
  id: 'rivers',
  title: layerTitles.rivers,
  legend: [
    { label: t.yellowMain, symbol: { kind: 'line', color: c.yellow_main, width: 6 } },
    { label: t.yellowTributary, symbol: { kind: 'line', color: c.yellow_tributary, width: 3.5 } },
    { label: t.other, symbol: { kind: 'line', color: c.other, width: 1.8 } },
  ],
  labels(data, { zoom, lang }) {
    const out: LabelCandidate[] = [];
    const stepKm = zoom >= 11.5 ? 12 : zoom >= 10 ? 25 : 60;
    for (const f of data.features) {
      if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') continue;
      const cls = riverClass(f);
      const main = cls.endsWith('_main');
      if (cls === 'other' && zoom < 10.8) continue;
      anchorsAlong(f.geometry as LineString | MultiLineString, stepKm).forEach((position, i) =>
        out.push({
          key: `rivers:${featureId(f)}:${i}`,
          position,
          text: labelText(f, lang),
          priority: main ? 80 : cls === 'other' ? 20 : 70,
          size: main ? 15 : cls === 'other' ? 12 : 14,
          weight: main ? 'bold' : 'normal',
          color: darker(colour(f), 0.75, 255),
          offset: [0, -((riverWidths[cls] ?? 2) / 2 + 9)],
        }),
      );
    }
    return out;
  },
  build(data, { selectedId, labels }) {
    return [
      new GeoJsonLayer({
        id: 'rivers',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 120],
        lineWidthUnits: 'pixels',
        lineCapRounded: true,
        lineJointRounded: true,
        getFillColor: (f: Feature) => withAlpha(colour(f), 140),
        ...selectable(selectedId, colour, (f) => riverWidths[riverClass(f)] ?? 2),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('rivers', labels),
    ];
  },
};


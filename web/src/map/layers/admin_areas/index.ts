/**
 * 行政区 admin areas: province, county and town boundaries as outlines, with names. The demo boundaries are
 * approximate (边界示意), which the legend and the map say.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { layerColours, type RGBA } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable, spaced } from '../common.ts';
import type { LabelCandidate, MapLayerModule } from '../types.ts';

const c = layerColours.admin;
const t = legendText.adminAreas;

const level = (f: Feature) => String(prop(f, 'level') ?? 'county');
const lineColour = (f: Feature): RGBA => (c as Record<string, RGBA>)[level(f)] ?? c.county;
const widths: Record<string, number> = { province: 2.8, city: 2.4, county: 2, town: 0.9 };

/** Drawing order: towns under counties under provinces. */
const rank: Record<string, number> = { town: 0, county: 1, city: 2, province: 3 };

export const adminAreas: MapLayerModule<'admin_areas'> = {
  id: 'admin_areas',
  title: layerTitles.admin_areas,
  legend: [
    { label: t.province, symbol: { kind: 'line', color: c.province, width: 2.8 } },
    { label: t.county, symbol: { kind: 'line', color: c.county, width: 2 } },
    { label: t.town, symbol: { kind: 'line', color: c.town, width: 1 } },
  ],
  labels(data, { zoom, lang }) {
    const out: LabelCandidate[] = [];
    for (const f of data.features) {
      const lv = level(f);
      const show = lv === 'province' ? zoom < 9 : lv === 'county' || lv === 'city' ? true : zoom >= 10.4;
      if (!show) continue;
      out.push({
        key: `admin_areas:${featureId(f)}`,
        position: labelAnchor(f),
        text: lv === 'town' ? labelText(f, lang) : spaced(labelText(f, lang)),
        priority: lv === 'province' ? 95 : lv === 'town' ? 12 : 85,
        size: lv === 'town' ? 12 : lv === 'province' ? 18 : 17,
        weight: lv === 'town' ? 'normal' : 'bold',
        color: lv === 'town' ? c.town : c.label,
      });
    }
    return out;
  },
  build(data, { selectedId, labels }) {
    const sorted = { ...data, features: [...data.features].sort((a, b) => (rank[level(a)] ?? 1) - (rank[level(b)] ?? 1)) };
    return [
      new GeoJsonLayer({
        id: 'admin_areas',
        data: sorted,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 160],
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        ...selectable(selectedId, lineColour, (f) => widths[level(f)] ?? 1.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('admin_areas', labels),
    ];
  },
};

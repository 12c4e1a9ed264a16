/**
 * 隐蔽致灾区 hidden-hazard zones (采空区 goaf, 老窑 old workings, 岩溶 karst, …): coloured by risk level in the four
 * national risk colours; the survey status sets how strongly: 未普查 unsurveyed solid with a bold edge, 已普查
 * surveyed translucent, 已治理 treated outline only.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, risk, withAlpha, type RGBA } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, prop, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const t = legendText.hazardZones;

const levelColour = (f: Feature): RGBA => (risk as Record<string, RGBA>)[String(prop(f, 'level'))] ?? risk.general;
const survey = (f: Feature) => String(prop(f, 'surveyStatus') ?? 'unsurveyed');

const fillAlpha: Record<string, number> = { unsurveyed: 150, surveyed: 80, treated: 0 };
const lineWidth: Record<string, number> = { unsurveyed: 2.5, surveyed: 1.5, treated: 1.5 };

export const hazardZones: MapLayerModule<'hazard_zones'> = {
  id: 'hazard_zones',
  title: layerTitles.hazard_zones,
  legend: [
    { label: t.major, symbol: { kind: 'fill', fill: withAlpha(risk.major, 150), line: darker(risk.major) } },
    { label: t.significant, symbol: { kind: 'fill', fill: withAlpha(risk.significant, 150), line: darker(risk.significant) } },
    { label: t.general, symbol: { kind: 'fill', fill: withAlpha(risk.general, 150), line: darker(risk.general) } },
    { label: t.low, symbol: { kind: 'fill', fill: withAlpha(risk.low, 150), line: darker(risk.low) } },
    { label: t.unsurveyed, symbol: { kind: 'fill', fill: withAlpha(risk.significant, 150), line: darker(risk.significant), lineWidth: 2.5 } },
    { label: t.surveyed, symbol: { kind: 'fill', fill: withAlpha(risk.significant, 80), line: darker(risk.significant), lineWidth: 1.5 } },
    { label: t.treated, symbol: { kind: 'fill', fill: [0, 0, 0, 0], line: darker(risk.significant), lineWidth: 1.5 } },
  ],
  labels(data, { zoom, lang }) {
    if (zoom < 11.6) return [];
    return data.features.map((f) => ({
      key: `hazard_zones:${featureId(f)}`,
      position: labelAnchor(f),
      text: labelText(f, lang),
      priority: 25,
      size: 11,
      color: darker(levelColour(f), 0.55, 255),
    }));
  },
  build(data, { selectedId, labels }) {
    return [
      new GeoJsonLayer({
        id: 'hazard_zones',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 70],
        lineWidthUnits: 'pixels',
        getFillColor: (f: Feature) => withAlpha(levelColour(f), fillAlpha[survey(f)] ?? 80),
        ...selectable(selectedId, (f) => darker(levelColour(f), 0.75, 255), (f) => lineWidth[survey(f)] ?? 1.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('hazard_zones', labels),
    ];
  },
};

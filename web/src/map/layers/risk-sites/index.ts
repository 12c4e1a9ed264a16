/**
 * 点位风险 sites by worst finding: each mining right (circle) and tailings pond (circle with a dark ring, the dam)
 * takes the colour of its worst audit finding — 不符合 fail / 需关注 warn / 符合 pass — grey when closed or delisted.
 * With polygons (`shape`), the licence or pond outline is drawn too. Names show close in, or for emphasised sites.
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Point } from 'geojson';
import { legendText } from '../../../i18n/map.ts';
import { base, darker, layerColours } from '../../theme.ts';
import { labelLayer } from '../common.ts';
import type { LabelCandidate } from '../types.ts';
import { worstColour, type RiskLayerModule, type WorstFinding } from '../risk-common/index.ts';

export interface RiskSiteProps {
  layer: 'mining_rights' | 'tailings_ponds';
  id: string;
  name: string;
  active: boolean;
  worst: WorstFinding;
  fails: number;
  warns: number;
  point: Point;
}

export interface RiskSitesData {
  features: Feature<Feature['geometry'], RiskSiteProps>[];
  selectedId?: string;
  /** Ids always labelled and drawn larger (the 闭库销号 candidates, the sites behind a reason). */
  emphasis?: ReadonlySet<string>;
  /** Draw the polygons as well as the points. */
  shape: boolean;
}

const rank: Record<WorstFinding, number> = { pass: 0, warn: 1, fail: 2 };
const pondRing = layerColours.tailings.dam;

const radius = (p: RiskSiteProps, emphasised: boolean) => (emphasised ? 8 : p.worst === 'pass' || !p.active ? 4.5 : 6);

export const riskSites: RiskLayerModule<RiskSitesData> = {
  id: 'risk-sites',
  title: { zh: '点位（按最严重问题）', en: 'Sites (by worst finding)' },
  legend: [
    { label: legendText.status.fail, symbol: { kind: 'point', color: worstColour('fail'), radius: 6, line: [255, 255, 255, 255] } },
    { label: legendText.status.warn, symbol: { kind: 'point', color: worstColour('warn'), radius: 6, line: [255, 255, 255, 255] } },
    { label: legendText.status.pass, symbol: { kind: 'point', color: worstColour('pass'), radius: 4.5, line: [255, 255, 255, 255] } },
    { label: { zh: '关闭/销号', en: 'Closed / delisted' }, symbol: { kind: 'point', color: worstColour('pass', false), radius: 4.5, line: [255, 255, 255, 255] } },
    { label: { zh: '尾矿库（深色外圈），其余为采矿权', en: 'Tailings pond (dark ring); others are mining rights' }, symbol: { kind: 'point', color: [120, 130, 140, 255], radius: 5, line: pondRing } },
  ],
  labels(data, { zoom }) {
    const out: LabelCandidate[] = [];
    const crowd = data.features.length;
    for (const f of data.features) {
      const p = f.properties;
      const selected = p.id === data.selectedId;
      const emphasised = data.emphasis?.has(p.id) ?? false;
      // Few sites (a town): every site with a problem is named; many: only close in.
      if (!selected && !emphasised && p.worst !== 'pass' && crowd > 30 && zoom < 11.2) continue;
      if (!selected && !emphasised && p.worst === 'pass' && zoom < 11.8) continue;
      out.push({
        key: `risk-sites:${p.layer}:${p.id}`,
        position: p.point.coordinates as [number, number],
        text: p.name,
        priority: selected ? 99 : emphasised ? 88 : 50 + rank[p.worst] * 10,
        size: selected ? 14 : 12,
        weight: selected || emphasised ? 'bold' : 'normal',
        color: p.active ? darker(worstColour(p.worst), 0.6, 255) : base.textMuted,
        offset: [0, -(radius(p, emphasised) + 11)],
      });
    }
    return out;
  },
  build(data, { labels }) {
    // Worst on top.
    const points = [...data.features].sort((a, b) => rank[a.properties.worst] - rank[b.properties.worst] || Number(a.properties.active) - Number(b.properties.active));
    const shapes = data.shape ? data.features.filter((f) => f.geometry.type !== 'Point') : [];
    const selected = data.features.filter((f) => f.properties.id === data.selectedId);
    return [
      new GeoJsonLayer({
        id: 'risk-sites/shapes',
        data: shapes,
        pickable: true,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: (f: Feature) => worstColour((f.properties as RiskSiteProps).worst, (f.properties as RiskSiteProps).active, 45),
        getLineColor: (f: Feature) => worstColour((f.properties as RiskSiteProps).worst, (f.properties as RiskSiteProps).active, 220),
        getLineWidth: 1.2,
      }),
      new ScatterplotLayer<Feature<Feature['geometry'], RiskSiteProps>>({
        id: 'risk-sites',
        data: points,
        pickable: true,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
        getPosition: (f) => f.properties.point.coordinates as [number, number],
        getRadius: (f) => radius(f.properties, data.emphasis?.has(f.properties.id) ?? false),
        getFillColor: (f) => worstColour(f.properties.worst, f.properties.active),
        getLineColor: (f) => (f.properties.layer === 'tailings_ponds' ? pondRing : [255, 255, 255, 255]),
        getLineWidth: (f) => (f.properties.layer === 'tailings_ponds' ? 2.2 : 1.3),
        updateTriggers: { getRadius: data.emphasis },
      }),
      new ScatterplotLayer<Feature<Feature['geometry'], RiskSiteProps>>({
        id: 'risk-sites/selected',
        data: selected,
        pickable: false,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: false,
        getPosition: (f) => f.properties.point.coordinates as [number, number],
        getRadius: 12,
        getLineColor: base.selection,
        getLineWidth: 3,
      }),
      ...labelLayer('risk-sites', labels),
    ];
  },
};

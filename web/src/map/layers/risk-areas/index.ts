/**
 * 风险分级着色 risk choropleth: counties or towns filled in the four risk colours (重大红 / 较大橙 / 一般黄 / 低蓝)
 * with their name and "grade score" as labels. Areas of the level being looked at are `main` (strong fill, labelled
 * with their grade); neighbours kept for orientation are `context` (faint). The focused area gets a dark outline.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Label } from '../../../i18n/map.ts';
import { base, darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import { labelAnchor, labelLayer, labelText, spaced } from '../common.ts';
import type { LabelCandidate } from '../types.ts';
import { gradeColour, type Grade, type RiskLayerModule } from '../risk-common/index.ts';

export interface GradedArea {
  /** The admin area's polygon (GET /api/layers/admin_areas); kept identical between builds (label anchors are cached by it). */
  feature: Feature<Polygon | MultiPolygon>;
  code: string;
  name: string;
  level: 'county' | 'town';
  grade?: Grade;
  score?: number;
  role: 'main' | 'context';
}

export interface RiskAreasData {
  areas: GradedArea[];
  /** Code of the area looked at (thick outline). */
  focus?: string;
  /** `soft` when sites or corridors are drawn on top, `faint` under the density hexagons. */
  fill: 'strong' | 'soft' | 'faint';
  /** Short grade names for the labels (重大 / 较大 / 一般 / 低). */
  gradeNames: Record<Grade, Label>;
}

const grades: Grade[] = ['major', 'significant', 'general', 'low'];
const noGrade: RGBA = [200, 204, 210, 255];

function fillOf(area: GradedArea, fill: RiskAreasData['fill']): RGBA {
  if (!area.grade) return withAlpha(noGrade, area.role === 'main' ? 90 : 40);
  if (area.role === 'context') return gradeColour(area.grade, fill === 'strong' ? 55 : fill === 'soft' ? 30 : 14);
  return gradeColour(area.grade, fill === 'strong' ? 175 : fill === 'soft' ? 75 : 28);
}

function lineOf(area: GradedArea): RGBA {
  if (area.role === 'context') return layerColours.admin.county;
  return area.grade ? darker(gradeColour(area.grade), 0.6) : layerColours.admin.town;
}

export const riskAreas: RiskLayerModule<RiskAreasData> = {
  id: 'risk-areas',
  title: { zh: '风险分级', en: 'Risk grade' },
  legend: grades.map((g) => ({
    label: { major: { zh: '重大风险（红）', en: 'Major (red)' }, significant: { zh: '较大风险（橙）', en: 'Significant (orange)' }, general: { zh: '一般风险（黄）', en: 'General (yellow)' }, low: { zh: '低风险（蓝）', en: 'Low (blue)' } }[g],
    symbol: { kind: 'fill', fill: gradeColour(g, 175), line: darker(gradeColour(g), 0.6), lineWidth: 1.5 },
  })),
  labels(data, { lang, zoom }) {
    const out: LabelCandidate[] = [];
    for (const area of data.areas) {
      const at = labelAnchor(area.feature);
      const county = area.level === 'county';
      // The feature's nameEn in English when it has one.
      const title = county ? spaced(labelText(area.feature, lang)) : labelText(area.feature, lang);
      if (area.role === 'context') {
        if (zoom < 7.5) continue;
        out.push({ key: `risk-areas:${area.code}`, position: at, text: title, priority: 40, size: 13, color: base.textMuted });
        continue;
      }
      const focus = area.code === data.focus;
      out.push({
        key: `risk-areas:${area.code}`,
        position: at,
        text: title,
        priority: (county ? 92 : 80) + (focus ? 5 : 0),
        size: county ? 16 : 14,
        weight: 'bold',
        color: base.text,
        offset: [0, -12],
      });
      if (area.grade && area.score !== undefined) {
        const name = data.gradeNames[area.grade];
        out.push({
          key: `risk-areas:${area.code}:grade`,
          position: at,
          text: lang === 'zh' ? `${name.zh} ${area.score}分` : `${name.en} ${area.score}`,
          priority: (county ? 91 : 79) + (focus ? 5 : 0),
          size: 12,
          weight: 'bold',
          color: darker(gradeColour(area.grade), area.grade === 'general' ? 0.5 : 0.62, 255),
          offset: [0, 12],
        });
      }
    }
    return out;
  },
  build(data, { labels }) {
    // Context under main; the focused area's outline on top of both.
    const ordered = [...data.areas].sort((a, b) => Number(a.role === 'main') - Number(b.role === 'main'));
    const byFeature = new Map(ordered.map((a) => [a.feature, a]));
    const focused = data.areas.filter((a) => a.code === data.focus).map((a) => a.feature);
    return [
      new GeoJsonLayer({
        id: 'risk-areas',
        data: ordered.map((a) => a.feature),
        pickable: true,
        stroked: true,
        filled: true,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        getFillColor: (f: Feature) => fillOf(byFeature.get(f as GradedArea['feature'])!, data.fill),
        getLineColor: (f: Feature) => lineOf(byFeature.get(f as GradedArea['feature'])!),
        getLineWidth: (f: Feature) => {
          const a = byFeature.get(f as GradedArea['feature'])!;
          return a.role === 'context' ? 1.2 : a.level === 'county' ? 2 : 1.4;
        },
        updateTriggers: { getFillColor: [data.fill, data.areas], getLineColor: data.areas, getLineWidth: data.areas },
      }),
      new GeoJsonLayer({
        id: 'risk-areas/focus-casing',
        data: focused,
        pickable: false,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        getLineColor: [255, 255, 255, 230],
        getLineWidth: 7,
      }),
      new GeoJsonLayer({
        id: 'risk-areas/focus',
        data: focused,
        pickable: false,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
        getLineColor: [31, 41, 51, 255],
        getLineWidth: 3.2,
      }),
      ...labelLayer('risk-areas', labels),
    ];
  },
};

/**
 * 风险分级着色 risk choropleth: counties or towns filled in the four risk colours (重大红 / 较大橙 / 一般黄 / 低蓝)
 * with their name and "grade score" as labels. Areas of the level being looked at are `main` (strong fill, labelled
 * with their grade); neighbours kept for orientation are `context` (faint). The focused area gets a dark outline.
 *
 * The fills and outlines are drawn by MapLibre (`styled`), the labels by deck.gl: the choropleth is the first thing
 * the risk view shows, and MapLibre's fill and line shaders are ready at once, where deck.gl's polygon and path
 * layers cost the first frame several seconds of shader compiling in a software renderer (no GPU).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { FilterSpecification } from 'maplibre-gl';
import type { Label } from '../../../i18n/map.ts';
import { base, css, darker, layerColours, withAlpha, type RGBA } from '../../theme.ts';
import type { StyledSource } from '../../useAtlasMap.ts';
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

function lineWidthOf(area: GradedArea): number {
  return area.role === 'context' ? 1.2 : area.level === 'county' ? 2 : 1.4;
}

/** The areas as MapLibre draws them: context under main, each with its colours; `code` for clicks and the tooltip. */
function styledSource(data: RiskAreasData): StyledSource {
  const ordered = [...data.areas].sort((a, b) => Number(a.role === 'main') - Number(b.role === 'main'));
  const features: FeatureCollection = {
    type: 'FeatureCollection',
    features: ordered.map((a) => ({
      type: 'Feature',
      geometry: a.feature.geometry,
      properties: { code: a.code, fill: css(fillOf(a, data.fill)), line: css(lineOf(a)), width: lineWidthOf(a), focus: a.code === data.focus },
    })),
  };
  const focus: FilterSpecification = ['==', ['get', 'focus'], true];
  return {
    id: 'risk-areas',
    data: features,
    layers: [
      // No antialiasing edge: the outline layer draws every edge.
      { id: 'risk-areas', type: 'fill', paint: { 'fill-color': ['get', 'fill'], 'fill-antialias': false } },
      { id: 'risk-areas/outline', type: 'line', layout: { 'line-join': 'round' }, paint: { 'line-color': ['get', 'line'], 'line-width': ['get', 'width'] } },
      { id: 'risk-areas/focus-casing', type: 'line', filter: focus, layout: { 'line-join': 'round' }, paint: { 'line-color': css([255, 255, 255, 230]), 'line-width': 7 } },
      { id: 'risk-areas/focus', type: 'line', filter: focus, layout: { 'line-join': 'round' }, paint: { 'line-color': css([31, 41, 51, 255]), 'line-width': 3.2 } },
    ],
    pickable: ['risk-areas'],
  };
}

/** One source per data object, so that MapLibre gets new data only when it changed (not after every move). */
const styledOf = new WeakMap<RiskAreasData, StyledSource>();

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
  build(_data, { labels }) {
    return labelLayer('risk-areas', labels);
  },
  styled(data) {
    let styled = styledOf.get(data);
    if (!styled) styledOf.set(data, (styled = styledSource(data)));
    return styled;
  },
};

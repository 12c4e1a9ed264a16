/**
 * 问题密度 density of problems: the audit's fail and warn findings of the sites, summed in hexagons (deck.gl
 * HexagonLayer, CPU aggregation, flat). A sequential purple ramp, so that the four risk colours keep meaning a grade.
 * `onDomain` reports the largest sum, for the legend.
 */
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Color } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { rgba } from '../../theme.ts';
import type { RiskSiteProps } from '../risk-sites/index.ts';
import type { RiskLayerModule } from '../risk-common/index.ts';

export interface RiskDensityData {
  features: Feature<Feature['geometry'], RiskSiteProps>[];
  /** Hexagon radius in metres. */
  radiusM: number;
  onDomain?(domain: [number, number]): void;
}

/** Light to dark purple (after ColorBrewer Purples, starting darker so that one problem still shows). */
export const densityRamp: Color[] = ['#b7b2d9', '#9c91c9', '#8170b7', '#6950a5', '#532f93', '#3f007d'].map((h) => rgba(h, 235));

export const problemCount = (p: RiskSiteProps) => (p.active ? p.fails + p.warns : 0);

export const riskDensity: RiskLayerModule<RiskDensityData> = {
  id: 'risk-density',
  title: { zh: '问题密度', en: 'Density of problems' },
  legend: [],
  build(data) {
    const withProblems = data.features.filter((f) => problemCount(f.properties) > 0);
    return [
      new HexagonLayer<Feature<Feature['geometry'], RiskSiteProps>>({
        id: 'risk-density',
        data: withProblems,
        pickable: true,
        gpuAggregation: false,
        extruded: false,
        radius: data.radiusM,
        coverage: 0.92,
        colorRange: densityRamp,
        colorScaleType: 'quantize',
        colorAggregation: 'SUM',
        getPosition: (f) => f.properties.point.coordinates as [number, number],
        getColorWeight: (f) => problemCount(f.properties),
        onSetColorDomain: (domain) => data.onDomain?.([domain[0], domain[1]]),
      }),
    ];
  },
};

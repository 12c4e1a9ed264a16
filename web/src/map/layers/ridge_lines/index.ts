/**
 * 山脊线 ridge lines: crests that a sand/gravel or building-stone quarry must not use as its boundary (不得以山脊划界).
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { LineString, MultiLineString } from 'geojson';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours } from '../../theme.ts';
import { along, featureId, labelText, labelLayer, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const colour = layerColours.ridge;

export const ridgeLines: MapLayerModule<'ridge_lines'> = {
  id: 'ridge_lines',
  title: layerTitles.ridge_lines,
  legend: [{ label: legendText.ridgeLines.ridge, symbol: { kind: 'line', color: colour, width: 2.5 } }],
  labels(data, { zoom, lang }) {
    if (zoom < 11.5) return [];
    return data.features
      .filter((f) => f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString')
      .map((f) => {
        const at = along(f.geometry as LineString | MultiLineString, 0.5);
        return {
          key: `ridge_lines:${featureId(f)}`,
          position: [at[0], at[1]] as [number, number],
          text: labelText(f, lang),
          priority: 15,
          size: 11,
          color: darker(colour, 0.8, 255),
          offset: [0, -10] as [number, number],
        };
      });
  },
  build(data, { selectedId, labels }) {
    return [
      new GeoJsonLayer({
        id: 'ridge_lines',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 140],
        lineWidthUnits: 'pixels',
        lineCapRounded: true,
        lineJointRounded: true,
        ...selectable(selectedId, () => colour, () => 2.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('ridge_lines', labels),
    ];
  },
};

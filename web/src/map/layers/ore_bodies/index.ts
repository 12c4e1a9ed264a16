/**
 * 矿体 ore bodies: the extent of one deposit. A deposit that can be developed as one must not be split between two
 * rights (同一矿体不得设立2个以上采矿权).
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import { layerTitles, legendText } from '../../../i18n/map.ts';
import { darker, layerColours, withAlpha } from '../../theme.ts';
import { featureId, labelText, labelAnchor, labelLayer, selectable } from '../common.ts';
import type { MapLayerModule } from '../types.ts';

const colour = layerColours.ore;

export const oreBodies: MapLayerModule<'ore_bodies'> = {
  id: 'ore_bodies',
  title: layerTitles.ore_bodies,
  legend: [{ label: legendText.oreBodies.body, symbol: { kind: 'fill', fill: withAlpha(colour, 55), line: colour, lineWidth: 1.5 } }],
  labels(data, { zoom, lang }) {
    if (zoom < 12) return [];
    return data.features.map((f) => ({
      key: `ore_bodies:${featureId(f)}`,
      position: labelAnchor(f),
      text: labelText(f, lang),
      priority: 10,
      size: 11,
      color: darker(colour, 0.7, 255),
      offset: [0, 14] as [number, number],
    }));
  },
  build(data, { selectedId, labels }) {
    return [
      new GeoJsonLayer({
        id: 'ore_bodies',
        data,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 163, 196, 60],
        lineWidthUnits: 'pixels',
        getFillColor: withAlpha(colour, 55),
        ...selectable(selectedId, () => colour, () => 1.5),
        updateTriggers: { getLineColor: selectedId, getLineWidth: selectedId },
      }),
      ...labelLayer('ore_bodies', labels),
    ];
  },
};

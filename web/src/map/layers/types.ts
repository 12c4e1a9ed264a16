/**
 * The shape every map layer module has (web/src/map/layers/<layer>/index.ts): an id, a title, legend entries, and
 * `build(data, state)` → deck.gl layers. Modules are pure: data and view state in, layers out.
 */
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Lang } from '../../i18n/index.tsx';
import type { Label } from '../../i18n/map.ts';
import type { RGBA } from '../theme.ts';

export type HatchPattern = 'diagonal' | 'back' | 'horizontal' | 'cross';

export type LegendSymbol =
  | { kind: 'fill'; fill: RGBA; line?: RGBA; lineWidth?: number; hatch?: HatchPattern }
  | { kind: 'line'; color: RGBA; width: number }
  | { kind: 'point'; color: RGBA; radius: number; line?: RGBA }
  | { kind: 'arrow'; color: RGBA };

export interface LegendEntry {
  label: Label;
  symbol: LegendSymbol;
}

/** A label a module would like to draw; the map keeps those that do not collide (see ../labels.ts). */
export interface LabelCandidate {
  /** Unique over the whole map, e.g. `settlements:ST-HC-TOWN`. */
  key: string;
  position: [number, number];
  text: string;
  /** Higher wins a collision. */
  priority: number;
  /** Text size in pixels. */
  size: number;
  color: RGBA;
  weight?: 'normal' | 'bold';
  /** Pixel offset of the label from its anchor ([x, y], y down). */
  offset?: [number, number];
}

export interface LayerState {
  lang: Lang;
  zoom: number;
  /** Id of the selected feature in this layer, if any. */
  selectedId?: string;
  /** The labels of this layer that survived collision detection. */
  labels: LabelCandidate[];
}

export interface MapLayerModule<Id extends string = string> {
  id: Id;
  title: Label;
  legend: LegendEntry[];
  /** Label candidates for the current zoom (optional). */
  labels?(data: FeatureCollection, state: Omit<LayerState, 'labels'>): LabelCandidate[];
  build(data: FeatureCollection, state: LayerState): Layer[];
}

/**
 * What the risk map's layer modules share (web/src/map/layers/risk-*): their shape — like the contract layers'
 * `MapLayerModule`, but over the risk API's data instead of a FeatureCollection — and the colours of grades and of
 * a site's worst finding, all from the theme.
 */
import type { Layer } from '@deck.gl/core';
import type { Lang } from '../../../i18n/index.tsx';
import type { Label } from '../../../i18n/map.ts';
import { layerColours, risk, status, withAlpha, type RGBA } from '../../theme.ts';
import type { StyledSource } from '../../useAtlasMap.ts';
import type { LabelCandidate, LegendEntry } from '../types.ts';

export type Grade = keyof typeof risk;
export type WorstFinding = 'fail' | 'warn' | 'pass';

export interface RiskLayerState {
  lang: Lang;
  zoom: number;
  /** This module's labels that survived collision detection (../../labels.ts). */
  labels: LabelCandidate[];
}

/**
 * A risk layer: `build(data, state)` → deck.gl layers whose ids start with `id` (the map tells clicks apart by it),
 * optionally `styled(data)` → GeoJSON that MapLibre draws under them (style layer ids starting with `id` too),
 * label candidates keyed `<id>:…`, and legend entries.
 */
export interface RiskLayerModule<D> {
  id: string;
  title: Label;
  legend: LegendEntry[];
  labels?(data: D, state: Omit<RiskLayerState, 'labels'>): LabelCandidate[];
  build(data: D, state: RiskLayerState): Layer[];
  /** Same data, same object back (MapLibre takes new data only when the object changes). */
  styled?(data: D): StyledSource;
}

export function gradeColour(grade: string | undefined | null, alpha = 255): RGBA {
  const c = risk[(grade ?? 'low') as Grade] ?? risk.low;
  return withAlpha(c, alpha);
}

/** A site's colour: its worst finding (不符合 fail / 需关注 warn / 符合 pass); grey when inactive (closed, delisted). */
export function worstColour(worst: WorstFinding | string, active = true, alpha = 255): RGBA {
  if (!active) return withAlpha(layerColours.miningRights.inactive, alpha);
  const c = status[(worst as WorstFinding) ?? 'pass'] ?? status.pass;
  return withAlpha(c, alpha);
}

/**
 * Small pure helpers shared by rules to build their verdicts: evidence features, related references, number labels.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { LayerId } from '../layers/catalog.ts';
import type { RelatedRef, Verdict } from './types.ts';

/** Evidence kinds the web knows how to draw (web/src/map/layers/evidence). */
export type EvidenceKind = 'overlap' | 'gap' | 'buffer' | 'ridge' | 'corridor' | 'hit' | 'zone' | 'point';

export function evidence(geometry: unknown, kind: EvidenceKind, properties: Record<string, unknown> = {}): Feature | null {
  if (!geometry) return null;
  return { type: 'Feature', geometry: geometry as Geometry, properties: { kind, ...properties } };
}

export function collection(features: (Feature | null)[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features.filter((f): f is Feature => f !== null) };
}

/** Distinct related features from query rows carrying `id` and `name` columns (or the given column names). */
export function relatedOf(rows: Record<string, unknown>[], layer: LayerId, idKey = 'id', nameKey = 'name'): RelatedRef[] {
  const seen = new Map<string, RelatedRef>();
  for (const row of rows) {
    const id = row[idKey];
    if (typeof id === 'string' && !seen.has(id)) seen.set(id, { layer, id, name: String(row[nameKey] ?? id) });
  }
  return [...seen.values()];
}

/** Rounds a measurement for display and for the `measured` field (0.1 m / 0.1 m² resolution by default). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Rounds a measurement without carrying it across its threshold: a 49.96 m gap under a 50 m pillar shows as 49.96,
 * not as "50 m < 50 m"; a 0.004 m² sliver over a 0 m² limit stays above 0.
 */
export function roundAgainst(value: number, threshold: number): number {
  const rounded = round(value);
  if (value < threshold && rounded >= threshold) return Math.floor(value * 1000) / 1000;
  if (value > threshold && rounded <= threshold) return threshold === 0 ? Number(value.toPrecision(2)) : Math.ceil(value * 1000) / 1000;
  return rounded;
}

const formatters = new Map<number, Intl.NumberFormat>();

/** "1,234.5" style number for messages. One formatter per precision: building one costs ~50× a format call. */
export function fmt(value: number, digits = 1): string {
  const rounded = round(value, digits);
  // Below 1,000 there is no separator to add, and a number rounded to `digits` places prints as the formatter would
  // (checked over millions of values); an audit formats ~200,000 numbers, a formatter call costs ~1 µs.
  if (Math.abs(rounded) < 1000 && !Object.is(rounded, -0)) return String(rounded);
  let formatter = formatters.get(digits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(rounded);
}

export function names(refs: RelatedRef[], max = 3): string {
  const shown = refs.slice(0, max).map((r) => r.name).join('、');
  return refs.length > max ? `${shown}等${refs.length}处` : shown;
}

export function namesEn(refs: RelatedRef[], max = 3): string {
  const shown = refs.slice(0, max).map((r) => r.name).join(', ');
  return refs.length > max ? `${shown} and ${refs.length - max} more` : shown;
}

/** A verdict with no related features and no evidence (pass / property-only results). */
export function plain(status: Verdict['status'], fields: Omit<Verdict, 'status' | 'related' | 'evidence'>): Verdict {
  return { status, related: [], evidence: collection([]), ...fields };
}

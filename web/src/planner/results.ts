/**
 * Rule results for people: order (fail → warn → pass → not applicable), measured values with units, the evidence a
 * result carries, and the verdict as a GeoJSON FeatureCollection for export. Pure.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Label } from '../i18n/map.ts';
import type { CheckResponse, Finding } from './api.ts';

export type Status = Finding['status'];

const order: Record<Status, number> = { fail: 0, warn: 1, pass: 2, not_applicable: 3 };

export function sortResults(results: readonly Finding[]): Finding[] {
  return [...results].sort((a, b) => order[a.status] - order[b.status] || a.rule.localeCompare(b.rule));
}

export const statusText: Record<Status | 'unchecked', Label> = {
  fail: { zh: '不符合', en: 'Fail' },
  warn: { zh: '需关注', en: 'Warning' },
  pass: { zh: '符合', en: 'Pass' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
  unchecked: { zh: '未审查', en: 'Not checked' },
};

const unitText: Record<string, Label> = {
  grade: { zh: '等', en: '' },
  rights: { zh: '个', en: 'right(s)' },
  '万t/a': { zh: '万吨/年', en: '万t/a' },
};

export function formatNumber(value: number, lang: 'zh' | 'en', digits = 1): string {
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });
}

/** "41.7 m", "86,674 m²", "4 等" (grade), "—" when there is nothing measured. */
export function formatMeasure(value: number | null, unit: string | null, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined) return '—';
  const u = unit ? (unitText[unit]?.[lang] ?? unit) : '';
  if (unit === 'grade') return lang === 'zh' ? `${value} 等` : `grade ${value}`;
  return u ? `${formatNumber(value, lang)} ${u}` : formatNumber(value, lang);
}

export function formatArea(m2: number, lang: 'zh' | 'en'): string {
  if (m2 >= 100_000) return `${formatNumber(m2 / 1_000_000, lang, 3)} km²`;
  return `${formatNumber(m2, lang, 0)} m²`;
}

export function formatDistance(m: number, lang: 'zh' | 'en'): string {
  if (m >= 10_000) return `${formatNumber(m / 1000, lang, 1)} km`;
  return `${formatNumber(m, lang, 1)} m`;
}

/** The `basis` text splits into documents and the quoted clause at the first full-width colon. */
export function splitBasis(basis: string): { documents: string; clause: string } {
  const i = basis.indexOf('：');
  return i < 0 ? { documents: basis, clause: '' } : { documents: basis.slice(0, i), clause: basis.slice(i + 1) };
}

/** Evidence of the results that did not pass (what the map shows by default). */
export function defaultEvidence(check: CheckResponse | null): FeatureCollection | null {
  if (!check) return null;
  const features = sortResults(check.results)
    .filter((r) => r.status === 'fail' || r.status === 'warn')
    .flatMap((r) => r.evidence.features.map((f) => tagEvidence(f, r)));
  return features.length ? { type: 'FeatureCollection', features } : null;
}

/** Evidence of every result that has some (the printed map shows why each rule answered as it did). */
export function allEvidence(check: CheckResponse): FeatureCollection {
  return { type: 'FeatureCollection', features: sortResults(check.results).flatMap((r) => r.evidence.features.map((f) => tagEvidence(f, r))) };
}

/** A box around `b` at least `minMetres` across each way (a small pond still shows its surroundings). */
export function atLeast(b: [number, number, number, number], minMetres: number): [number, number, number, number] {
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  const halfLat = minMetres / 2 / 111_320;
  const halfLon = minMetres / 2 / (111_320 * Math.cos((cy * Math.PI) / 180));
  return [Math.min(b[0], cx - halfLon), Math.min(b[1], cy - halfLat), Math.max(b[2], cx + halfLon), Math.max(b[3], cy + halfLat)];
}

export function evidenceOf(result: Finding): FeatureCollection {
  return { type: 'FeatureCollection', features: result.evidence.features.map((f) => tagEvidence(f, result)) };
}

function tagEvidence(f: Feature, r: Finding): Feature {
  return { ...f, properties: { ...(f.properties ?? {}), rule: r.rule, status: r.status } };
}

/** [west, south, east, north] of some features, or null. */
export function bboxOf(features: Feature[]): [number, number, number, number] | null {
  const withGeometry = features.filter((f) => f.geometry);
  if (!withGeometry.length) return null;
  const [w, s, e, n] = turf.bbox({ type: 'FeatureCollection', features: withGeometry as Feature<Geometry>[] });
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** The verdict as one file: the proposal (with verdict, profile, rule versions) first, then every result's evidence. */
export function verdictCollection(
  proposal: Feature,
  check: CheckResponse,
  meta: { kind: string; checkedAt: string; ruleTitles: Record<string, Label> },
): FeatureCollection & Record<string, unknown> {
  const results = sortResults(check.results);
  return {
    type: 'FeatureCollection',
    name: String(proposal.properties?.name ?? 'proposal'),
    verdict: check.verdict,
    profile: check.profile,
    ruleVersions: check.ruleVersions,
    checkedAt: meta.checkedAt,
    features: [
      {
        ...proposal,
        properties: {
          ...(proposal.properties ?? {}),
          layer: meta.kind,
          verdict: check.verdict,
          results: results.map((r) => ({
            rule: r.rule,
            title: meta.ruleTitles[r.rule]?.zh ?? r.rule,
            status: r.status,
            measured: r.measured,
            threshold: r.threshold,
            unit: r.unit,
            message: r.message,
            basis: r.basis,
          })),
        },
      },
      ...results.flatMap((r) => r.evidence.features.map((f) => tagEvidence(f, r))),
    ],
  };
}

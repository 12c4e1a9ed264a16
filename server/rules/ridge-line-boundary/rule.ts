/**
 * ridge-line-boundary 山脊划界: a sand/gravel or building-stone open pit must not draw its boundary along a ridge line
 * (two quarries cutting one hill from both sides). Measured: the length of the subject's boundary (every part, holes
 * included) lying within `toleranceM` of a ridge line, on the ground.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, names, namesEn, round, roundAgainst } from '../evidence.ts';
import { groundGap, projectedOnce, reachBox, shapeOf } from '../gauss-kruger.ts';
import { OVERLAY_GRID } from '../overlay.ts';
import { defineRule, type RelatedRef } from '../types.ts';

const params = z.object({
  toleranceM: z.number().positive().default(30).describe('A boundary point within this ground distance of a ridge line lies on the ridge'),
  minLengthM: z.number().positive().default(100).describe('Boundary length along ridges (within toleranceM) from which the boundary counts as drawn along a ridge'),
});


/** A ridge piece projected once into its zone, for the audit that finds the subjects near a ridge from its pieces. */
const piece = projectedOnce(shapeOf('p'), 'pp');

/** One ridge line near the subject, as aggregated by the query (json_agg). */
interface RidgeHit {
  id: string;
  name: string;
  along_m: number;
  stretch: unknown;
  ridge: unknown;
}

interface SubjectRow {
  mineral_group: string | null;
  total_m: number | null;
  longest_m: number | null;
  stretches: number | null;
  ridges: RidgeHit[] | null;
}

export default defineRule({
  id: 'ridge-line-boundary',
  version: 3,
  title: { zh: '不得以山脊划界', en: 'No ridge-line boundary' },
  description: {
    zh: '普通建筑用砂石、建筑石料露天（或联合）开采矿山的矿区范围边界不得沿山脊线划定：边界位于山脊线两侧容差（默认30米）内的长度达到最小长度（默认100米）即不通过。',
    en: 'The boundary of an open-pit (or mixed) sand/gravel or building-stone quarry must not follow a ridge line: it fails when the length of its boundary within the tolerance (30 m) of a ridge reaches the minimum length (100 m).',
  },
  appliesTo: ['mining_rights'],
  // A right without mineralGroup is let through and measured: it warns (instead of failing) when its boundary runs
  // along a ridge, since the rule cannot tell whether it is a sand/gravel or stone quarry (a wrong pass is worse).
  appliesWhen: (s) => sql`${s}.method IN ('open_pit', 'mixed')
    AND (${s}.mineral_group IS NULL OR ${s}.mineral_group IN ('construction_sand_gravel', 'building_stone'))`,
  params,
  units: { toleranceM: 'm', minLengthM: 'm' },
  reach: (p) => ({ metres: p.toleranceM }),
  basis: {
    documents: [
      '拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）',
      '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，seed 002）',
      '江津区加强非煤矿山安全生产工作实施方案（江津府办发〔2023〕11号，seed 003）',
    ],
    clause:
      '普通建筑用砂石露天矿山不得以山脊划界（000）；普通建筑用砂石土地面矿新设、扩大矿区范围增划资源原则上禁止以山脊划界（003）；推进……以山脊划界的普通建筑用砂露天矿山等企业整合重组（002）',
  },
  indexes: ['ridge_lines_pieces_geom_gix'],
  auditIndexes: (layer) => [`${layer}_geom_gix`],
  // Per subject, one row: the ridge pieces within toleranceM (measured as groundGap does, candidates by reachBox on
  // the pieces' geometry index) are buffered on the
  // ground (geography ST_Buffer, computed in a local metric projection) and united per ridge; the boundary (every ring
  // of every part) is cut by each ridge's band and by the union of all bands, and measured as geography. A subject
  // with no ridge piece within reach gets no row (pass).
  // Every overlay (ST_Union, ST_Intersection) runs on the fixed OVERLAY_GRID (snap-rounding), never in floating
  // precision: GEOS's floating overlay recovers from a robustness failure by throwing and catching a C++ exception,
  // and the PGlite PostGIS build cannot catch one — the whole query then answers nothing (docs/benchmarks.md).
  query: ({ subjects, params: { toleranceM }, withEvidence }) => sql`
    SELECT s.id AS subject_id, s.mineral_group, a.ridges,
           coalesce(ST_Length(a.stretch::geography), 0) AS total_m,
           (SELECT max(ST_Length(d.geom::geography)) FROM ST_Dump(ST_LineMerge(a.stretch)) d) AS longest_m,
           (SELECT count(*)::int FROM ST_Dump(ST_LineMerge(a.stretch)) d WHERE NOT ST_IsEmpty(d.geom)) AS stretches
    FROM (${subjects}) s
    CROSS JOIN LATERAL (SELECT ST_Boundary(s.geom) AS line) b
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n,
             ST_CollectionExtract(ST_Intersection(b.line, ST_Union(z.band, ${OVERLAY_GRID}::float8), ${OVERLAY_GRID}::float8), 2) AS stretch,
             json_agg(json_build_object(
               'id', r.id, 'name', r.name, 'along_m', ST_Length(z.cut::geography),
               'stretch', CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(z.cut, 7)::json END,
               'ridge', CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(ST_LineMerge(z.pieces), 7)::json END
             ) ORDER BY r.id) AS ridges
      FROM (
        SELECT q.*, ST_CollectionExtract(ST_Intersection(b.line, q.band, ${OVERLAY_GRID}::float8), 2) AS cut
        FROM (
          SELECT p.feature_id,
                 ST_Union(ST_Buffer(p.geog, ${toleranceM}::float8, 'quad_segs=16')::geometry, ${OVERLAY_GRID}::float8) AS band,
                 ST_Union(p.geom, ${OVERLAY_GRID}::float8) FILTER (WHERE ${withEvidence}) AS pieces
          FROM ridge_lines_pieces p
          CROSS JOIN LATERAL ${groundGap(shapeOf('s'), shapeOf('p'))} g
          WHERE p.geom && ${reachBox(sql`s.geom`, toleranceM)} AND g.gap_m <= ${toleranceM}::float8
          GROUP BY p.feature_id
        ) q
      ) z
      JOIN ridge_lines r ON r.id = z.feature_id
    ) a
    WHERE a.n > 0 ${
      withEvidence
        ? sql``
        : // An audit: only subjects near a ridge at all get the per-subject work above, and the few hundred ridge
          // pieces find them through the subjects' own index (100k: 757 probes instead of 32,468; the lateral
          // subquery, kept one by OFFSET 0, stops the planner from probing the pieces per subject instead).
          sql`AND s.id IN (SELECT near.id FROM ridge_lines_pieces p
                           CROSS JOIN LATERAL ${piece.lateral}
                           CROSS JOIN LATERAL (SELECT n.id FROM (${subjects}) n
                                               CROSS JOIN LATERAL ${groundGap(shapeOf('n'), piece.shape)} g
                                               WHERE n.geom && ${reachBox(sql`p.geom`, toleranceM)} AND g.gap_m <= ${toleranceM}::float8 OFFSET 0) near)`
    }`,
  evaluate(rows, { minLengthM, toleranceM }) {
    const row = rows[0] as unknown as SubjectRow | undefined;
    // DOMAIN.md: "a stretch of its boundary at least minLengthM long" — the longest continuous stretch decides, so a
    // ridge merely crossing a quarry (two short cuts through opposite edges) is not a ridge-line boundary.
    const total = row?.longest_m ?? 0;
    const hits = (row?.ridges ?? []).filter((r) => r.along_m > 0).sort((a, b) => b.along_m - a.along_m);
    const related: RelatedRef[] = hits.map((r) => ({ layer: 'ridge_lines', id: r.id, name: r.name }));
    const groupMissing = row !== undefined && row.mineral_group === null;
    const pictures = collection([
      ...hits.map((r) => evidence(r.ridge, 'zone', { relatedId: r.id, label: r.name })),
      ...hits.map((r) => evidence(r.stretch, 'ridge', { relatedId: r.id, lengthM: round(r.along_m), label: `${fmt(r.along_m)} m` })),
    ]);
    const details = {
      toleranceM,
      longestStretchM: round(total),
      totalAlongRidgesM: round(row?.total_m ?? 0),
      stretches: row?.stretches ?? 0,
      ridges: hits.map((r) => ({ id: r.id, alongM: round(r.along_m) })),
    };
    if (total < minLengthM) {
      const length = roundAgainst(total, minLengthM);
      return {
        status: 'pass',
        measured: length,
        threshold: minLengthM,
        unit: 'm',
        related: [],
        evidence: pictures,
        message: hits.length
          ? `边界距山脊线${names(related)} ${toleranceM} m 以内的长度为 ${fmt(length, 2)} m，小于 ${minLengthM} m，未以山脊划界`
          : `边界 ${toleranceM} m 范围内无山脊线`,
        messageEn: hits.length
          ? `${fmt(length, 2)} m of the boundary lies within ${toleranceM} m of ridge line(s) ${namesEn(related)}, less than ${minLengthM} m: not drawn along a ridge`
          : `No ridge line within ${toleranceM} m of the boundary`,
        details,
      };
    }
    if (groupMissing) {
      return {
        status: 'warn',
        measured: round(total),
        threshold: minLengthM,
        unit: 'm',
        related,
        evidence: pictures,
        message: `未填写矿种类别（mineralGroup），无法判断是否为普通建筑用砂石/建筑石料矿山；其边界有 ${fmt(total)} m 位于山脊线${names(related)} ${toleranceM} m 以内（≥ ${minLengthM} m），如属砂石矿即为以山脊划界`,
        messageEn: `mineralGroup is missing, so it cannot be told whether this is a sand/gravel or building-stone quarry; ${fmt(total)} m of its boundary lies within ${toleranceM} m of ridge line(s) ${namesEn(related)} (≥ ${minLengthM} m), which would be a ridge-line boundary for such a quarry`,
        details,
      };
    }
    return {
      status: 'fail',
      measured: round(total),
      threshold: minLengthM,
      unit: 'm',
      related,
      evidence: pictures,
      message: `以山脊划界：边界有 ${fmt(total)} m 位于山脊线${names(related)} ${toleranceM} m 以内，达到 ${minLengthM} m`,
      messageEn: `Boundary drawn along a ridge: ${fmt(total)} m of it lies within ${toleranceM} m of ridge line(s) ${namesEn(related)}, reaching ${minLengthM} m`,
      details,
    };
  },
});

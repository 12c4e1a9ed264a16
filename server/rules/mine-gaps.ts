/**
 * The one query behind safety-pillar-50m and open-pit-spacing: for each subject, the stored mining rights of some
 * methods within a reach, with the ground gap measured in a local Gauss–Krüger zone (./gauss-kruger.ts).
 *
 * Both rights of a pair are projected into the zone of the pair's first right by id, so a pair straddling a zone
 * border is measured in one plane, and the planar gap is divided by the zone's scale factor at that right. Against the
 * spheroid (`ST_Distance(geography, geography)`, which reads polygon edges as great-circle arcs rather than the
 * straight lines between 拐点) the 100k benchmark's 67,065 open-pit pairs within 300 m differ by 0.0002 % in the median
 * and 0.09 % at most (0.22 m); the contract allows 0.5 %. Planar distances in the zone cost ~5 µs a pair against
 * ~50 µs on the spheroid, which made open-pit-spacing the slowest rule of an audit. Shapes outside China's zones fall
 * back to the spheroid.
 *
 * Candidates come from the 2-D geometry index (cheaper to probe than the geography one), through the subject's
 * `reachBox`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Feature } from 'geojson';
import { valueList } from '../db/client.ts';
import { evidence, fmt, relatedOf, round, roundAgainst } from './evidence.ts';
import { gaussKrugerZone, reachBox } from './gauss-kruger.ts';
import type { RelatedRef } from './types.ts';

/** A check looks this many thresholds out, so that a pass can still say how far the nearest neighbour is. */
export const CHECK_REACH = 4;

export interface MineGapsInput {
  subjects: SQL;
  /** Methods of the stored rights that count as neighbours. */
  methods: readonly string[];
  /** The rule's least gap (m): an audit looks this far, a check CHECK_REACH times as far. */
  thresholdM: number;
  withEvidence: boolean;
}

/** One row of `mineGaps`. */
export interface MineGapRow {
  method_missing: boolean;
  id: string;
  name: string;
  gap_m: number;
  evidence: unknown;
}

/** One right of a pair, as columns of some row: its id and shapes. */
export interface PairSide {
  id: SQL;
  geom: SQL;
  geog: SQL;
}

const sideOf = (alias: string): PairSide => ({ id: sql.raw(`${alias}.id`), geom: sql.raw(`${alias}.geom`), geog: sql.raw(`${alias}.geog`) });

/** A one-row relation `(srid, k)`: the zone a pair is measured in, the zone of its first right by id (OFFSET 0: once). */
export function pairZone(a: PairSide, b: PairSide): SQL {
  return sql`(SELECT srid, k FROM (${gaussKrugerZone(sql`CASE WHEN ${b.id} < ${a.id} THEN ${b.geom} ELSE ${a.geom} END`)}) zone OFFSET 0)`;
}

/** The gap between the two rights of a pair, given their zone `zone` (a `pairZone` row): metres on the ground. */
export function pairGap(a: PairSide, b: PairSide, zone: SQL): SQL {
  const plane = (g: SQL) => sql`ST_Transform(${g}, ${zone}.srid)`;
  return sql`CASE WHEN ${zone}.srid IS NULL THEN ST_Distance(${a.geog}, ${b.geog}) ELSE ST_Distance(${plane(a.geom)}, ${plane(b.geom)}) / ${zone}.k END`;
}

/**
 * Rows `subject_id, method_missing, id, name, gap_m, evidence` for every stored, not closed right of `methods` within
 * reach of a subject (itself excepted), uses `mining_rights_geom_gix`. A gap is measured in the zone of the pair's
 * first right by id and divided by the scale factor at that right, so it is the same whichever right asks. Checks,
 * and audits the shared pass does not serve, run this; an audit otherwise measures each pair once for both rights and
 * both rules in ./mine-pairs.ts.
 */
export function mineGaps({ subjects, methods, thresholdM, withEvidence }: MineGapsInput): SQL {
  const reachM = withEvidence ? thresholdM * CHECK_REACH : thresholdM;
  const plane = (g: SQL) => sql`ST_Transform(${g}, pz.srid)`;
  const line = sql`CASE WHEN pz.srid IS NULL THEN ST_ShortestLine(s.geom, o.geom)
                        ELSE ST_Transform(ST_ShortestLine(${plane(sql`s.geom`)}, ${plane(sql`o.geom`)}), 4326) END`;
  // OFFSET 0 keeps the gap computed once per pair, not again in the filter above it.
  return sql`
    SELECT subject_id, method_missing, id, name, gap_m, evidence FROM (
      SELECT s.id AS subject_id, s.method IS NULL AS method_missing, o.id, o.name, ${pairGap(sideOf('s'), sideOf('o'), sql`pz`)} AS gap_m,
             ${withEvidence ? sql`ST_AsGeoJSON(${line}, 7)::json` : sql`NULL::json`} AS evidence
      FROM (${subjects}) s
      JOIN mining_rights o
        ON o.geom && ${reachBox(sql`s.geom`, reachM)}
       AND o.id <> s.id AND o.method IN (${valueList(methods)}) AND o.status IS DISTINCT FROM 'closed'
      CROSS JOIN LATERAL ${pairZone(sideOf('s'), sideOf('o'))} pz
      OFFSET 0) pair
    WHERE gap_m <= ${reachM}::float8`;
}

/** What both rules read off one subject's rows; each words its own verdict. */
export interface GapReading {
  /** The nearest neighbour found (within the check's reach), if any. */
  nearest: MineGapRow | undefined;
  /** Neighbours closer than the threshold, nearest first. */
  tooClose: MineGapRow[];
  related: RelatedRef[];
  /** The least gap under the threshold, never shown rounded up to it (49.96 m stays 49.96). */
  gap: number;
  /** The subject has no method: it may or may not be the kind of mine the rule is about. */
  methodMissing: boolean;
  /** The evidence line of one neighbour, labelled with its gap. */
  line(row: MineGapRow): Feature | null;
  details: { gaps: { id: string; gapM: number }[] };
}

export function readGaps(rows: Record<string, unknown>[], thresholdM: number): GapReading {
  // Nearest first, equal gaps (touching rights, 0 m) by id: the message names the same rights whatever order the
  // query found them in.
  const gaps = [...(rows as unknown as MineGapRow[])].sort((a, b) => a.gap_m - b.gap_m || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tooClose = gaps.filter((r) => r.gap_m < thresholdM);
  return {
    nearest: gaps[0],
    tooClose,
    related: relatedOf(tooClose as never, 'mining_rights'),
    gap: tooClose.length ? roundAgainst(tooClose[0].gap_m, thresholdM) : NaN,
    methodMissing: gaps[0]?.method_missing ?? false,
    line: (r) => evidence(r.evidence, 'gap', { relatedId: r.id, lengthM: round(r.gap_m), label: `${fmt(r.gap_m)} m` }),
    details: { gaps: tooClose.map((r) => ({ id: r.id, gapM: round(r.gap_m, 2) })) },
  };
}

/**
 * The audit pass that mining-right-overlap, safety-pillar-50m and open-pit-spacing share: one probe of
 * `mining_rights_geom_gix` per stored right, reaching as far as the farthest of the rules that apply to it (0 m for
 * overlap, the pillar's 50 m for an underground right, the 300 m spacing for an open pit), instead of one probe per
 * rule. Probing is most of these rules' cost: in the 100k benchmark the three rules' own queries probe ~235,000 times
 * (1.9 s of server CPU for the probes alone, by count queries), the shared pass 90,000 times (0.95 s). The three
 * rules' audit: 3.2 → 2.3 s of server CPU (run in two parts side by side, ./engine.ts), 6.1 → 5.2 s on PGlite.
 *
 * Each member gets the rows its own query (`./mining-right-overlap/rule.ts`, `./mine-gaps.ts`, one subject at a
 * time) returns for the same subjects: tests/rules/shared-audit.test.ts compares them, and tests/support/scenes.ts
 * audits every rule fixture through this pass against the rule's check. What the pass saves besides the probes: where
 * both rights of a pair are subjects and each counts as the other's neighbour, the pair is measured once, from the
 * lower id, and given to the other right as well; and a gap is measured once per pair for both gap rules (in the zone
 * of the pair's first right by id, so it is the same from either side).
 */
import { sql, type SQL } from 'drizzle-orm';
import { valueList } from '../db/client.ts';
import { reachBox } from './gauss-kruger.ts';
import { pairGap, pairZone, type PairSide } from './mine-gaps.ts';
import { OVERLAY_GRID } from './overlay.ts';
import type { SharedAuditMember, SharedAuditPart, SharedAuditPass } from './types.ts';

export type MinePairSpec =
  /** Overlapping rights (mining-right-overlap): rows `id, name, area_m2, layered`. */
  | { kind: 'overlap' }
  /** Rights of `methods` within `thresholdM` (./mine-gaps.ts): rows `method_missing, id, name, gap_m`. */
  | { kind: 'gap'; methods: readonly string[]; thresholdM: number };

/**
 * 分层设立: the same holder, licensed elevation ranges that do not overlap (adjoining ranges count as disjoint), for
 * rows `a` and `b` with `holder`, `elevation_top`, `elevation_bottom`. Each range is read as the span between its two
 * values, so one entered upside down is not misread; a missing elevation never makes a layered right (LEAST/GREATEST
 * would skip the NULL). Symmetric in a and b.
 */
export function layeredPair(a: SQL, b: SQL): SQL {
  return sql`(NULLIF(btrim(${a}.holder), '') = btrim(${b}.holder)
    AND num_nonnulls(${a}.elevation_top, ${a}.elevation_bottom, ${b}.elevation_top, ${b}.elevation_bottom) = 4
    AND (LEAST(${a}.elevation_top, ${a}.elevation_bottom) >= GREATEST(${b}.elevation_top, ${b}.elevation_bottom)
      OR LEAST(${b}.elevation_top, ${b}.elevation_bottom) >= GREATEST(${a}.elevation_top, ${a}.elevation_bottom))) IS TRUE`;
}

/** The polygonal part of the intersection of two rights, on the overlay grid (./overlay.ts). */
export function overlapShape(a: SQL, b: SQL): SQL {
  return sql`ST_CollectionExtract(ST_Intersection(${a}, ${b}, ${OVERLAY_GRID}::float8), 3)`;
}

const col = (name: string, i: number) => sql.raw(`${name}_${i}`);

function query({ subjects, members, part }: Parameters<SharedAuditPass<MinePairSpec>['query']>[0]): SQL {
  const overlap = members.find((m) => m.spec.kind === 'overlap');
  const gaps = members.flatMap((m) => (m.spec.kind === 'gap' ? [{ ...m, spec: m.spec }] : []));
  const appliesTo = (m: SharedAuditMember, row: SQL) => (m.appliesWhen ? sql`(${m.appliesWhen(row)}) IS TRUE` : sql`true`);

  // How far each subject reaches: overlap needs only the subject's own box; a gap rule its threshold where it applies.
  // NULL: no member applies, the subject is not probed.
  const reaches = gaps.map((g, i) => sql`CASE WHEN ${col('applies', i)} THEN ${g.spec.thresholdM}::float8 END`);
  const reach = !gaps.length ? sql`0::float8` : overlap ? sql`GREATEST(0::float8, ${sql.join(reaches, sql`, `)})` : sql`GREATEST(${sql.join(reaches, sql`, `)})`;

  // Per gap rule i, for a pair (s, o): s wants o as a neighbour (wants_i); o, were it a subject, would want s (back_i).
  const flags = gaps.flatMap((g, i) => [
    sql`(s.${col('applies', i)} AND o.method IN (${valueList(g.spec.methods)})) IS TRUE AS ${col('wants', i)}`,
    sql`(${appliesTo(g, sql`o`)} AND s.method IN (${valueList(g.spec.methods)})) IS TRUE AS ${col('back', i)}`,
  ]);
  // The pair is measured from this side unless o, a subject that wants s back, measures it from its lower id (here_i);
  // a pair measured here is given to o as well when o wants s back (mirror_i).
  const mirrorable = (i: number) => sql`(c.o_is_subject AND c.${col('back', i)})`;
  const here = (i: number) => sql`(c.${col('wants', i)} AND (c.oid > c.sid OR NOT ${mirrorable(i)}))`;
  const mirror = (i: number) => sql`(c.${col('wants', i)} AND c.oid > c.sid AND ${mirrorable(i)})`;
  const gapWanted = gaps.length ? sql.join(gaps.map((_, i) => here(i)), sql` OR `) : sql`false`;
  const farthest = Math.max(0, ...gaps.map((g) => g.spec.thresholdM));
  // The geographies only for the spheroid, outside China's zones: cast there, not carried through every pair.
  const subject: PairSide = { id: sql`c.sid`, geom: sql`c.sgeom`, geog: sql`c.sgeom::geography` };
  const neighbour: PairSide = { id: sql`c.oid`, geom: sql`c.ogeom`, geog: sql`c.ogeom::geography` };

  const parts: SQL[] = [];
  if (overlap) {
    const rule = overlap.ruleId;
    parts.push(
      sql`SELECT ${rule}::text AS rule_id, sid AS subject_id, oid AS id, oname AS name, area_m2, layered, NULL::boolean AS method_missing, NULL::float8 AS gap_m FROM pair WHERE overlapping`,
      sql`SELECT ${rule}::text AS rule_id, oid AS subject_id, sid AS id, sname AS name, area_m2, layered, NULL::boolean AS method_missing, NULL::float8 AS gap_m FROM pair WHERE overlapping AND o_is_subject`,
    );
  }
  gaps.forEach((g, i) => {
    const within = sql`gap_m <= ${g.spec.thresholdM}::float8`;
    parts.push(
      sql`SELECT ${g.ruleId}::text AS rule_id, sid AS subject_id, oid AS id, oname AS name, NULL::float8 AS area_m2, NULL::boolean AS layered, s_method_missing AS method_missing, gap_m FROM pair WHERE ${col('here', i)} AND ${within}`,
      // o counts s as its neighbour only when s has a method of the rule, so o has one too: never missing.
      sql`SELECT ${g.ruleId}::text AS rule_id, oid AS subject_id, sid AS id, sname AS name, NULL::float8 AS area_m2, NULL::boolean AS layered, false AS method_missing, gap_m FROM pair WHERE ${col('mirror', i)} AND ${within}`,
    );
  });

  return sql`
    WITH s AS MATERIALIZED (
      SELECT subject.id, subject.name, subject.geom, subject.method, subject.holder, subject.elevation_top, subject.elevation_bottom
             ${sql.join(gaps.map((g, i) => sql`, ${appliesTo(g, sql`subject`)} AS ${col('applies', i)}`), sql``)}
      FROM (${subjects}) subject),
    pair AS MATERIALIZED (
      SELECT c.sid, c.sname, c.oid, c.oname, c.s_method_missing, c.o_is_subject,
             ov.sid IS NOT NULL AS overlapping, ov.area_m2, c.layered, g.gap_m
             ${sql.join(gaps.map((_, i) => sql`, ${here(i)} AS ${col('here', i)}, ${mirror(i)} AS ${col('mirror', i)}`), sql``)}
      FROM (
        SELECT s.id AS sid, s.name AS sname, s.geom AS sgeom, s.method IS NULL AS s_method_missing,
               o.id AS oid, o.name AS oname, o.geom AS ogeom, o.id IN (SELECT id FROM s) AS o_is_subject,
               ${layeredPair(sql`s`, sql`o`)} AS layered
               ${sql.join(flags.map((f) => sql`, ${f}`), sql``)}
        FROM (SELECT *, ${reach} AS reach_m FROM s) s
        JOIN mining_rights o
          ON o.geom && ${reachBox(sql`s.geom`, sql`s.reach_m`)}
         AND o.id <> s.id AND o.status IS DISTINCT FROM 'closed'
        WHERE s.reach_m IS NOT NULL ${part ? sql`AND (hashtext(s.id) & 2147483647) % ${part.of}::int = ${part.index}::int` : sql``}
        OFFSET 0) c
      LEFT JOIN LATERAL (
        SELECT c.sid, ST_Area(${overlapShape(sql`c.sgeom`, sql`c.ogeom`)}::geography) AS area_m2
        WHERE ${overlap ? sql`true` : sql`false`} AND (c.oid > c.sid OR NOT c.o_is_subject)
          AND c.sgeom && c.ogeom AND ST_Intersects(c.sgeom, c.ogeom)
        OFFSET 0) ov ON true
      LEFT JOIN LATERAL (
        SELECT ${pairGap(subject, neighbour, sql`pz`)} AS gap_m
        FROM ${pairZone(subject, neighbour)} pz
        WHERE ${gapWanted}
        OFFSET 0) g ON true
      WHERE ov.sid IS NOT NULL OR g.gap_m <= ${farthest}::float8)
    ${sql.join(parts, sql`\n    UNION ALL\n    `)}`;
}

export const minePairs: SharedAuditPass<MinePairSpec> = {
  id: 'mine-pairs',
  indexes: ['mining_rights_geom_gix'],
  query,
};

/** A rule's part in the pass. */
export function minePairsPart<P>(spec: (params: P) => MinePairSpec): SharedAuditPart<P, MinePairSpec> {
  return { pass: minePairs, spec };
}

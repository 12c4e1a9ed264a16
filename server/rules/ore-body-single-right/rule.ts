/**
 * ore-body-single-right 同一矿体单一采矿权: an ore body that can be developed as one must not be split between the
 * rights of two or more holders. A right fails when it takes part of an ore body that a right of another holder
 * already covers; rights of the same holder (e.g. layered open-pit and underground rights) may share it.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, names, namesEn, round } from '../evidence.ts';
import { OVERLAY_GRID } from '../overlay.ts';
import { defineRule, type RelatedRef } from '../types.ts';

const params = z.object({
  minAreaM2: z
    .number()
    .nonnegative()
    .default(1)
    .describe('A right takes part of an ore body when their overlap exceeds this area (below it: coordinate noise)'),
});

interface OreRow {
  subject_holder: string | null;
  ore_body_id: string;
  ore_body_name: string;
  ore_body_mineral: string | null;
  subject_area_m2: number;
  ore_body_evidence: unknown;
  subject_evidence: unknown;
  /** Another active right on the same ore body (null when there is none). */
  id: string | null;
  name: string | null;
  holder: string | null;
  area_m2: number | null;
  evidence: unknown;
}

interface OreBody {
  id: string;
  name: string;
  mineral: string | null;
  subjectAreaM2: number;
  outline: unknown;
  subjectShape: unknown;
  others: { id: string; name: string; holder: string | null; areaM2: number; shape: unknown }[];
}

function byOreBody(rows: OreRow[]): OreBody[] {
  const bodies = new Map<string, OreBody>();
  for (const r of rows) {
    let body = bodies.get(r.ore_body_id);
    if (!body) {
      body = {
        id: r.ore_body_id,
        name: r.ore_body_name,
        mineral: r.ore_body_mineral,
        subjectAreaM2: r.subject_area_m2,
        outline: r.ore_body_evidence,
        subjectShape: r.subject_evidence,
        others: [],
      };
      bodies.set(r.ore_body_id, body);
    }
    if (r.id !== null) body.others.push({ id: r.id, name: r.name ?? r.id, holder: r.holder, areaM2: r.area_m2 ?? 0, shape: r.evidence });
  }
  // Rights in id order, whatever order the plan returns them in: messages and related lists are stable.
  for (const body of bodies.values()) body.others.sort((a, b) => a.id.localeCompare(b.id));
  return [...bodies.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const holderOf = (h: string | null | undefined) => h?.trim() || null;

export default defineRule({
  id: 'ore-body-single-right',
  version: 2,
  title: { zh: '同一矿体单一采矿权', en: 'One right per ore body' },
  description: {
    zh: '可集中开发的同一矿体不得设立2个以上采矿权：采矿权与某矿体重叠（大于1 m²），而该矿体已被其他权利人的采矿权覆盖时不通过；同一权利人的采矿权共用矿体不受限制。',
    en: 'One ore body that can be developed as a whole must not be split between rights: a right fails when it overlaps (> 1 m²) an ore body that a right of another holder also overlaps; rights of the same holder may share it.',
  },
  appliesTo: ['mining_rights'],
  params,
  units: { minAreaM2: 'm²' },
  // Two rights on one ore body judge each other however far apart they are: the ore body carries the change.
  reach: () => ({ metres: 0, via: ['ore_bodies'] }),
  basis: {
    documents: ['拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）', '非煤矿山系统安全生产治本攻坚三年行动方案（2024—2026年，seed 002）'],
    clause: '可集中开发的同一矿体不得设立2个以上采矿权（000）；推进同一个矿体分属2个以上不同开采主体的非煤矿山……企业整合重组（000、002）',
  },
  indexes: ['ore_bodies_geom_gix', 'mining_rights_geom_gix'],
  // Each ore body's rights and their shares are computed once (bo), not again for every subject on that ore body:
  // at 100k one ore body lies under up to ~20 rights.
  // Each share of an ore body (a right's intersection with it, and that intersection's area) is computed once: in
  // `sb` for the subjects, in `bo` for the other rights on the same ore bodies — where, in an audit, most of those
  // rights are subjects too, and their shares are sb's own rows (in a check the one subject may carry a stored right's
  // id, but bo's rows for that id are never joined to it). Membership is tested with NOT IN, a hashed lookup whatever
  // the row estimates (a join to sb let PGlite, estimating 15 rows, pick a 15-million-row nested loop). OFFSET 0
  // keeps each area from being computed again in WHERE.
  query: ({ subjects, params: { minAreaM2 }, withEvidence }) => sql`
    WITH sb AS MATERIALIZED (
      SELECT s.id AS subject_id, s.name AS subject_name, s.holder AS subject_holder, b.id AS ore_body_id, b.name AS ore_body_name,
             b.mineral AS ore_body_mineral, sx.area AS subject_area_m2,
             CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(b.geom, 7)::json END AS ore_body_evidence,
             CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(sx.shape, 7)::json END AS subject_evidence
      FROM (${subjects}) s
      JOIN ore_bodies b ON b.geom && s.geom AND ST_Intersects(b.geom, s.geom)
      CROSS JOIN LATERAL (SELECT shape, ST_Area(shape::geography) AS area
                          FROM (SELECT ST_CollectionExtract(ST_Intersection(s.geom, b.geom, ${OVERLAY_GRID}::float8), 3) AS shape) i OFFSET 0) sx
      WHERE sx.area > ${minAreaM2}::float8),
    bo AS MATERIALIZED (
      SELECT ore_body_id, subject_id AS id, subject_name AS name, subject_holder AS holder, subject_area_m2 AS area_m2,
             subject_evidence AS evidence
      FROM sb
      UNION ALL
      SELECT b.id, o.id, o.name, o.holder, ox.area, CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(ox.shape, 7)::json END
      FROM ore_bodies b
      JOIN mining_rights o ON o.geom && b.geom AND o.status IS DISTINCT FROM 'closed' AND ST_Intersects(o.geom, b.geom)
      CROSS JOIN LATERAL (SELECT shape, ST_Area(shape::geography) AS area
                          FROM (SELECT ST_CollectionExtract(ST_Intersection(o.geom, b.geom, ${OVERLAY_GRID}::float8), 3) AS shape) i OFFSET 0) ox
      WHERE b.id IN (SELECT ore_body_id FROM sb) AND o.id NOT IN (SELECT subject_id FROM sb) AND ox.area > ${minAreaM2}::float8)
    SELECT sb.subject_id, sb.subject_holder, sb.ore_body_id, sb.ore_body_name, sb.ore_body_mineral, sb.subject_area_m2,
           sb.ore_body_evidence, sb.subject_evidence, r.id, r.name, r.holder, r.area_m2, r.evidence
    FROM sb LEFT JOIN bo r ON r.ore_body_id = sb.ore_body_id AND r.id <> sb.subject_id`,
  evaluate(rows, { minAreaM2 }) {
    const bodies = byOreBody(rows as unknown as OreRow[]);
    const holder = holderOf((rows[0] as unknown as OreRow | undefined)?.subject_holder);
    const shared = bodies.filter((b) => b.others.length > 0);
    const outline = (b: OreBody) => evidence(b.outline, 'zone', { relatedId: b.id, label: b.name });
    const own = (b: OreBody) => evidence(b.subjectShape, 'overlap', { relatedId: b.id, areaM2: round(b.subjectAreaM2), label: `${fmt(b.subjectAreaM2)} m²` });
    const theirs = (b: OreBody, o: OreBody['others'][number]) =>
      evidence(o.shape, 'overlap', { relatedId: o.id, oreBodyId: b.id, areaM2: round(o.areaM2), label: `${fmt(o.areaM2)} m²` });
    const oreRefs = (list: OreBody[]): RelatedRef[] => list.map((b) => ({ layer: 'ore_bodies', id: b.id, name: b.name }));
    const details = {
      oreBodies: bodies.map((b) => ({
        id: b.id,
        areaM2: round(b.subjectAreaM2),
        others: b.others.map((o) => ({ id: o.id, holder: o.holder, areaM2: round(o.areaM2) })),
      })),
    };

    if (holder === null && shared.length > 0) {
      // Cannot tell whether the other rights belong to the same holder: never a silent pass.
      const related = [...oreRefs(shared), ...uniqueRights(shared.flatMap((b) => b.others))];
      return {
        status: 'warn',
        measured: null,
        threshold: 0,
        unit: 'rights',
        related,
        evidence: collection(shared.flatMap((b) => [outline(b), own(b), ...b.others.map((o) => theirs(b, o))])),
        message: `缺少采矿权人（holder），无法判断与矿体${names(oreRefs(shared))}上的其他采矿权是否属同一权利人`,
        messageEn: `holder is missing: cannot tell whether the other rights on ore body ${namesEn(oreRefs(shared))} belong to the same holder`,
        details,
      };
    }

    const contested = shared
      .map((b) => ({ body: b, rivals: b.others.filter((o) => holderOf(o.holder) !== holder) }))
      .filter((c) => c.rivals.length > 0);
    if (contested.length === 0) {
      const sameHolder = uniqueRights(shared.flatMap((b) => b.others));
      return {
        status: 'pass',
        measured: 0,
        threshold: 0,
        unit: 'rights',
        related: [],
        evidence: collection(bodies.map(outline)),
        message:
          bodies.length === 0
            ? `未占用矿体（重叠面积均不超过 ${minAreaM2} m²）`
            : sameHolder.length
              ? `矿体${names(oreRefs(bodies))}仅由同一权利人的采矿权（${names(sameHolder)}）共用`
              : `矿体${names(oreRefs(bodies))}上无其他采矿权`,
        messageEn:
          bodies.length === 0
            ? `Takes part of no ore body (every overlap is at most ${minAreaM2} m²)`
            : sameHolder.length
              ? `Ore body ${namesEn(oreRefs(bodies))} is shared only with rights of the same holder (${namesEn(sameHolder)})`
              : `No other right on ore body ${namesEn(oreRefs(bodies))}`,
        details,
      };
    }

    const rivals = uniqueRights(contested.flatMap((c) => c.rivals));
    const contestedBodies = oreRefs(contested.map((c) => c.body));
    return {
      status: 'fail',
      measured: rivals.length,
      threshold: 0,
      unit: 'rights',
      related: [...contestedBodies, ...rivals],
      evidence: collection(contested.flatMap((c) => [outline(c.body), own(c.body), ...c.rivals.map((o) => theirs(c.body, o))])),
      message: `矿体${names(contestedBodies)}已有其他权利人的采矿权${names(rivals)}（${rivals.length}个），同一矿体不得设立2个以上采矿权`,
      messageEn: `Ore body ${namesEn(contestedBodies)} is already covered by ${rivals.length} right(s) of other holders (${namesEn(rivals)}): one ore body must not be split between rights`,
      details,
    };
  },
});

function uniqueRights(list: { id: string; name: string }[]): RelatedRef[] {
  const seen = new Map<string, RelatedRef>();
  for (const o of list) if (!seen.has(o.id)) seen.set(o.id, { layer: 'mining_rights', id: o.id, name: o.name });
  return [...seen.values()];
}

/**
 * mining-right-overlap 采矿权重叠: a right's vertical projection must not overlap a stored right's.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, names, namesEn, relatedOf, round } from '../evidence.ts';
import { layeredPair, minePairsPart, overlapShape } from '../mine-pairs.ts';
import { defineRule } from '../types.ts';

const params = z.object({
  minAreaM2: z.number().nonnegative().default(1).describe('Overlap below this area is coordinate noise, not an overlap'),
});

interface OverlapRow {
  id: string;
  name: string;
  area_m2: number;
  layered: boolean;
  evidence: unknown;
}

export default defineRule({
  id: 'mining-right-overlap',
  version: 3,
  title: { zh: '采矿权范围重叠', en: 'Mining-right overlap' },
  description: {
    zh: '新设采矿权的垂直投影范围不得与已设采矿权重叠；同一权利人且开采标高不重叠（分层设立）时提示。',
    en: "A new right's vertical projection must not overlap a stored right; layered rights of the same holder with disjoint elevation ranges warn.",
  },
  appliesTo: ['mining_rights'],
  params,
  units: { minAreaM2: 'm²' },
  reach: () => ({ metres: 0 }),
  basis: {
    documents: ['拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）'],
    clause: '新设采矿权范围不得与已设采矿权垂直投影范围重叠',
  },
  indexes: ['mining_rights_geom_gix'],
  // An audit measures each overlapping pair once for both rights, in the pass it shares with the gap rules.
  sharedAudit: minePairsPart(() => ({ kind: 'overlap' })),
  query: ({ subjects, withEvidence }) => sql`
    SELECT s.id AS subject_id, o.id, o.name, ST_Area(x.shape::geography) AS area_m2, ${layeredPair(sql`s`, sql`o`)} AS layered,
           CASE WHEN ${withEvidence} THEN ST_AsGeoJSON(x.shape, 7)::json END AS evidence
    FROM (${subjects}) s
    JOIN mining_rights o ON o.geom && s.geom AND o.id <> s.id AND o.status IS DISTINCT FROM 'closed'
    CROSS JOIN LATERAL (SELECT ${overlapShape(sql`s.geom`, sql`o.geom`)} AS shape) x
    WHERE ST_Intersects(s.geom, o.geom)`,
  evaluate(rows, { minAreaM2 }) {
    // Largest overlap first (then by id): the message names the first few, whatever order the query found them in.
    const overlaps = (rows as unknown as OverlapRow[])
      .filter((r) => r.area_m2 > minAreaM2)
      .sort((a, b) => b.area_m2 - a.area_m2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const total = overlaps.reduce((sum, r) => sum + r.area_m2, 0);
    const related = relatedOf(overlaps as never, 'mining_rights');
    const shown = collection(
      overlaps.map((r) => evidence(r.evidence, 'overlap', { relatedId: r.id, areaM2: round(r.area_m2), label: `${fmt(r.area_m2)} m²` })),
    );
    if (overlaps.length === 0) {
      return {
        status: 'pass', measured: 0, threshold: minAreaM2, unit: 'm²', related: [], evidence: shown,
        message: '与已设采矿权无重叠',
        messageEn: 'No overlap with stored mining rights',
      };
    }
    const layeredOnly = overlaps.every((r) => r.layered);
    return {
      status: layeredOnly ? 'warn' : 'fail',
      measured: round(total),
      threshold: minAreaM2,
      unit: 'm²',
      related,
      evidence: shown,
      message: layeredOnly
        ? `与同一权利人的${names(related)}平面重叠 ${fmt(total)} m²，但开采标高不重叠（分层设立），需核实`
        : `与已设采矿权${names(related)}垂直投影重叠，重叠面积 ${fmt(total)} m²`,
      messageEn: layeredOnly
        ? `Overlaps ${namesEn(related)} of the same holder by ${fmt(total)} m² in plan, but the elevation ranges are disjoint (layered rights): verify`
        : `Vertical projection overlaps stored right(s) ${namesEn(related)} by ${fmt(total)} m²`,
      details: { overlaps: overlaps.map((r) => ({ id: r.id, areaM2: round(r.area_m2), layered: r.layered })) },
    };
  },
});

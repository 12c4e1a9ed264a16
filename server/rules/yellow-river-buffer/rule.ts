/**
 * yellow-river-buffer 黄河/长江岸线缓冲: no new, rebuilt or enlarged tailings pond within 3 km of the Yellow River (or
 * Yangtze) main stem or 1 km of an important tributary; a mining right there is flagged for ecological review.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { collection, evidence, fmt, names, namesEn, relatedOf, round } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';
import { groundGap, projectedOnce, reachBox, shapeOf } from '../gauss-kruger.ts';
import { OVERLAY_GRID } from '../overlay.ts';

const params = z.object({
  mainBufferM: z.number().positive().default(3000).describe('Least ground distance to a yellow_main / yangtze_main river (main stem 干流岸线)'),
  tributaryBufferM: z
    .number()
    .positive()
    .default(1000)
    .describe('Least ground distance to a yellow_tributary / yangtze_tributary river (important tributary 重要支流岸线)'),
});

type Params = z.infer<typeof params>;

/** A check also looks this many times the largest buffer out, so a pass can say how far the nearest river is. */
const CHECK_REACH = 10;

const MAIN_CLASSES = ['yellow_main', 'yangtze_main'];
const TRIBUTARY_CLASSES = ['yellow_tributary', 'yangtze_tributary'];

const classLabel: Record<string, { zh: string; en: string }> = {
  yellow_main: { zh: '黄河干流', en: 'Yellow River main stem' },
  yellow_tributary: { zh: '黄河重要支流', en: 'important Yellow River tributary' },
  yangtze_main: { zh: '长江干流', en: 'Yangtze main stem' },
  yangtze_tributary: { zh: '长江重要支流', en: 'important Yangtze tributary' },
};

interface RiverRow {
  subject_layer: 'tailings_ponds' | 'mining_rights';
  id: string;
  name: string;
  river_class: string;
  dist_m: number;
  buffer_m: number;
  /** The river is stored as a polygon (measured to its edge) rather than a centre line. */
  polygon: boolean;
  gap: unknown;
  buffer: unknown;
}

function measuredTo(r: RiverRow): { zh: string; en: string } {
  return r.polygon
    ? { zh: '量至河流面边界', en: 'measured to the edge of the river polygon' }
    : {
        zh: '量至河道中心线，实际岸线比中心线更近约半个河宽',
        en: 'measured to the river centre line: the bank is nearer than this by about half the river width',
      };
}

function riverName(r: RiverRow): { zh: string; en: string } {
  const label = classLabel[r.river_class] ?? { zh: r.river_class, en: r.river_class };
  return { zh: `${r.name}（${label.zh}）`, en: `${r.name} (${label.en})` };
}

export default defineRule({
  id: 'yellow-river-buffer',
  version: 2,
  title: { zh: '黄河长江岸线缓冲距离', en: 'Yellow / Yangtze River buffer' },
  description: {
    zh: '距黄河（长江）干流岸线3公里、重要支流岸线1公里范围内严禁新（改、扩）建尾矿库；采矿权位于该范围内的提示开展生态环境论证。',
    en: 'No new, rebuilt or enlarged tailings pond within 3 km of the Yellow (or Yangtze) River main stem or 1 km of an important tributary; a mining right there warns (ecological review).',
  },
  appliesTo: ['tailings_ponds', 'mining_rights'],
  params,
  units: { mainBufferM: 'm', tributaryBufferM: 'm' },
  reach: (p) => ({ metres: Math.max(p.mainBufferM, p.tributaryBufferM) }),
  basis: {
    documents: ['山西省应急管理厅关于持续推进非煤矿山安全生产专项整治三年行动工作有效落实的督办函（晋应急函〔2022〕136号，seed 001）任务23', '中华人民共和国黄河保护法（2022）', '中华人民共和国长江保护法（2020）'],
    clause: '严禁在距离黄河干流岸线3公里、重要支流岸线1公里范围内新（改、扩）建尾矿库',
  },
  indexes: ['rivers_pieces_geom_gix'],
  // An audit drives from the ~800 river pieces into the subjects' own geometry index (see the query).
  auditIndexes: (layer) => [`${layer}_geom_gix`],
  query: ({ subjects, params: { mainBufferM, tributaryBufferM }, withEvidence }) => {
    const maxBufferM = Math.max(mainBufferM, tributaryBufferM);
    const classes = sql`(SELECT jsonb_array_elements_text(${JSON.stringify([...MAIN_CLASSES, ...TRIBUTARY_CLASSES])}::jsonb))`;
    const bufferOf = (riverClass: SQL) =>
      sql`CASE WHEN ${riverClass} IN (SELECT jsonb_array_elements_text(${JSON.stringify(MAIN_CLASSES)}::jsonb))
               THEN ${mainBufferM}::float8 ELSE ${tributaryBufferM}::float8 END`;
    if (!withEvidence) {
      const piece = projectedOnce(shapeOf('p'), 'pp');
      // An audit: one plain join, so the planner can drive it from the few river pieces into the subjects' geometry
      // index (a lateral lookup per subject is ~100k index probes); the distance is taken per piece below the
      // grouping (OFFSET 0, so it is computed once per pair), then the least per river.
      return sql`
      SELECT n.subject_id, n.subject_layer, n.id, n.name, n.river_class, min(n.dist_m) AS dist_m, bool_or(n.polygon) AS polygon,
             ${bufferOf(sql`n.river_class`)} AS buffer_m, NULL::json AS gap, NULL::json AS buffer
      FROM (
        SELECT s.id AS subject_id, s.layer AS subject_layer, r.id, r.name, r.river_class, g.gap_m AS dist_m, ST_Dimension(p.geom) = 2 AS polygon
        FROM rivers_pieces p
        JOIN rivers r ON r.id = p.feature_id
        CROSS JOIN LATERAL ${piece.lateral}
        JOIN (${subjects}) s ON s.geom && ${reachBox(sql`p.geom`, maxBufferM)}
        CROSS JOIN LATERAL ${groundGap(shapeOf('s'), piece.shape)} g
        WHERE r.river_class IN ${classes}
        OFFSET 0) n
      WHERE n.dist_m <= ${maxBufferM}::float8
      GROUP BY n.subject_id, n.subject_layer, n.id, n.name, n.river_class`;
    }
    const reachM = maxBufferM * CHECK_REACH;
    return sql`
    SELECT s.id AS subject_id,
           -- The subject's layer decides fail (tailings pond) or warn (mining right).
           s.layer AS subject_layer,
           n.id, n.name, n.river_class, n.dist_m, n.polygon, b.buffer_m,
           (SELECT ST_AsGeoJSON(ST_ShortestLine(s.geom, p.geom), 7)::json
             FROM rivers_pieces p
             -- The nearest piece: the zone's distance is within 0.2 % of the spheroid's this line is drawn on.
             WHERE p.feature_id = n.id AND ST_DWithin(p.geog, s.geog, n.dist_m * 1.01 + 1)
             ORDER BY ST_Distance(p.geog, s.geog) LIMIT 1) AS gap,
           -- The breached buffer, drawn only around the site: the river pieces that can reach the window, buffered on
           -- the spheroid, clipped to the box around the site within one buffer width.
           CASE WHEN n.dist_m < b.buffer_m THEN (
             SELECT ST_AsGeoJSON(ST_Intersection(
                      -- The river lines are merged as they are: snapped to the grid, some made GEOS's buffer fail.
                      ST_Buffer(ST_Union(p.geom)::geography, b.buffer_m)::geometry,
                      ST_Envelope(ST_Buffer(s.geog, b.buffer_m)::geometry), ${OVERLAY_GRID}::float8), 7)::json
             FROM rivers_pieces p
             WHERE p.feature_id = n.id AND ST_DWithin(p.geog, s.geog, 2.5 * b.buffer_m)) END AS buffer
    FROM (${subjects}) s
    CROSS JOIN LATERAL (
      SELECT r.id, r.name, r.river_class,
             min(g.gap_m) AS dist_m,
             bool_or(ST_Dimension(p.geom) = 2) AS polygon
      FROM rivers_pieces p
      JOIN rivers r ON r.id = p.feature_id
      CROSS JOIN LATERAL ${groundGap(shapeOf('s'), shapeOf('p'))} g
      WHERE p.geom && ${reachBox(sql`s.geom`, reachM)}
        AND r.river_class IN ${classes}
      GROUP BY r.id, r.name, r.river_class
      HAVING min(g.gap_m) <= ${reachM}::float8) n
    CROSS JOIN LATERAL (SELECT ${bufferOf(sql`n.river_class`)} AS buffer_m) b`;
  },
  evaluate(rows, { mainBufferM, tributaryBufferM }: Params): Verdict {
    const rivers = (rows as unknown as RiverRow[]).sort((a, b) => a.dist_m - b.dist_m || a.id.localeCompare(b.id));
    const breached = rivers
      .filter((r) => r.dist_m < r.buffer_m)
      // The worst breach is the one deepest into its buffer (relative), then the nearest.
      .sort((a, b) => a.dist_m / a.buffer_m - b.dist_m / b.buffer_m || a.dist_m - b.dist_m);
    const details = {
      rivers: rivers.map((r) => ({
        id: r.id,
        name: r.name,
        riverClass: r.river_class,
        distanceM: round(r.dist_m),
        bufferM: r.buffer_m,
        measuredTo: r.polygon ? 'polygon_edge' : 'centre_line',
      })),
    };
    const gapLine = (r: RiverRow) =>
      evidence(r.gap, 'gap', { relatedId: r.id, lengthM: round(r.dist_m), label: `${fmt(r.dist_m)} m` });

    if (breached.length === 0) {
      const nearest = rivers[0];
      if (!nearest) {
        const reach = Math.max(mainBufferM, tributaryBufferM);
        return {
          status: 'pass', measured: null, threshold: mainBufferM, unit: 'm', related: [], evidence: collection([]),
          message: `${fmt(reach, 0)} m 范围内无黄河、长江干流或重要支流`,
          messageEn: `No Yellow or Yangtze main stem or important tributary within ${fmt(reach, 0)} m`,
          details,
        };
      }
      const river = riverName(nearest);
      const how = measuredTo(nearest);
      return {
        status: 'pass',
        measured: round(nearest.dist_m),
        threshold: nearest.buffer_m,
        unit: 'm',
        related: [],
        evidence: collection([gapLine(nearest)]),
        message: `距最近的${river.zh} ${fmt(nearest.dist_m)} m，在 ${fmt(nearest.buffer_m, 0)} m 岸线范围以外；${how.zh}`,
        messageEn: `The nearest protected river, ${river.en}, is ${fmt(nearest.dist_m)} m away, outside its ${fmt(nearest.buffer_m, 0)} m shoreline buffer; ${how.en}`,
        details,
      };
    }

    const worst = breached[0];
    const pond = worst.subject_layer === 'tailings_ponds';
    const related = relatedOf(breached as never, 'rivers');
    const river = riverName(worst);
    const how = measuredTo(worst);
    const distance = `${fmt(worst.dist_m)} m`;
    const buffer = `${fmt(worst.buffer_m, 0)} m`;
    const others = breached.length > 1 ? { zh: `（另在${names(related.slice(1))}的岸线范围内）`, en: ` (also inside the buffer of ${namesEn(related.slice(1))})` } : { zh: '', en: '' };
    return {
      status: pond ? 'fail' : 'warn',
      measured: round(worst.dist_m),
      threshold: worst.buffer_m,
      unit: 'm',
      related,
      evidence: collection(
        breached.flatMap((r) => [
          evidence(r.buffer, 'buffer', { relatedId: r.id, bufferM: r.buffer_m, label: `${fmt(r.buffer_m, 0)} m` }),
          gapLine(r),
        ]),
      ),
      message: pond
        ? `距${river.zh} ${distance}，位于 ${buffer} 岸线范围内，严禁新（改、扩）建尾矿库；${how.zh}${others.zh}`
        : `距${river.zh} ${distance}，位于 ${buffer} 岸线范围内，需开展生态环境影响论证；${how.zh}${others.zh}`,
      messageEn: pond
        ? `${distance} from ${river.en}, inside its ${buffer} shoreline buffer where no tailings pond may be built, rebuilt or enlarged; ${how.en}${others.en}`
        : `${distance} from ${river.en}, inside its ${buffer} shoreline buffer: ecological review required; ${how.en}${others.en}`,
      details,
    };
  },
});

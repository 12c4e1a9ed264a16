/**
 * minimum-scale 最小开采规模: a mining right's licensed capacity must reach the region's minimum for its mineral and
 * mining method, possibly stricter in named counties (Shanxi: 5 key counties ≥ 30 万t/a for Fe/Cu/Pb/Zn underground).
 *
 * The minimums are data (a rule profile), so which ones apply can only be decided here, in evaluate: the query only
 * fetches the subject's mineral, method, capacity and the county containing its point on surface.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { fmt, plain } from '../evidence.ts';
import { defineRule, type Verdict } from '../types.ts';

const minimum = z
  .object({
    minerals: z.array(z.string()).min(1).describe('Mineral keys (docs/rules.md vocabulary) this minimum applies to'),
    methods: z.array(z.enum(['underground', 'open_pit', 'mixed'])).min(1).describe('Mining methods this minimum applies to'),
    adminCodes: z
      .array(z.string())
      .optional()
      .describe('County division codes (GB/T 2260) this minimum is limited to; everywhere in the profile when absent'),
    minWanTpa: z.number().positive().describe('Least licensed capacity, 万t/a'),
    label: z.string().optional().describe('What the minimum is called in messages, e.g. 重点县铁铜铅锌地下矿山'),
  })
  .strict();

const params = z.object({
  minimums: z
    .array(minimum)
    .default([])
    .describe('Minimum capacities by mineral and method, optionally limited to counties; the first matching entry applies'),
});

type Minimum = z.infer<typeof minimum>;

interface ScaleRow {
  mineral: string | null;
  method: string | null;
  capacity_wan_tpa: number | null;
  county_code: string | null;
  county_name: string | null;
}

const UNIT = '万t/a';

const methodZh: Record<string, string> = { underground: '地下开采', open_pit: '露天开采', mixed: '露天/地下联合开采' };

function entryName(entry: Minimum): string {
  return entry.label ?? `${entry.minerals.join('/')} ${entry.methods.join('/')}`;
}

/** The first entry matching mineral and method whose county limit holds for `county` (null: no county limit holds). */
function firstMatch(minimums: Minimum[], mineral: string, method: string, county: string | null): Minimum | undefined {
  return minimums.find(
    (m) => m.minerals.includes(mineral) && (m.methods as string[]).includes(method) && (!m.adminCodes || (county !== null && m.adminCodes.includes(county))),
  );
}

function judge(entry: Minimum, row: ScaleRow & { mineral: string; method: string }): Verdict {
  const capacity = row.capacity_wan_tpa;
  const where = row.county_code ? `${row.county_name ?? ''}（${row.county_code}）` : '';
  const whereEn = row.county_code ? ` in county ${row.county_code}` : '';
  const details = { minimum: entryName(entry), countyCode: row.county_code, mineral: row.mineral, method: row.method };
  if (capacity === null || capacity === undefined) {
    return plain('warn', {
      measured: null,
      threshold: entry.minWanTpa,
      unit: UNIT,
      message: `缺少生产规模（capacityWanTpa），无法判断是否达到${where}${entryName(entry)}最低 ${entry.minWanTpa} ${UNIT}`,
      messageEn: `capacityWanTpa is missing: cannot tell whether it reaches the minimum of ${entry.minWanTpa} ${UNIT} (${entryName(entry)})${whereEn}`,
      details,
    });
  }
  const below = capacity < entry.minWanTpa;
  return plain(below ? 'fail' : 'pass', {
    measured: capacity,
    threshold: entry.minWanTpa,
    unit: UNIT,
    message: below
      ? `生产规模 ${fmt(capacity, 2)} ${UNIT}，低于${where}${entryName(entry)}最低开采规模 ${entry.minWanTpa} ${UNIT}`
      : `生产规模 ${fmt(capacity, 2)} ${UNIT}，达到${where}${entryName(entry)}最低开采规模 ${entry.minWanTpa} ${UNIT}`,
    messageEn: below
      ? `Capacity ${fmt(capacity, 2)} ${UNIT} is below the minimum of ${entry.minWanTpa} ${UNIT} (${entryName(entry)})${whereEn}`
      : `Capacity ${fmt(capacity, 2)} ${UNIT} reaches the minimum of ${entry.minWanTpa} ${UNIT} (${entryName(entry)})${whereEn}`,
    details,
  });
}

export default defineRule({
  id: 'minimum-scale',
  version: 1,
  title: { zh: '最小开采规模', en: 'Minimum mining scale' },
  description: {
    zh: '采矿权证载生产规模不得低于所在地区该矿种、该开采方式的最低开采规模（按规则配置，可限定县域）；配置中无对应最低规模时不适用。',
    en: "A mining right's licensed capacity must reach the region's minimum for its mineral and mining method (from the rule profile, optionally limited to counties); not applicable where the profile sets none.",
  },
  appliesTo: ['mining_rights'],
  params,
  units: { minimums: UNIT },
  // The county containing the right decides its minimum: a county boundary redrawn over it is a change at 0 m.
  reach: () => ({ metres: 0 }),
  basis: {
    documents: ['山西省应急管理厅关于持续推进非煤矿山安全生产专项整治三年行动工作有效落实的督办函（晋应急函〔2022〕136号，seed 001）', '拉萨市关于加强非煤矿山安全生产工作的实施意见（2023，seed 000）'],
    clause:
      '我省明确了5个重点县的铁、铜、铅、锌四个矿种地下矿山最低生产建设规模不得低于30万吨/年……其他地区的铁矿地下开采不得低于10万吨/年、露天开采不得低于20万吨；对达不到主要矿种最小开采规模和最低服务年限标准的非煤矿山，须在两年内完成整改',
  },
  indexes: ['admin_areas_geom_gix'],
  // Every subject gets one row with its county: an audit reads the subjects' profiles from it.
  countyColumn: 'county_code',
  query: ({ subjects, withEvidence }) =>
    withEvidence
      ? sql`
    SELECT s.id AS subject_id, s.mineral, s.method, s.capacity_wan_tpa, c.code AS county_code, c.name AS county_name
    FROM (${subjects}) s
    CROSS JOIN LATERAL (SELECT ST_PointOnSurface(s.geom) AS pt) p
    LEFT JOIN LATERAL (
      SELECT a.code, a.name FROM admin_areas a
      WHERE a.level = 'county' AND a.geom && p.pt AND ST_Intersects(a.geom, p.pt)
      ORDER BY a.code LIMIT 1) c ON true`
      : // An audit: the same county (lowest code containing the point on surface), found from the ~100 counties into the
        // subjects' own index, so each county polygon is read once rather than once per subject.
        sql`
    SELECT s.id AS subject_id, s.mineral, s.method, s.capacity_wan_tpa, c.code AS county_code, c.name AS county_name
    FROM (${subjects}) s
    LEFT JOIN (
      SELECT DISTINCT ON (i.id) i.id, a.code, a.name
      FROM admin_areas a
      JOIN (${subjects}) i ON a.geom && i.geom AND ST_Intersects(a.geom, ST_PointOnSurface(i.geom))
      WHERE a.level = 'county'
      ORDER BY i.id, a.code) c ON c.id = s.id`,
  // evaluate runs once per right in an audit (100k), so its helpers are functions of the module, not closures made
  // on every call (the TypeScript loader names each closure it makes: ~0.1 s per audit).
  evaluate(rows, { minimums }) {
    const row = rows[0] as unknown as ScaleRow | undefined;
    if (!row || minimums.length === 0) {
      return none('所适用的规则配置未规定最低开采规模', 'The rule profile in force sets no minimum mining scale');
    }
    const mineral = row.mineral?.trim().toLowerCase() || null;
    const method = row.method;
    if (!mineral || !method) {
      const missing = [!mineral && 'mineral', !method && 'method'].filter(Boolean).join(', ');
      return plain('warn', {
        measured: row.capacity_wan_tpa ?? null,
        threshold: null,
        unit: UNIT,
        message: `缺少${!mineral ? '矿种（mineral）' : ''}${!mineral && !method ? '和' : ''}${!method ? '开采方式（method）' : ''}，无法确定适用的最低开采规模`,
        messageEn: `${missing} missing: cannot tell which minimum mining scale applies`,
      });
    }
    const known = { ...row, mineral, method };
    const entry = firstMatch(minimums, mineral, method, row.county_code);
    if (row.county_code === null) {
      // Outside every stored county: a county-limited minimum listed before the applicable one might still hold.
      // Judge under each possibility; when one of them finds a problem and they disagree, warn rather than guess.
      const upTo = entry ? minimums.indexOf(entry) : minimums.length;
      const possible = minimums
        .slice(0, upTo)
        .filter((m) => m.adminCodes && m.minerals.includes(mineral) && (m.methods as string[]).includes(method));
      const outcomes = [...possible.map((m) => judge(m, known)), entry ? judge(entry, known) : noEntry(mineral, method, row.county_code)].map((v) => v.status);
      const problem = outcomes.some((s) => s === 'fail' || s === 'warn');
      if (problem && !outcomes.every((s) => s === outcomes[0])) {
        const strictest = possible.reduce((a, b) => (b.minWanTpa > a.minWanTpa ? b : a));
        return plain('warn', {
          measured: row.capacity_wan_tpa ?? null,
          threshold: strictest.minWanTpa,
          unit: UNIT,
          message: `未找到所在县（区）行政区划，无法确定是否适用${entryName(strictest)}最低开采规模 ${strictest.minWanTpa} ${UNIT}`,
          messageEn: `No county found for the feature: cannot tell whether the minimum of ${strictest.minWanTpa} ${UNIT} (${entryName(strictest)}) applies`,
          details: { mineral, method, countyCode: null },
        });
      }
    }
    if (!entry) return noEntry(mineral, method, row.county_code);
    return judge(entry, known);
  },
});

function none(message: string, messageEn: string, details?: Record<string, unknown>): Verdict {
  return plain('not_applicable', { measured: null, threshold: null, unit: UNIT, message, messageEn, details });
}

function noEntry(mineral: string, method: string, countyCode: string | null): Verdict {
  return none(noEntryZh(mineral, method), noEntryEn(mineral, method), { mineral, method, countyCode });
}

function noEntryZh(mineral: string, method: string): string {
  return `规则配置对矿种 ${mineral}、${methodZh[method] ?? method}未规定最低开采规模`;
}

function noEntryEn(mineral: string, method: string): string {
  return `The rule profile sets no minimum mining scale for ${mineral} mined by ${method.replace('_', ' ')}`;
}

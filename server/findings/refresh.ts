/**
 * Stored audit findings (data/migrations/0004_audit_findings.sql), kept fresh by re-auditing only where the data
 * changed. Every write to a layer records the box it touched (a trigger, so no write path can forget it); before the
 * stored findings are read, `refreshFindings` grows each box by the farthest reach of any rule (and through the
 * features rules read through, e.g. ore bodies), merges them into regions and re-audits the subjects in those regions
 * only. Everything else keeps its findings: a subject farther than every rule's reach from every change cannot have a
 * different verdict. A full audit runs on first use, after a bulk load, and whenever the rules, their parameters under
 * any profile, or the calendar unit a rule counts in (`asOf`: tailings-closure counts years) differ from what the
 * stored findings were computed with.
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rows, runsConcurrently, valueList, type Db, type Executor } from '../db/client.ts';
import { layers, type LayerId } from '../layers/catalog.ts';
import type { BBox } from '../layers/store.ts';
import { audit, type AuditFinding } from '../rules/engine.ts';
import type { ProfileSet } from '../rules/profiles.ts';
import { registry } from '../rules/registry.ts';
import { subjectInBox } from '../rules/subjects.ts';
import type { SubjectLayer } from '../rules/types.ts';
import { siteInBox } from './read.ts';
import { todayInChina } from '../risk/lifecycle.ts';
import { AREA_REFS } from '../risk/score.ts';

/** More separate regions than this and one full audit is cheaper than many small ones. */
const MAX_REGIONS = 64;
/** Findings per INSERT statement. */
const INSERT_BATCH = 2000;
/** Any stable 64-bit number: the advisory lock that makes refreshes on one database take turns. */
const REFRESH_LOCK = 7_464_521_001;

export interface RefreshReport {
  /** stale: a full rebuild runs in the background; the stored findings are those of before it. */
  mode: 'none' | 'incremental' | 'full' | 'stale';
  /** Why a full audit ran. */
  reason?: 'first audit' | 'rules or parameters changed' | 'calendar turned' | 'bulk change' | 'too many regions' | 'asked';
  regions: BBox[];
  sites: number;
  findings: number;
  ms: number;
}

export interface FindingsState {
  /** When the stored findings were last brought up to date. */
  auditedAt: string;
  /** When they were last rebuilt in full. */
  fullAt: string;
  /** A full rebuild runs in the background: these findings are of before it (see RefreshOptions.background). */
  rebuilding: boolean;
}

/**
 * What stored findings depend on besides the data: rule versions, every profile's parameters, and for rules that
 * count time (`asOf`) the current year or day. Without `today`, the rules and parameters only.
 */
export function auditFingerprint(profiles: ProfileSet, today?: string): string {
  const rules = registry.map((rule) => [
    rule.id,
    rule.version,
    [...profiles.byName.keys()].sort().map((name) => profiles.paramsFor(rule, name)),
    today === undefined || !rule.asOf ? null : rule.asOf === 'year' ? today.slice(0, 4) : today,
  ]);
  return crypto.createHash('sha256').update(JSON.stringify(rules)).digest('hex');
}

/** The farthest any rule reaches under any profile, and the layers rules read through. */
function widestReach(profiles: ProfileSet): { metres: number; via: LayerId[] } {
  let metres = 0;
  const via = new Set<LayerId>();
  for (const rule of registry) {
    for (const name of profiles.byName.keys()) {
      const reach = rule.reach(profiles.paramsFor(rule, name) as never);
      metres = Math.max(metres, reach.metres);
      for (const layer of reach.via ?? []) via.add(layer);
    }
  }
  return { metres, via: [...via].sort() };
}

/**
 * Grows a box by `metres` on the ground, conservatively: a degree of latitude is at least 110,574 m (110,000 used),
 * a degree of longitude at latitude φ at least 111,000·cos φ m, taken at the box's edge farthest from the equator.
 */
function grown(box: SQL, metres: number): SQL {
  const dy = sql`(${metres}::float8 / 110000.0)`;
  const far = sql`least(89.0, greatest(abs(ST_YMin(${box})), abs(ST_YMax(${box}))) + ${dy})`;
  return sql`ST_Expand(${box}, ${metres}::float8 / (111000.0 * cos(radians(${far}))), ${dy})`;
}

/** The regions to re-audit for the dirty boxes up to `maxId`, merged; null when they are too many. */
async function dirtyRegions(db: Executor, profiles: ProfileSet, maxId: number): Promise<BBox[] | null> {
  const { metres, via } = widestReach(profiles);
  // A change on a feature read through (an ore body) reaches every subject touching that feature, and a changed
  // subject reaches the others on the features it touches: the box takes in the extent of those features.
  const through = via.map(
    (layer) => sql`(SELECT ST_SetSRID(ST_Extent(v.geom)::geometry, 4326) FROM ${layers[layer].table} v WHERE v.geom && d.box)`,
  );
  const withVia = through.length ? sql`ST_Envelope(ST_Collect(ARRAY[d.box, ${sql.join(through, sql`, `)}]))` : sql`d.box`;
  const found = await rows<{ w: number; s: number; e: number; n: number }>(
    db,
    sql`WITH d AS (SELECT ST_Envelope(box) AS box FROM audit_dirty WHERE id <= ${maxId} AND box IS NOT NULL),
         g AS (SELECT ${grown(sql`x.box`, metres)} AS box FROM (SELECT ${withVia} AS box FROM d) x),
         merged AS (SELECT ST_Envelope((ST_Dump(ST_Union(box))).geom) AS box FROM g)
    SELECT ST_XMin(box) AS w, ST_YMin(box) AS s, ST_XMax(box) AS e, ST_YMax(box) AS n FROM merged ORDER BY 1, 2`,
  );
  if (found.length > MAX_REGIONS) return null;
  return found.map((r) => [r.w, r.s, r.e, r.n]);
}

/** County and town codes whose sites changed (areas to summarise again). */
interface Touched {
  county: Set<string>;
  town: Set<string>;
}

function touch(touched: Touched, found: { county_code: string | null; town_code: string | null }[]): void {
  for (const r of found) {
    if (r.county_code) touched.county.add(r.county_code);
    if (r.town_code) touched.town.add(r.town_code);
  }
}

/** Places the sites (all statuses) in the regions, or all of them: point on surface, county, town. */
async function placeSites(db: Executor, regions: BBox[] | null, touched: Touched): Promise<number> {
  let placed = 0;
  for (const layer of ['mining_rights', 'tailings_ponds'] as const satisfies SubjectLayer[]) {
    const table = layers[layer].table;
    const ponds = layer === 'tailings_ponds';
    const where = regions ? sql.join(regions.map((b) => subjectInBox(layer, sql`t`, b)), sql` OR `) : sql`true`;
    const area = (level: 'county' | 'town') =>
      sql`SELECT a.code, a.name FROM admin_areas a
          WHERE a.level = ${level} AND a.geom && x.pt AND ST_Intersects(a.geom, x.pt) ORDER BY a.code LIMIT 1`;
    const inserted = await rows<{ n: number; codes: { county_code: string | null; town_code: string | null }[] | null }>(
      db,
      sql`WITH ins AS (
            INSERT INTO audit_sites (layer, id, name, status, grade, point, extent, dam_point, county_code, county_name, town_code, town_name)
            SELECT ${layer}, t.id, t.name, t.status, ${ponds ? sql`t.grade` : sql`NULL::int`}, x.pt, ST_Envelope(t.geom),
                   ${ponds ? sql`t.dam_point` : sql`NULL::geometry`},
                   c.code, c.name, tw.code, tw.name
            FROM ${table} t
            CROSS JOIN LATERAL (SELECT ST_PointOnSurface(t.geom) AS pt) x
            LEFT JOIN LATERAL (${area('county')}) c ON true
            LEFT JOIN LATERAL (${area('town')}) tw ON true
            WHERE ${where}
            ON CONFLICT (layer, id) DO NOTHING
            RETURNING county_code, town_code)
          SELECT count(*)::int AS n,
                 CASE WHEN ${regions !== null} THEN jsonb_agg(DISTINCT jsonb_build_object('county_code', county_code, 'town_code', town_code)) END AS codes
          FROM ins`,
    );
    placed += inserted[0].n;
    touch(touched, inserted[0].codes ?? []);
  }
  return placed;
}

async function storeFindings(db: Executor, findings: AuditFinding[]): Promise<void> {
  const version = new Map(registry.map((r) => [r.id, r.version]));
  for (let i = 0; i < findings.length; i += INSERT_BATCH) {
    const batch = findings.slice(i, i + INSERT_BATCH).map((f) => ({
      rule: f.rule,
      layer: f.layer,
      subject_id: f.id,
      status: f.status,
      measured: f.measured,
      threshold: f.threshold,
      unit: f.unit,
      message: f.message,
      message_en: f.messageEn,
      related: f.related,
      details: f.details ?? null,
      profile: f.profile,
      rule_version: version.get(f.rule),
    }));
    await db.execute(sql`
      INSERT INTO audit_findings (rule, layer, subject_id, status, measured, threshold, unit, message, message_en, related, details, profile, rule_version)
      SELECT f.rule, f.layer, f.subject_id, f.status, f.measured, f.threshold, f.unit, f.message, f.message_en,
             coalesce(f.related, '[]'::jsonb), f.details, f.profile, f.rule_version
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS f(
        rule text, layer text, subject_id text, status text, measured float8, threshold float8, unit text,
        message text, message_en text, related jsonb, details jsonb, profile text, rule_version int)
      -- A full rebuild audits on the pool, which sees writes committed after this transaction placed the sites: a
      -- site added or deleted since has no place here (its dirty box re-audits that region next time).
      WHERE EXISTS (SELECT 1 FROM audit_sites s WHERE s.layer = f.layer AND s.id = f.subject_id)
      -- A subject in two overlapping regions is audited twice with the same answer.
      ON CONFLICT (layer, subject_id, rule) DO NOTHING`);
  }
}

/**
 * Summarises the sites and findings of the touched areas (all areas when `touched` is null) into audit_area_sites
 * and audit_area_findings, per level.
 */
async function summariseAreas(db: Executor, touched: Touched | null): Promise<void> {
  if (!touched) await db.execute(sql`TRUNCATE audit_area_sites, audit_area_findings`);
  for (const level of ['county', 'town'] as const) {
    const code = sql`s.${sql.identifier(`${level}_code`)}`;
    const codes = touched ? [...touched[level]] : null;
    if (codes?.length === 0) continue;
    // One bound parameter per code (a handful): the planner then sees how few areas, and starts from their sites.
    const list = codes && valueList(codes);
    const only = list ? sql`AND ${code} IN (${list})` : sql``;
    if (list) {
      const listed = sql`code IN (${list})`;
      await db.execute(sql`DELETE FROM audit_area_sites WHERE level = ${level} AND ${listed}`);
      await db.execute(sql`DELETE FROM audit_area_findings WHERE level = ${level} AND ${listed}`);
    }
    await db.execute(sql`
      INSERT INTO audit_area_sites (level, code, layer, site_status, n)
      SELECT ${level}, ${code}, s.layer, s.status, count(*)
      FROM audit_sites s WHERE ${code} IS NOT NULL ${only}
      GROUP BY 2, 3, 4`);
    await db.execute(sql`
      INSERT INTO audit_area_findings (level, code, rule, status, layer, site_status, n, refs)
      SELECT ${level}, ${code}, f.rule, f.status, f.layer, s.status, count(*),
             to_jsonb((array_agg(jsonb_build_object('layer', f.layer, 'id', f.subject_id) ORDER BY f.layer, f.subject_id))[1:${AREA_REFS}])
      FROM audit_sites s
      -- From the area's sites into each one's findings (primary-key prefix): a county's few thousand, never a scan
      -- of a province's findings.
      CROSS JOIN LATERAL (SELECT * FROM audit_findings x WHERE x.layer = s.layer AND x.subject_id = s.id) f
      WHERE ${code} IS NOT NULL ${only}
      GROUP BY 2, 3, 4, 5, 6`);
  }
}

function failOrWarn(findings: AuditFinding[]): AuditFinding[] {
  return findings.filter((f) => f.status === 'fail' || f.status === 'warn');
}

interface Plan {
  reason?: RefreshReport['reason'];
  /** Dirty rows up to this id are covered by this refresh. */
  maxId: number;
  fingerprint: string;
  /** Regions to re-audit (incremental); null for a full audit. */
  regions: BBox[] | null;
}

/** What a refresh has to do now: nothing (null), re-audit some regions, or audit everything (and why). */
async function plan(db: Executor, profiles: ProfileSet, force: boolean, today: string): Promise<Plan | null> {
  const [state] = await rows<{ fingerprint: string; rules_fingerprint: string }>(db, sql`SELECT fingerprint, rules_fingerprint FROM audit_state WHERE id = 1`);
  const [dirty] = await rows<{ max_id: number | null; everything: boolean | null }>(
    db,
    sql`SELECT max(id)::float8 AS max_id, bool_or(box IS NULL) AS everything FROM audit_dirty`,
  );
  const maxId = dirty.max_id ?? 0;
  const fingerprint = auditFingerprint(profiles, today);
  let reason: RefreshReport['reason'] | undefined;
  if (force) reason = 'asked';
  else if (!state) reason = 'first audit';
  else if (state.fingerprint !== fingerprint) reason = auditFingerprint(profiles) === state.rules_fingerprint ? 'calendar turned' : 'rules or parameters changed';
  else if (dirty.everything) reason = 'bulk change';
  if (reason) return { reason, maxId, fingerprint, regions: null };
  if (dirty.max_id === null) return null;
  const regions = await dirtyRegions(db, profiles, maxId);
  return regions === null ? { reason: 'too many regions', maxId, fingerprint, regions: null } : { maxId, fingerprint, regions };
}

/** About this many subjects per tile of a full rebuild: what one audit() holds in memory at a time. */
const TILE_SUBJECTS = 40_000;

/**
 * Tiles covering every subject (geometry and dam points) for a full rebuild, about TILE_SUBJECTS each: a province's
 * audit in one go would hold every rule's rows at once (at 1M rights it ran node out of its 4 GB heap).
 */
async function tiles(db: Executor, perTile: number): Promise<(BBox | undefined)[]> {
  const [x] = await rows<{ n: number; w: number | null; s: number; e: number; n_: number }>(
    db,
    sql`SELECT n, ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n_
        FROM (SELECT count(*)::int AS n, ST_Envelope(ST_Collect(ARRAY[ST_Extent(extent)::geometry, ST_Extent(dam_point)::geometry])) AS b
              FROM audit_sites) x`,
  );
  const side = x ? Math.ceil(Math.sqrt(x.n / perTile)) : 1;
  if (!x || x.w === null || side <= 1) return [undefined];
  const out: BBox[] = [];
  const dx = (x.e - x.w) / side;
  const dy = (x.n_ - x.s) / side;
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      // The outer tiles reach to the extent's edges exactly; inner edges are shared (a subject on one is audited in
      // both, with the same answer, and stored once).
      out.push([x.w + i * dx, x.s + j * dy, i === side - 1 ? x.e : x.w + (i + 1) * dx, j === side - 1 ? x.n_ : x.s + (j + 1) * dy]);
    }
  }
  return out;
}

/**
 * Writes the refresh in one transaction. The audit queries of a full rebuild run on `auditDb`: the connection pool
 * when there is one (rule queries side by side, reading the layers, which this transaction does not touch), else the
 * transaction itself (PGlite's single connection). Data written meanwhile left dirty boxes past `maxId`, which the
 * next refresh re-audits, so what is stored is never older than what the caller had written before asking.
 */
async function write(tx: Executor, auditDb: Executor, profiles: ProfileSet, planned: Plan, perTile: number): Promise<{ sites: number; findings: number }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK}::bigint)`);
  const touched: Touched = { county: new Set(), town: new Set() };
  let sites: number;
  let found = 0;
  if (!planned.regions) {
    await tx.execute(sql`TRUNCATE audit_findings, audit_sites`);
    sites = await placeSites(tx, null, touched);
    for (const bbox of await tiles(tx, perTile)) await storeFindings(tx, failOrWarn(await audit(auditDb, profiles, { bbox })));
  } else {
    const boxes = planned.regions;
    const removed = await rows<{ county_code: string | null; town_code: string | null }>(
      tx,
      // The same test as the placement and the audit's subjects (geometry box, or a pond's dam point), so every site
      // removed here is placed and audited again below.
      sql`DELETE FROM audit_sites
          WHERE ${sql.join(boxes.map((b) => siteInBox(sql`audit_sites`, b)), sql` OR `)}
          RETURNING county_code, town_code`,
    );
    touch(touched, removed);
    sites = await placeSites(tx, boxes, touched);
    for (const bbox of boxes) {
      const findings = failOrWarn(await audit(tx, profiles, { bbox }));
      found += findings.length;
      await storeFindings(tx, findings);
    }
  }
  await summariseAreas(tx, planned.regions ? touched : null);
  // After a full rebuild the planner's statistics of these tables are of another size altogether.
  if (!planned.regions) await tx.execute(sql`ANALYZE audit_sites, audit_findings, audit_area_sites, audit_area_findings`);
  await tx.execute(sql`DELETE FROM audit_dirty WHERE id <= ${planned.maxId}`);
  await tx.execute(sql`
    INSERT INTO audit_state (id, fingerprint, audited_at, full_at, rules_fingerprint)
    VALUES (1, ${planned.fingerprint}, clock_timestamp(), clock_timestamp(), ${auditFingerprint(profiles)})
    ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, audited_at = EXCLUDED.audited_at,
      rules_fingerprint = EXCLUDED.rules_fingerprint,
      full_at = CASE WHEN ${planned.regions === null} THEN EXCLUDED.full_at ELSE audit_state.full_at END`);
  if (planned.regions) return { sites, findings: found };
  const [stored] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_findings`);
  return { sites, findings: stored.n };
}

/** The last refresh started on each database handle in this process (the advisory lock covers other processes). */
const latest = new WeakMap<Db, Promise<unknown>>();
/** A full rebuild under way in the background, per database handle. */
const rebuilding = new WeakMap<Db, Promise<RefreshReport>>();

export interface RefreshOptions {
  /** Rebuild everything even if nothing changed. */
  force?: boolean;
  /** Today in China (YYYY-MM-DD); for tests of the calendar. */
  today?: string;
  /** Subjects per tile of a full rebuild (default TILE_SUBJECTS); small in tests, to exercise the tiling. */
  tileSubjects?: number;
  /**
   * For readers: when a full rebuild is due (new rules or parameters, a new year, a bulk load) and findings are
   * already stored, start it in the background and answer at once with mode `stale` — at a million rights a rebuild
   * takes minutes, and the map should show the stored findings, marked, meanwhile.
   */
  background?: boolean;
}

/** What `refreshFindings` answers to a reader while a full rebuild runs in the background. */
const STALE: RefreshReport = { mode: 'stale', regions: [], sites: 0, findings: 0, ms: 0 };

/**
 * Brings the stored findings up to date with the data, the rules and the date; cheap when nothing changed (two small
 * queries). Refreshes on one database take turns, so each caller sees at least every write made before it asked
 * (except a `background` reader while a full rebuild runs: it is told the findings are stale).
 */
export function refreshFindings(db: Db, profiles: ProfileSet, options: RefreshOptions = {}): Promise<RefreshReport> {
  if (options.background && rebuilding.has(db)) return Promise.resolve(STALE);
  const previous = latest.get(db) ?? Promise.resolve();
  let answerNow: ((report: RefreshReport) => void) | undefined;
  const early = new Promise<RefreshReport>((resolve) => (answerNow = resolve));
  const run: Promise<RefreshReport> = previous
    .catch(() => undefined)
    .then(async (): Promise<RefreshReport> => {
      const started = performance.now();
      const today = options.today ?? todayInChina();
      const planned = await plan(db.orm, profiles, options.force ?? false, today);
      if (!planned) return { mode: 'none', regions: [], sites: 0, findings: 0, ms: Math.round(performance.now() - started) };
      if (!planned.regions && options.background && planned.reason !== 'first audit') {
        rebuilding.set(db, run);
        answerNow!(STALE);
      }
      try {
        const done = await db.orm.transaction((tx) => write(tx, runsConcurrently(db.orm) ? db.orm : tx, profiles, planned, options.tileSubjects ?? TILE_SUBJECTS));
        const ms = Math.round(performance.now() - started);
        return planned.regions ? { mode: 'incremental', regions: planned.regions, ...done, ms } : { mode: 'full', reason: planned.reason, regions: [], ...done, ms };
      } finally {
        if (rebuilding.get(db) === run) rebuilding.delete(db);
      }
    });
  latest.set(db, run);
  // A background rebuild that fails is reported by the next refresh (it plans the same rebuild again).
  if (options.background) run.catch(() => undefined);
  return options.background ? Promise.race([early, run]) : run;
}

/** The full rebuild running in the background for this database handle, if any. */
export function backgroundRebuild(db: Db): Promise<RefreshReport> | undefined {
  return rebuilding.get(db);
}

export async function findingsState(db: Db): Promise<FindingsState | null> {
  const [row] = await rows<{ audited_at: string; full_at: string }>(
    db.orm,
    sql`SELECT to_json(audited_at) #>> '{}' AS audited_at, to_json(full_at) #>> '{}' AS full_at FROM audit_state WHERE id = 1`,
  );
  return row ? { auditedAt: row.audited_at, fullAt: row.full_at, rebuilding: rebuilding.has(db) } : null;
}

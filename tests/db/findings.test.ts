/**
 * Stored audit findings (server/findings/refresh.ts): after every kind of change, re-auditing only the changed
 * neighbourhood must leave exactly the findings a full audit gives, on the demo region.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/loaders/demo.ts';
import { rows } from '../../server/db/client.ts';
import { eachStoredFindingPage, storedFindings } from '../../server/findings/read.ts';
import { findingsState, refreshFindings } from '../../server/findings/refresh.ts';
import { todayInChina } from '../../server/risk/lifecycle.ts';
import { audit, type AuditFinding } from '../../server/rules/engine.ts';
import { loadProfiles } from '../../server/rules/profiles.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const profiles = loadProfiles();
let db: TestDb;

beforeAll(async () => {
  db = await openTestDb();
  await loadDemo(db.orm);
});
afterAll(async () => db?.destroy());

/** Stored findings as comparable lines. */
async function stored(): Promise<string[]> {
  const found = await rows<{ line: string }>(
    db.orm,
    sql`SELECT concat_ws(' ', rule, layer, subject_id, status, round(measured::numeric, 1), message) AS line FROM audit_findings ORDER BY 1`,
  );
  return found.map((r) => r.line);
}

/** The per-area summaries the risk map grades from, as comparable lines. */
async function summaries(): Promise<string[]> {
  const found = await rows<{ line: string }>(
    db.orm,
    sql`SELECT concat_ws(' ', 'sites', level, code, layer, site_status, n) AS line FROM audit_area_sites
        UNION ALL
        SELECT concat_ws(' ', 'findings', level, code, rule, status, layer, site_status, n, refs::text) FROM audit_area_findings
        ORDER BY 1`,
  );
  return found.map((r) => r.line);
}

/** What a full audit says now, in the same form. */
async function fullAudit(): Promise<string[]> {
  const findings = await audit(db.orm, profiles);
  return findings
    .filter((f) => f.status === 'fail' || f.status === 'warn')
    .map((f) => [f.rule, f.layer, f.id, f.status, f.measured === null ? null : f.measured.toFixed(1), f.message].filter((x) => x !== null).join(' '))
    .sort();
}

async function dirtyCount(): Promise<number> {
  return (await rows<{ n: number }>(db.orm, sql`SELECT count(*)::int AS n FROM audit_dirty`))[0].n;
}

describe('stored audit findings', () => {
  it('runs a full audit the first time and places every site in its county and town', async () => {
    const report = await refreshFindings(db, profiles);
    expect(report).toMatchObject({ mode: 'full', reason: 'first audit' });
    expect(report.findings).toBeGreaterThan(20);
    expect(await stored()).toEqual(await fullAudit());
    const [sites] = await rows<{ n: number; placed: number; rights: number }>(
      db.orm,
      sql`SELECT count(*)::int AS n, count(county_code)::int AS placed,
                 (SELECT count(*)::int FROM mining_rights) + (SELECT count(*)::int FROM tailings_ponds) AS rights
          FROM audit_sites`,
    );
    expect(sites.n).toBe(sites.rights);
    expect(sites.placed).toBe(sites.n);
    expect(await dirtyCount()).toBe(0);
  });

  it('rebuilds tile by tile with the same result (a province is audited a tile at a time)', async () => {
    // 61 rights and ponds, ~4 per tile: a 4 × 4 grid, subjects on the tiles' shared edges audited twice and stored once.
    expect(await refreshFindings(db, profiles, { force: true, tileSubjects: 4 })).toMatchObject({ mode: 'full', reason: 'asked' });
    expect(await stored()).toEqual(await fullAudit());
  });

  it('reads the stored findings a page at a time, in one order, worst first when asked', async () => {
    const whole = await storedFindings(db.orm);
    const pages: number[] = [];
    const paged: AuditFinding[] = [];
    const total = await eachStoredFindingPage(db.orm, {}, 'rule', (page) => {
      pages.push(page.length);
      paged.push(...page);
    }, 7);
    expect(total).toBe(whole.length);
    expect(paged).toEqual(whole);
    expect(pages.slice(0, -1).every((n) => n === 7)).toBe(true);
    const worst: string[] = [];
    await eachStoredFindingPage(db.orm, { rules: ['tailings-grade', 'safety-pillar-50m'] }, 'worst', (page) => {
      worst.push(...page.map((f) => `${f.status} ${f.rule} ${f.id}`));
    }, 2);
    expect(worst).toEqual(
      whole.filter((f) => f.rule === 'tailings-grade' || f.rule === 'safety-pillar-50m').map((f) => `${f.status} ${f.rule} ${f.id}`).sort(),
    );
    expect(worst[0].startsWith('fail')).toBe(true);
  });

  it('does nothing when nothing changed', async () => {
    expect(await refreshFindings(db, profiles)).toMatchObject({ mode: 'none', findings: 0 });
  });

  const changes: [string, ReturnType<typeof sql>][] = [
    // A right moved 40 m east: pillar and overlap findings of it and its neighbours change.
    ['a right moved', sql`UPDATE mining_rights SET geom = ST_Translate(geom, 0.00045, 0) WHERE id = 'MR-HJ-004'`],
    ['a right closed', sql`UPDATE mining_rights SET status = 'closed' WHERE id = 'MR-HJ-001'`],
    ['a right deleted', sql`DELETE FROM mining_rights WHERE id = 'MR-HJ-002'`],
    ['a right copied next to itself (overlap)', sql`INSERT INTO mining_rights (id, name, geom, mineral, method, holder, status)
        SELECT 'MR-COPY', name || '（复制）', ST_Translate(geom, 0.001, 0.001), mineral, method, 'Someone else', 'active' FROM mining_rights WHERE id = 'MR-HJ-005'`],
    ['a settlement moved under a dam', sql`UPDATE settlements s SET geom = ST_Project(p.dam_point::geography, 400, radians(p.downstream_azimuth_deg))::geometry
        FROM (SELECT dam_point, downstream_azimuth_deg FROM tailings_ponds WHERE dam_point IS NOT NULL AND downstream_azimuth_deg IS NOT NULL ORDER BY id LIMIT 1) p
        WHERE s.id = (SELECT id FROM settlements ORDER BY id LIMIT 1)`],
    ['a pond dam point turned', sql`UPDATE tailings_ponds SET downstream_azimuth_deg = ((coalesce(downstream_azimuth_deg, 0) + 180)::int % 360)`],
    ['an ore body grown', sql`UPDATE ore_bodies SET geom = ST_Buffer(geom, 0.01)`],
    ['a hazard zone surveyed', sql`UPDATE hazard_zones SET survey_status = 'treated' WHERE id = (SELECT id FROM hazard_zones ORDER BY id LIMIT 1)`],
    ['a river removed', sql`DELETE FROM rivers WHERE id = (SELECT id FROM rivers WHERE river_class = 'yellow_tributary' ORDER BY id LIMIT 1)`],
    // A dam point 20 km north-east of its pond, then a village placed 20 km east of the pond: the village's region
    // meets the box spanning pond and dam, but neither the pond's own box nor the dam point.
    ['a dam point far from its pond', sql`UPDATE tailings_ponds SET dam_point = ST_Translate(ST_PointOnSurface(geom), 0.22, 0.18) WHERE id = 'TP-HJ-003'`],
    ['a village between a pond and its far dam point', sql`INSERT INTO settlements (id, name, geom, population)
        SELECT 'ST-FAR', '远处村', ST_Translate(ST_PointOnSurface(geom), 0.22, 0), 50 FROM tailings_ponds WHERE id = 'TP-HJ-003'`],
    ['a county redrawn', sql`UPDATE admin_areas SET code = '140800' WHERE code = '140882' AND level = 'county'`],
  ];
  const moved: string[] = [];
  for (const [what, change] of changes) {
    it(`after ${what}, re-audits the neighbourhood only and agrees with a full audit`, async () => {
      const before = await stored();
      await db.orm.execute(change);
      expect(await dirtyCount()).toBeGreaterThan(0);
      const report = await refreshFindings(db, profiles);
      expect(report.mode).toBe('incremental');
      expect(report.regions.length).toBeGreaterThan(0);
      const after = await stored();
      expect(after).toEqual(await fullAudit());
      // Every right and pond is still placed.
      const [placed] = await rows<{ missing: number }>(
        db.orm,
        sql`SELECT ((SELECT count(*) FROM mining_rights) + (SELECT count(*) FROM tailings_ponds) - (SELECT count(*) FROM audit_sites))::int AS missing`,
      );
      expect(placed.missing).toBe(0);
      if (after.join('\n') !== before.join('\n')) moved.push(what);
      // The per-area summaries kept for the touched areas equal those rebuilt from scratch.
      const kept = await summaries();
      expect(await refreshFindings(db, profiles, { force: true })).toMatchObject({ mode: 'full' });
      expect(kept).toEqual(await summaries());
    });
  }

  it('was tested on changes that moved findings (else the comparisons above prove little)', () => {
    expect(moved.length, `changes that moved a finding: ${moved.join(', ')}`).toBeGreaterThanOrEqual(7);
  });

  it('leaves no trace of a write that rolled back', async () => {
    await refreshFindings(db, profiles);
    await expect(
      db.orm.transaction(async (tx) => {
        await tx.execute(sql`UPDATE mining_rights SET name = name || '!'`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await dirtyCount()).toBe(0);
  });

  it('audits everything again after a bulk change, a new year (tailings-closure counts years) or new parameters', async () => {
    await db.orm.execute(sql`INSERT INTO settlements (id, name, geom, population)
      SELECT 'BULK-' || i, '村' || i, ST_SetSRID(ST_MakePoint(111.5 + i * 0.0001, 36.9), 4326), 10 FROM generate_series(1, 1001) i`);
    expect(await refreshFindings(db, profiles)).toMatchObject({ mode: 'full', reason: 'bulk change' });
    // Another day of the same year changes nothing; another year does.
    const year = todayInChina().slice(0, 4);
    expect(await refreshFindings(db, profiles, { today: `${year}-12-31` })).toMatchObject({ mode: 'none' });
    expect(await refreshFindings(db, profiles, { today: '2099-01-01' })).toMatchObject({ mode: 'full', reason: 'calendar turned' });
    const stricter = loadProfiles();
    const pillar = stricter.byName.get('national')!;
    pillar.rules['safety-pillar-50m'] = { pillarM: 80 };
    const changedParams = { ...stricter, paramsFor: (rule: Parameters<typeof stricter.paramsFor>[0], name: string) =>
      rule.id === 'safety-pillar-50m' ? { pillarM: 80 } : profiles.paramsFor(rule, name) };
    expect(await refreshFindings(db, changedParams, { today: '2099-01-01' })).toMatchObject({ mode: 'full', reason: 'rules or parameters changed' });
    expect(await refreshFindings(db, profiles)).toMatchObject({ mode: 'full' });
    expect(await stored()).toEqual(await fullAudit());
  });

  it('lets readers go on with the stored findings while a full rebuild runs in the background', async () => {
    await refreshFindings(db, profiles);
    const before = await findingsState(db);
    // A new year makes a full rebuild due; a reader is answered at once, with the stored findings marked stale.
    expect(await refreshFindings(db, profiles, { background: true, today: '2098-06-01' })).toMatchObject({ mode: 'stale' });
    // A caller that must be up to date waits for the rebuild, which has then run.
    expect(await refreshFindings(db, profiles, { today: '2098-06-01' })).toMatchObject({ mode: 'none' });
    const after = await findingsState(db);
    expect(after).toMatchObject({ rebuilding: false });
    expect(after!.fullAt > before!.fullAt).toBe(true);
    expect(await stored()).toEqual(await fullAudit());
    // With nothing due, a reader is not told "stale".
    expect(await refreshFindings(db, profiles, { background: true, today: '2098-06-01' })).toMatchObject({ mode: 'none' });
  });
});

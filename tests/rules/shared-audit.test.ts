/**
 * A shared audit pass (server/rules/mine-pairs.ts) must give each rule exactly the rows the rule's own query gives for
 * the same subjects, whichever of its rules run together, and the same rows when run in parts. Checked on the demo
 * region plus a crowded made-up district (300 rights of every method in 5 km × 5 km, many overlapping or closer than
 * the pillar and the open-pit spacing), over all stored rights and over a box.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/loaders/demo.ts';
import { rows } from '../../server/db/client.ts';
import { layers } from '../../server/layers/catalog.ts';
import { insertFeatures } from '../../server/layers/store.ts';
import { validateFeatures } from '../../server/layers/validate.ts';
import { sharedAuditMember } from '../../server/rules/engine.ts';
import { loadProfiles } from '../../server/rules/profiles.ts';
import { registry } from '../../server/rules/registry.ts';
import { storedSubjects } from '../../server/rules/subjects.ts';
import type { RuleDefinition } from '../../server/rules/types.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let db: TestDb;
const profiles = loadProfiles();

/** A small deterministic generator (mulberry32), so the district is the same on every run and both databases. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function crowdedDistrict() {
  const next = random(20261126);
  const methods = ['underground', 'open_pit', 'mixed', null];
  return Array.from({ length: 300 }, (_, i) => {
    const lon = 111.2 + next() * 0.055;
    const lat = 35.2 + next() * 0.045;
    const w = 0.0008 + next() * 0.002;
    const h = 0.0006 + next() * 0.0015;
    const method = methods[Math.floor(next() * methods.length)];
    const bottom = Math.round(300 + next() * 300);
    return {
      type: 'Feature',
      properties: {
        id: `CROWD-${String(i).padStart(3, '0')}`,
        name: `拥挤矿区${i}号矿`,
        ...(method ? { method } : {}),
        holder: `矿业公司${Math.floor(next() * 40)}`,
        elevationBottom: bottom,
        elevationTop: bottom + Math.round(50 + next() * 200),
        status: next() < 0.05 ? 'closed' : 'producing',
      },
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]] },
    };
  });
}

beforeAll(async () => {
  db = await openTestDb();
  await loadDemo(db.orm);
  const { rows: features, problems } = validateFeatures(layers.mining_rights, crowdedDistrict());
  expect(problems).toEqual([]);
  await insertFeatures(db.orm, layers.mining_rights, features);
}, 120_000);
afterAll(async () => db?.destroy());

type Row = Record<string, unknown>;
/** What a rule reads off a row, the measure to 1 mm / 0.001 m². */
const key = (r: Row) =>
  [r.subject_id, r.id, r.name, r.gap_m === undefined || r.gap_m === null ? '' : Number(r.gap_m).toFixed(3), r.area_m2 === undefined || r.area_m2 === null ? '' : Number(r.area_m2).toFixed(3), r.layered ?? '', r.method_missing ?? ''].join('|');
const keysOf = (found: Row[]) => found.map(key).sort();

const members = registry.filter((r) => r.sharedAudit);
const memberOf = (rule: RuleDefinition) => sharedAuditMember(rule, profiles, 'national');

describe('shared audit pass', { timeout: 120_000 }, () => {
  for (const [scope, bbox] of [['all rights', undefined], ['a box', [111.21, 35.21, 111.24, 35.235]]] as const) {
    it(`gives each rule the rows of its own query, together, alone and in parts (${scope})`, async () => {
      const subjects = () => storedSubjects('mining_rights', { bbox: bbox as [number, number, number, number] | undefined });
      const pass = members[0].sharedAudit!.pass;
      const together = await rows<Row>(db.orm, pass.query({ subjects: subjects(), members: members.map(memberOf) }));
      const parts = await Promise.all([0, 1, 2].map((index) => rows<Row>(db.orm, pass.query({ subjects: subjects(), members: members.map(memberOf), part: { index, of: 3 } }))));
      expect(keysOf(parts.flat().map((r) => ({ ...r, subject_id: `${r.rule_id}:${r.subject_id}` })))).toEqual(
        keysOf(together.map((r) => ({ ...r, subject_id: `${r.rule_id}:${r.subject_id}` }))),
      );
      for (const rule of members) {
        // As the engine hands a rule its subjects: only those it applies to.
        const subjectsOfRule = rule.appliesWhen ? sql`SELECT * FROM (${subjects()}) s WHERE ${rule.appliesWhen(sql`s`)}` : subjects();
        const own = await rows<Row>(db.orm, rule.query({ subjects: subjectsOfRule, params: profiles.paramsFor(rule, 'national'), withEvidence: false }));
        const alone = await rows<Row>(db.orm, pass.query({ subjects: subjects(), members: [memberOf(rule)] }));
        const mine = together.filter((r) => r.rule_id === rule.id);
        expect(own.length, `${rule.id} finds something to compare (${scope})`).toBeGreaterThan(scope === 'all rights' ? 50 : 5);
        // The rule's own rows carry only what it reads: compare those columns.
        const shape = (r: Row) => ({ subject_id: r.subject_id, id: r.id, name: r.name, gap_m: r.gap_m, area_m2: r.area_m2, layered: r.layered, method_missing: r.method_missing });
        expect(keysOf(mine.map(shape)), `${rule.id}: pass with all its rules = own query`).toEqual(keysOf(own.map(shape)));
        expect(keysOf(alone.map(shape)), `${rule.id}: pass with this rule alone = own query`).toEqual(keysOf(own.map(shape)));
      }
    });
  }
});

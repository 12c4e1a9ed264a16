/**
 * Each rule's query must be able to use the GiST indexes it declares: EXPLAIN with sequential scans disabled
 * (the demo tables are too small for the planner to choose an index on its own), for a check and for an audit.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/loaders/demo.ts';
import { rows } from '../../server/db/client.ts';
import { layers } from '../../server/layers/catalog.ts';
import { validateFeatures } from '../../server/layers/validate.ts';
import { sharedAuditMember } from '../../server/rules/engine.ts';
import { loadProfiles } from '../../server/rules/profiles.ts';
import { registry } from '../../server/rules/registry.ts';
import { proposedSubject, storedSubjects } from '../../server/rules/subjects.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadDemo(db.orm);
});
afterAll(async () => db?.destroy());

async function plan(query: SQL): Promise<string> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const lines = await rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN ${query}`);
    return lines.map((l) => l['QUERY PLAN']).join('\n');
  });
}

const proposal = {
  type: 'Feature',
  properties: { id: 'EXPLAIN', name: '索引检查', method: 'mixed', mineralGroup: 'building_stone', damPoint: [110.7, 35.7], downstreamAzimuthDeg: 180 },
  geometry: { type: 'Polygon', coordinates: [[[110.7, 35.7], [110.71, 35.7], [110.71, 35.71], [110.7, 35.71], [110.7, 35.7]]] },
};

describe('rule queries use their spatial indexes', () => {
  const profiles = loadProfiles();
  for (const rule of registry.filter((r) => r.indexes.length > 0)) {
    for (const layer of rule.appliesTo) {
      it(`${rule.id} on ${layer}: check and audit`, async () => {
        const { rows: [feature] } = validateFeatures(layers[layer], [proposal]);
        const params = profiles.paramsFor(rule, 'national');
        for (const [mode, subjects] of [['check', proposedSubject(layer, feature)], ['audit', storedSubjects(layer)]] as const) {
          const text = await plan(rule.query({ subjects, params, withEvidence: mode === 'check' }) as SQL);
          const wanted = mode === 'audit' && rule.auditIndexes ? rule.auditIndexes(layer) : rule.indexes;
          for (const index of wanted) expect(text, `${mode} plan of ${rule.id} uses ${index}:\n${text}`).toContain(index);
        }
      });
    }
  }
});

describe('shared audit passes use their spatial indexes', () => {
  const profiles = loadProfiles();
  const members = registry.filter((r) => r.sharedAudit);
  const passes = new Set(members.map((r) => r.sharedAudit!.pass));
  for (const pass of passes) {
    it(`${pass.id}: all its rules together, each alone, and in parts`, async () => {
      const serves = members.filter((r) => r.sharedAudit!.pass === pass);
      expect(serves.length, `${pass.id} serves more than one rule`).toBeGreaterThan(1);
      const memberOf = (rule: (typeof serves)[number]) => sharedAuditMember(rule, profiles, 'national');
      const layer = serves[0].appliesTo[0];
      const queries = [
        pass.query({ subjects: storedSubjects(layer), members: serves.map(memberOf) }),
        ...serves.map((rule) => pass.query({ subjects: storedSubjects(layer), members: [memberOf(rule)] })),
        pass.query({ subjects: storedSubjects(layer), members: serves.map(memberOf), part: { index: 1, of: 2 } }),
      ];
      for (const query of queries) {
        const text = await plan(query);
        for (const index of pass.indexes) expect(text, `plan of ${pass.id} uses ${index}:\n${text}`).toContain(index);
      }
    });
  }
});

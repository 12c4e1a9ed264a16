import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { layers } from '../../layers/catalog.ts';
import { validateFeatures } from '../../layers/validate.ts';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import { openTestDb, type TestDb } from '../../../tests/support/db.ts';
import { proposedSubject } from '../subjects.ts';
import rule from './rule.ts';

describeRuleFixtures('tailings-closure');

/** Runs the rule's own query on the real database for one pond, with the given parameters. */
async function judge(db: TestDb, properties: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const feature = {
    type: 'Feature',
    properties: { id: 'TP-T', name: '测试尾矿库', operator: '测试选矿厂', finalElevationReached: false, ...properties },
    geometry: { type: 'Polygon', coordinates: [[[110.96, 35.75], [110.963, 35.75], [110.963, 35.753], [110.96, 35.753], [110.96, 35.75]]] },
  };
  const { rows: [row], problems } = validateFeatures(layers.tailings_ponds, [feature]);
  expect(problems).toEqual([]);
  const params = rule.params.parse(overrides);
  const found = await rows<Record<string, unknown>>(db.orm, rule.query({ subjects: proposedSubject('tailings_ponds', row), params, withEvidence: true }));
  return rule.evaluate(found, params);
}

describe('tailings-closure idle years (fixed asOfYear)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.destroy());

  it('exactly 3 years idle passes, 4 fails (compared strictly: idle > maxIdleYears)', async () => {
    const three = await judge(db, { status: 'idle', idleSince: 2022 }, { asOfYear: 2025 });
    expect([three.status, three.measured, three.threshold]).toEqual(['pass', 3, 3]);
    const four = await judge(db, { status: 'idle', idleSince: 2022 }, { asOfYear: 2026 });
    expect([four.status, four.measured]).toEqual(['fail', 4]);
    expect(four.details?.reasons).toEqual(['idle_too_long']);
  });

  it('counts to the database clock when asOfYear is null', async () => {
    const [{ year }] = await rows<{ year: number }>(db.orm, sql`SELECT EXTRACT(year FROM now())::int AS year`);
    const r = await judge(db, { status: 'idle', idleSince: year - 1 });
    expect([r.status, r.measured, r.details?.asOfYear]).toEqual(['pass', 1, year]);
  });

  it('lists every reason that applies', async () => {
    const r = await judge(db, { status: 'idle', idleSince: 2010, finalElevationReached: true, operator: '' }, { asOfYear: 2026 });
    expect(r.status).toBe('fail');
    expect(r.details?.reasons).toEqual(['final_elevation_reached', 'idle_too_long', 'no_operator']);
  });
});

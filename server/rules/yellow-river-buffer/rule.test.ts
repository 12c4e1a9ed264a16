import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../engine.ts';
import { loadProfiles } from '../profiles.ts';
import { describeRuleFixtures, loadScene, readScene, rulesFixturesDir, runScene } from '../../../tests/support/scenes.ts';
import { openTestDb, type TestDb } from '../../../tests/support/db.ts';

describeRuleFixtures('yellow-river-buffer');

const scene = (folder: 'pass' | 'fail' | 'warn', file: string) =>
  readScene(path.join(rulesFixturesDir, 'yellow-river-buffer', folder, file), folder);

describe('yellow-river-buffer results', () => {
  let db: TestDb;
  const profiles = loadProfiles();
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.destroy());

  it('shows the breached buffer and the gap, and says a centre line is farther than the bank', async () => {
    const f = await runScene(db.orm, profiles, 'yellow-river-buffer', scene('fail', 'pond-2999m-from-yellow-main-line.geojson'));
    expect(f.evidence.features.map((e) => e.properties?.kind).sort()).toEqual(['buffer', 'gap']);
    expect(f.threshold).toBe(3000);
    expect(f.message).toContain('中心线');
    expect(f.messageEn).toContain('centre line');
    expect((f.details?.rivers as { measuredTo: string }[])[0].measuredTo).toBe('centre_line');
  });

  it('measures a river polygon to its edge', async () => {
    const f = await runScene(db.orm, profiles, 'yellow-river-buffer', scene('fail', 'pond-2900m-from-river-polygon-edge.geojson'));
    expect((f.details?.rivers as { measuredTo: string }[])[0].measuredTo).toBe('polygon_edge');
    expect(f.messageEn).toContain('edge of the river polygon');
  });

  it('a pass still names the nearest protected river and its buffer', async () => {
    const f = await runScene(db.orm, profiles, 'yellow-river-buffer', scene('pass', 'pond-1001m-from-yellow-tributary-line.geojson'));
    expect([f.status, f.threshold]).toEqual(['pass', 1000]);
    expect(f.evidence.features.map((e) => e.properties?.kind)).toEqual(['gap']);
  });

  it('in an audit, stored ponds fail and stored mining rights warn', async () => {
    const pond = scene('fail', 'pond-2999m-from-yellow-main-line.geojson');
    const right = scene('warn', 'mining-right-multipolygon-2500m-from-yellow-main.geojson');
    await loadScene(db.orm, {
      ...pond,
      features: [...pond.features, { ...(pond.proposal.feature as object), layer: 'tailings_ponds' }, { ...(right.proposal.feature as object), layer: 'mining_rights' }],
    });
    const findings = await audit(db.orm, profiles, { rules: ['yellow-river-buffer'] });
    expect(findings.map((x) => [x.layer, x.id, x.status, x.measured])).toEqual([
      ['tailings_ponds', 'TP-2999', 'fail', 2999],
      ['mining_rights', 'MR-NEAR', 'warn', expect.closeTo(right.expect.measured!, 1)],
    ]);
  });
});

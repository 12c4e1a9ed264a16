/**
 * /api/checks, /api/rules and /api/audit over HTTP: request validation, the change-of-a-stored-right case, verdicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditFinding } from '../../server/rules/engine.ts';
import { loadProfiles } from '../../server/rules/profiles.ts';
import { openTestApp, type TestApp } from '../support/db.ts';

let t: TestApp;
const square = (lon: number, lat: number, d = 0.005) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const right = (id: string, lon: number, lat: number, d = 0.005) => ({
  type: 'Feature',
  properties: { id, name: `矿${id}`, method: 'underground', holder: `权利人${id}`, mineral: 'iron', mineralGroup: 'metal' },
  geometry: square(lon, lat, d),
});

beforeAll(async () => {
  t = await openTestApp();
  const stored = await t.call('POST', '/api/layers/mining_rights/features', {
    type: 'FeatureCollection',
    features: [right('S1', 110.6, 35.6), right('S2', 110.7, 35.6)],
  });
  expect(stored.status).toBe(201);
});
afterAll(async () => t?.db.destroy());

describe('POST /api/checks', () => {
  it('answers a verdict that is the worst status, with every rule present', async () => {
    const response = await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: right('P', 110.603, 35.603) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.verdict).toBe('fail');
    expect(body.results).toHaveLength(14);
    const overlap = body.results.find((r: { rule: string }) => r.rule === 'mining-right-overlap');
    expect(overlap).toMatchObject({ status: 'fail', unit: 'm²', threshold: 1, related: [{ layer: 'mining_rights', id: 'S1', name: '矿S1' }] });
    expect(overlap.measured).toBeGreaterThan(40000);
    expect(overlap.evidence.features[0].properties.kind).toBe('overlap');
    expect(overlap.basis).toContain('垂直投影');
    expect(overlap.messageEn).toMatch(/overlaps/);
  });

  it('treats a feature with a stored id as a change to it: the stored version is left out', async () => {
    const response = await t.call('POST', '/api/checks', {
      layer: 'mining_rights',
      feature: right('S1', 110.6, 35.6, 0.006),
      rules: ['mining-right-overlap', 'safety-pillar-50m'],
    });
    const body = await response.json();
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['pass', 'pass']);
    expect(body.verdict).toBe('pass');
  });

  it('runs only the rules asked for, and refuses an unknown rule id with 400', async () => {
    const only = await (await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: right('Q', 111, 36), rules: ['safety-pillar-50m'] })).json();
    expect(only.results.map((r: { rule: string }) => r.rule)).toEqual(['safety-pillar-50m']);
    const unknown = await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: right('Q', 111, 36), rules: ['no-such-rule'] });
    expect(unknown.status).toBe(400);
    const body = await unknown.json();
    expect(body.details[0]).toMatchObject({ field: 'rules.0' });
    expect(body.details[0].problem).toContain('no-such-rule');
  });

  it('refuses an invalid geometry with its reason and stores nothing', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[110, 35], [110.01, 35.01], [110.01, 35], [110, 35.01], [110, 35]]] };
    const response = await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: { ...right('BAD', 110, 35), geometry: bowtie } });
    expect(response.status).toBe(400);
    expect((await response.json()).details[0].problem).toMatch(/Self-intersection/i);
    expect((await t.call('GET', '/api/layers/mining_rights/features/BAD')).status).toBe(404);
  });

  it('refuses a wrong layer, an unknown profile and a missing feature', async () => {
    expect((await t.call('POST', '/api/checks', { layer: 'rivers', feature: right('X', 110, 35) })).status).toBe(400);
    expect((await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: right('X', 110, 35), profile: 'mars' })).status).toBe(400);
    expect((await t.call('POST', '/api/checks', { layer: 'mining_rights' })).status).toBe(400);
  });

  it('does not store the proposal', async () => {
    await t.call('POST', '/api/checks', { layer: 'mining_rights', feature: right('NOT-STORED', 112, 36) });
    expect((await t.call('GET', '/api/layers/mining_rights/features/NOT-STORED')).status).toBe(404);
  });
});

describe('GET /api/rules', () => {
  it('lists every rule with parameters, units, defaults and the values in force per profile', async () => {
    const rules = await (await t.call('GET', '/api/rules')).json();
    expect(rules).toHaveLength(14);
    const pillar = rules.find((r: { id: string }) => r.id === 'safety-pillar-50m');
    expect(pillar.title).toEqual({ zh: '50米保安矿柱', en: '50 m safety pillar' });
    expect(pillar.parameters).toEqual([
      expect.objectContaining({ name: 'pillarM', unit: 'm', default: 50, inForce: expect.objectContaining({ national: 50, shanxi: 50 }) }),
    ]);
    const scale = rules.find((r: { id: string }) => r.id === 'minimum-scale');
    expect(scale.parameters[0].inForce.shanxi.length).toBeGreaterThan(0);
  });
});

describe('POST /api/audit', () => {
  it('checks each stored feature against the others', async () => {
    await t.call('POST', '/api/layers/mining_rights/features', right('S3', 110.6045, 35.6045));
    const body = await (await t.call('POST', '/api/audit', { rules: ['mining-right-overlap'] })).json();
    const ids = body.findings.map((f: { id: string }) => f.id).sort();
    expect(ids).toEqual(['S1', 'S3']);
    expect(body.findings[0]).toMatchObject({ rule: 'mining-right-overlap', layer: 'mining_rights', status: 'fail', threshold: 1 });
  });

  it('answers what a live audit of everything stored answers, after each write', async () => {
    const live = async () => (await audit(t.db.orm, loadProfiles(), {})).filter((f) => f.status === 'fail' || f.status === 'warn');
    const answered = async () => ((await (await t.call('POST', '/api/audit', {})).json()) as { findings: AuditFinding[] }).findings;
    // JSON drops undefined fields; the stored findings say `details: null` where a live one has none.
    const plain = (list: AuditFinding[]) => list.map((f) => ({ ...f, details: f.details ?? null }));
    expect(plain(await answered())).toEqual(plain(JSON.parse(JSON.stringify(await live()))));
    // A right moved onto S2: the answer re-audits around the write before it reads.
    await t.call('POST', '/api/layers/mining_rights/features', right('S4', 110.702, 35.602));
    const after = await answered();
    expect(after.filter((f) => f.rule === 'mining-right-overlap').map((f) => f.id).sort()).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(plain(after)).toEqual(plain(JSON.parse(JSON.stringify(await live()))));
    expect((await t.call('DELETE', '/api/layers/mining_rights/features/S4')).status).toBe(200);
  });

  it('limits the audit to a bbox and refuses unknown fields', async () => {
    const body = await (await t.call('POST', '/api/audit', { rules: ['mining-right-overlap'], bbox: [110.65, 35.5, 110.8, 35.7] })).json();
    expect(body.findings).toEqual([]);
    expect((await t.call('POST', '/api/audit', { rulez: [] })).status).toBe(400);
  });
});

/**
 * /api/proposals against a real PostGIS: a proposal is kept, edited, checked (with its check history), moved through
 * its statuses, and copied into its layer only when approved — all-or-nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/client.ts';
import { openTestApp, type TestApp } from '../support/db.ts';

let t: TestApp;
const square = (lon: number, lat: number, d = 0.005) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const right = (props: Record<string, unknown>, lon = 110.603, lat = 35.603) => ({
  type: 'Feature',
  properties: { name: '拟设河津市金鑫铁矿', method: 'underground', holder: '河津市金鑫矿业有限公司', mineral: 'iron', mineralGroup: 'metal', ...props },
  geometry: square(lon, lat),
});

interface Proposal {
  id: string;
  layer: string;
  name: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  bbox: number[];
  layerFeatureId: string;
  latestCheck: { id: number; verdict: string; profile: string; checkedAt: string } | null;
  feature: { type: string; id: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } };
  properties: Record<string, unknown>;
  allowedTransitions: string[];
  checks: { id: number; verdict: string; profile: string; ruleVersions: Record<string, number>; result: { verdict: string; results: { rule: string }[] } }[];
  error?: string;
  details?: { field?: string; problem: string }[];
}

async function json(method: string, path: string, body?: unknown): Promise<{ status: number; body: Proposal }> {
  const response = await t.call(method, path, body);
  return { status: response.status, body: (await response.json()) as Proposal };
}
const create = (feature: unknown, layer = 'mining_rights', extra: Record<string, unknown> = {}) => json('POST', '/api/proposals', { layer, feature, ...extra });
const put = (id: string, body: unknown) => json('PUT', `/api/proposals/${id}`, body);

async function count(table: 'mining_rights' | 'tailings_ponds' | 'proposals' | 'proposal_checks'): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(t.db.orm, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return n;
}

beforeAll(async () => {
  t = await openTestApp();
  const stored = await t.call('POST', '/api/layers/mining_rights/features', {
    type: 'Feature',
    properties: { id: 'S1', name: '河津市龙门铁矿', method: 'underground', holder: '龙门矿业', mineral: 'iron' },
    geometry: square(110.6, 35.6),
  });
  expect(stored.status).toBe(201);
});
afterAll(async () => t?.db.destroy());

describe('POST /api/proposals', () => {
  it('keeps a draft proposal with a generated id, outside its layer', async () => {
    const { status, body } = await create(right({ capacityWanTpa: 30, elevationTop: 1250, elevationBottom: 980 }));
    expect(status).toBe(201);
    expect(body.id).toMatch(/^PR-\d{8}-[0-9a-f]{8}$/);
    expect(body).toMatchObject({ layer: 'mining_rights', name: '拟设河津市金鑫铁矿', status: 'draft', latestCheck: null, checks: [], layerFeatureId: body.id });
    expect(body.properties).toMatchObject({ capacityWanTpa: 30, method: 'underground' });
    expect(body.properties.name).toBeUndefined();
    const round = (g: { coordinates: number[][][] }) => g.coordinates.map((r) => r.map((c) => c.map((v) => Number(v.toFixed(9)))));
    expect(round(body.feature.geometry)).toEqual(round(square(110.603, 35.603)));
    expect(body.bbox.map((v) => Number(v.toFixed(6)))).toEqual([110.603, 35.603, 110.608, 35.608]);
    expect(body.allowedTransitions).toEqual(['under_review']);
    expect(await count('mining_rights')).toBe(1);
    expect((await t.call('GET', `/api/layers/mining_rights/features/${body.id}`)).status).toBe(404);
  });

  it('validates the feature by the layer catalog and PostGIS, and stores nothing when it is bad', async () => {
    const before = await count('proposals');
    const noName = await create({ ...right({}), properties: { method: 'underground' } });
    expect(noName.status).toBe(400);
    expect(noName.body.details![0]).toMatchObject({ field: 'properties.name' });
    const badMethod = await create(right({ method: 'dig' }));
    expect(badMethod.status).toBe(400);
    expect(badMethod.body.details![0]).toMatchObject({ field: 'properties.method' });
    const bowtie = { type: 'Polygon', coordinates: [[[110, 35], [110.01, 35.01], [110.01, 35], [110, 35.01], [110, 35]]] };
    const invalid = await create({ ...right({}), geometry: bowtie });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details![0].problem).toMatch(/Self-intersection/i);
    const line = await create({ ...right({}), geometry: { type: 'LineString', coordinates: [[110, 35], [110.1, 35.1]] } });
    expect(line.status).toBe(400);
    expect((await create(right({}), 'rivers')).status).toBe(400);
    expect((await create(right({}), 'mining_rights', { status: 'approved' })).status).toBe(400);
    expect(await count('proposals')).toBe(before);
  });
});

describe('checks on a proposal', () => {
  it('runs the rules, stores the result with profile and rule versions, and lists it as the latest verdict', async () => {
    const { body: p } = await create(right({}));
    const response = await t.call('POST', `/api/proposals/${p.id}/checks`);
    expect(response.status).toBe(201);
    const stored = await response.json();
    expect(stored).toMatchObject({ proposalId: p.id, verdict: 'fail', profile: 'national' });
    expect(stored.ruleVersions['mining-right-overlap']).toBeGreaterThan(0);
    expect(stored.result.verdict).toBe('fail');
    const overlap = stored.result.results.find((r: { rule: string }) => r.rule === 'mining-right-overlap');
    expect(overlap).toMatchObject({ status: 'fail', related: [{ layer: 'mining_rights', id: 'S1' }] });

    const only = await (await t.call('POST', `/api/proposals/${p.id}/checks`, { rules: ['safety-pillar-50m'] })).json();
    expect(only.result.results.map((r: { rule: string }) => r.rule)).toEqual(['safety-pillar-50m']);
    expect(Object.keys(only.ruleVersions)).toEqual(['safety-pillar-50m']);

    const { body } = await json('GET', `/api/proposals/${p.id}`);
    expect(body.checks.map((c) => c.id)).toEqual([only.id, stored.id]);
    expect(body.latestCheck).toMatchObject({ id: only.id, verdict: 'fail' });

    const list = (await (await t.call('GET', '/api/proposals')).json()) as Proposal[];
    expect(list.find((x) => x.id === p.id)!.latestCheck!.id).toBe(only.id);

    expect((await t.call('POST', `/api/proposals/${p.id}/checks`, { rules: ['no-such-rule'] })).status).toBe(400);
    expect((await t.call('POST', `/api/proposals/${p.id}/checks`, { profile: 'mars' })).status).toBe(400);
    expect((await t.call('POST', '/api/proposals/PR-NONE/checks')).status).toBe(404);
  });
});

describe('GET /api/proposals', () => {
  it('lists newest first and filters by layer and status', async () => {
    const { body: older } = await create(right({ name: '较早方案' }, 110.9, 35.9));
    const { body: newer } = await create({ type: 'Feature', properties: { name: '拟建尾矿库', grade: 4, damHeightM: 40 }, geometry: square(110.95, 35.95) }, 'tailings_ponds');
    const all = (await (await t.call('GET', '/api/proposals')).json()) as Proposal[];
    const ids = all.map((x) => x.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(all.every((x, i) => i === 0 || all[i - 1].createdAt >= x.createdAt)).toBe(true);
    const ponds = (await (await t.call('GET', '/api/proposals?layer=tailings_ponds')).json()) as Proposal[];
    expect(ponds.map((x) => x.id)).toEqual([newer.id]);
    expect((await t.call('GET', '/api/proposals?status=maybe')).status).toBe(400);
    expect((await t.call('GET', '/api/proposals/PR-NONE')).status).toBe(404);
  });
});

describe('PUT /api/proposals/:id: edits and status', () => {
  it('edits a draft: feature, name and properties', async () => {
    const { body: p } = await create(right({}));
    const moved = await put(p.id, { feature: right({ name: '金鑫铁矿（调整后）', capacityWanTpa: 40 }, 110.62, 35.62) });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: '金鑫铁矿（调整后）', status: 'draft' });
    expect(moved.body.properties.capacityWanTpa).toBe(40);
    expect(moved.body.feature.geometry.coordinates[0][0]).toEqual([110.62, 35.62]);
    expect(moved.body.updatedAt >= p.updatedAt).toBe(true);

    const renamed = await put(p.id, { name: '金鑫铁矿', properties: { method: 'open_pit', capacityWanTpa: 50 } });
    expect(renamed.body).toMatchObject({ name: '金鑫铁矿', properties: { method: 'open_pit', capacityWanTpa: 50 } });
    expect(renamed.body.properties.holder).toBeUndefined(); // properties are replaced, not merged

    const bad = await put(p.id, { properties: { capacityWanTpa: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details![0]).toMatchObject({ field: 'properties.capacityWanTpa' });
    expect((await json('GET', `/api/proposals/${p.id}`)).body.properties.capacityWanTpa).toBe(50);
    expect((await put(p.id, {})).status).toBe(400);
    expect((await put('PR-NONE', { name: 'x' })).status).toBe(404);
  });

  it('follows draft → under_review → rejected → draft → under_review → approved, refusing other moves', async () => {
    const { body: p } = await create(right({ id: 'C1408002025017130099001' }, 110.8, 35.8));
    expect((await put(p.id, { status: 'approved' })).status).toBe(400);
    expect((await put(p.id, { status: 'rejected' })).status).toBe(400);

    const review = await put(p.id, { status: 'under_review' });
    expect(review.body).toMatchObject({ status: 'under_review', allowedTransitions: ['approved', 'rejected', 'draft'] });
    const locked = await put(p.id, { name: '改名' });
    expect(locked.status).toBe(409);

    expect((await put(p.id, { status: 'rejected' })).body.status).toBe('rejected');
    expect((await put(p.id, { status: 'under_review' })).status).toBe(400);
    // Back to draft and edited in one request.
    const reopened = await put(p.id, { status: 'draft', name: '金鑫铁矿（重新申报）' });
    expect(reopened.body).toMatchObject({ status: 'draft', name: '金鑫铁矿（重新申报）' });
    expect((await put(p.id, { status: 'under_review' })).body.status).toBe('under_review');

    const before = await count('mining_rights');
    const approved = await put(p.id, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', allowedTransitions: [], layerFeatureId: 'C1408002025017130099001' });
    expect(await count('mining_rights')).toBe(before + 1);
    const feature = await (await t.call('GET', '/api/layers/mining_rights/features/C1408002025017130099001')).json();
    expect(feature.properties).toMatchObject({ name: '金鑫铁矿（重新申报）', method: 'underground', holder: '河津市金鑫矿业有限公司', proposalId: p.id });

    expect((await put(p.id, { status: 'draft' })).status).toBe(400);
    expect((await put(p.id, { name: 'x' })).status).toBe(409);
    expect((await t.call('DELETE', `/api/proposals/${p.id}`)).status).toBe(409);
  });

  it('approves into tailings_ponds under the proposal id when the feature has none', async () => {
    const { body: p } = await create({ type: 'Feature', properties: { name: '拟建西沟尾矿库', grade: 4, damHeightM: 38, damPoint: [111.0, 36.0] }, geometry: square(111, 36) }, 'tailings_ponds', { status: 'under_review' });
    expect(p.status).toBe('under_review');
    expect((await put(p.id, { status: 'approved' })).status).toBe(200);
    const pond = await (await t.call('GET', `/api/layers/tailings_ponds/features/${p.id}`)).json();
    expect(pond.properties).toMatchObject({ name: '拟建西沟尾矿库', grade: 4, damPoint: [111, 36] });
  });

  it('changes nothing when the approved feature’s id is already in its layer (409)', async () => {
    const { body: p } = await create(right({ id: 'S1', name: '龙门铁矿扩界' }, 110.6, 35.6), 'mining_rights', { status: 'under_review' });
    const before = await count('mining_rights');
    const clash = await put(p.id, { status: 'approved' });
    expect(clash.status).toBe(409);
    expect(clash.body.details![0]).toMatchObject({ id: 'S1', field: 'id' });
    expect(await count('mining_rights')).toBe(before);
    expect((await json('GET', `/api/proposals/${p.id}`)).body.status).toBe('under_review');
    const s1 = await (await t.call('GET', '/api/layers/mining_rights/features/S1')).json();
    expect(s1.properties.name).toBe('河津市龙门铁矿');
  });
});

describe('DELETE /api/proposals/:id', () => {
  it('deletes a draft with its checks, and refuses other statuses with 409', async () => {
    const { body: p } = await create(right({}, 111.2, 36.2));
    await t.call('POST', `/api/proposals/${p.id}/checks`, { rules: ['mining-right-overlap'] });
    const [{ n }] = await rows<{ n: number }>(t.db.orm, sql`SELECT count(*)::int AS n FROM proposal_checks WHERE proposal_id = ${p.id}`);
    expect(n).toBe(1);
    const deleted = await t.call('DELETE', `/api/proposals/${p.id}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: 1, id: p.id });
    expect((await t.call('GET', `/api/proposals/${p.id}`)).status).toBe(404);
    const [{ left }] = await rows<{ left: number }>(t.db.orm, sql`SELECT count(*)::int AS left FROM proposal_checks WHERE proposal_id = ${p.id}`);
    expect(left).toBe(0);

    const { body: reviewed } = await create(right({}, 111.3, 36.3), 'mining_rights', { status: 'under_review' });
    const refused = await t.call('DELETE', `/api/proposals/${reviewed.id}`);
    expect(refused.status).toBe(409);
    expect((await t.call('GET', `/api/proposals/${reviewed.id}`)).status).toBe(200);
    expect((await t.call('DELETE', '/api/proposals/PR-NONE')).status).toBe(404);
  });
});

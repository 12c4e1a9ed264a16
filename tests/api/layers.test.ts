/**
 * The layers API against a real PostGIS (embedded or server): every route, and every kind of bad input, each with a
 * check that nothing from the failed request was stored.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/client.ts';
import { openTestApp, type TestApp } from '../support/db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t?.db.destroy());

const square = (lon: number, lat: number, d = 0.005) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

function right(id: string, lon = 110.6, lat = 35.6, extra: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    properties: { id, name: `测试矿${id}`, method: 'underground', holder: '测试矿业有限公司', capacityWanTpa: 12.5, ...extra },
    geometry: square(lon, lat),
  };
}

async function count(layer = 'mining_rights'): Promise<number> {
  const layers = (await (await t.call('GET', '/api/layers')).json()) as { layer: string; count: number }[];
  return layers.find((l) => l.layer === layer)!.count;
}

interface ErrorBody {
  error: string;
  details: { feature?: number; id?: string; field?: string; problem: string }[];
}

/** Posts a body that must be refused with `status`, and checks the layer is unchanged. */
async function refused(body: unknown, status: number, layer = 'mining_rights'): Promise<ErrorBody> {
  const before = await count(layer === 'nowhere' ? 'mining_rights' : layer);
  const response = await t.call('POST', `/api/layers/${layer}/features`, body);
  expect(response.status).toBe(status);
  const json = (await response.json()) as ErrorBody;
  expect(typeof json.error).toBe('string');
  expect(Array.isArray(json.details)).toBe(true);
  expect(await count(layer === 'nowhere' ? 'mining_rights' : layer)).toBe(before);
  return json;
}

describe('health and layer list', () => {
  it('reports the database and PostGIS version', async () => {
    const body = await (await t.call('GET', '/api/health')).json();
    expect(body.ok).toBe(true);
    expect(['pglite', 'postgres']).toContain(body.db);
    expect(body.postgis).toMatch(/^3\.\d+/);
  });

  it('lists all nine contract layers with counts, bboxes and field labels', async () => {
    const body = (await (await t.call('GET', '/api/layers')).json()) as { layer: string; count: number; bbox: unknown; fields: { prop: string; label: { zh: string } }[] }[];
    expect(body.map((l) => l.layer).sort()).toEqual(
      ['admin_areas', 'hazard_zones', 'mining_rights', 'ore_bodies', 'restricted_zones', 'ridge_lines', 'rivers', 'settlements', 'tailings_ponds'],
    );
    const rights = body.find((l) => l.layer === 'mining_rights')!;
    expect(rights.fields.find((f) => f.prop === 'holder')!.label.zh).toBe('采矿权人');
  });
});

describe('features: write, read, delete', () => {
  it('inserts a FeatureCollection and reads it back by id and by bbox', async () => {
    const response = await t.call('POST', '/api/layers/mining_rights/features', {
      type: 'FeatureCollection',
      features: [right('API-1'), right('API-2', 110.7, 35.7, { licenseNo: 'C1408002009127130012345', custom: { note: 'kept' } })],
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ inserted: 2, ids: ['API-1', 'API-2'] });

    const one = await (await t.call('GET', '/api/layers/mining_rights/features/API-2')).json();
    expect(one.properties).toMatchObject({ id: 'API-2', name: '测试矿API-2', licenseNo: 'C1408002009127130012345', capacityWanTpa: 12.5, custom: { note: 'kept' } });
    expect(one.geometry.type).toBe('Polygon');

    const inBox = await (await t.call('GET', '/api/layers/mining_rights?bbox=110.59,35.59,110.61,35.61')).json();
    expect(inBox.features.map((f: { id: string }) => f.id)).toEqual(['API-1']);
    const everything = await (await t.call('GET', '/api/layers/mining_rights')).json();
    expect(everything.features.length).toBe(2);
  });

  it('accepts a single Feature with an EPSG:4490 crs and a tailings pond dam point', async () => {
    const response = await t.call('POST', '/api/layers/tailings_ponds/features', {
      type: 'Feature',
      crs: { type: 'name', properties: { name: 'EPSG:4490' } },
      properties: { id: 'TP-API', name: '测试尾矿库', grade: 4, damPoint: [110.8025, 35.8], downstreamAzimuthDeg: 180, oneTimeDam: true },
      geometry: square(110.8, 35.8),
    });
    expect(response.status).toBe(201);
    const pond = await (await t.call('GET', '/api/layers/tailings_ponds/features/TP-API')).json();
    expect(pond.properties.damPoint).toEqual([110.8025, 35.8]);
    expect(pond.properties.oneTimeDam).toBe(true);
  });

  it('keeps an admin area\'s optional English name (nameEn, a typed column) and answers without it when absent', async () => {
    const area = (id: string, extra: Record<string, unknown>) => ({
      type: 'Feature',
      properties: { id, name: '樊村镇', code: '140882101', level: 'town', parentCode: '140882', ...extra },
      geometry: square(110.9, 35.9),
    });
    const response = await t.call('POST', '/api/layers/admin_areas/features', { type: 'FeatureCollection', features: [area('AD-API-1', { nameEn: 'Fancun Town' }), area('AD-API-2', {})] });
    expect(response.status).toBe(201);
    const named = await (await t.call('GET', '/api/layers/admin_areas/features/AD-API-1')).json();
    expect(named.properties).toMatchObject({ name: '樊村镇', nameEn: 'Fancun Town', level: 'town' });
    const unnamed = await (await t.call('GET', '/api/layers/admin_areas/features/AD-API-2')).json();
    expect(unnamed.properties).not.toHaveProperty('nameEn');
    const [{ n }] = await rows<{ n: number }>(t.db.orm, sql`SELECT count(*)::int AS n FROM admin_areas WHERE name_en = 'Fancun Town' AND NOT props ? 'nameEn'`);
    expect(n).toBe(1);
    const summary = ((await (await t.call('GET', '/api/layers')).json()) as { layer: string; fields: { prop: string; label: { en: string } }[] }[]).find((l) => l.layer === 'admin_areas')!;
    expect(summary.fields.find((f) => f.prop === 'nameEn')?.label.en).toBe('English name');
    const bad = await refused({ type: 'FeatureCollection', features: [area('AD-API-3', { nameEn: '' })] }, 400, 'admin_areas');
    expect(bad.details.map((d) => d.field)).toEqual(['properties.nameEn']);
  });

  it('deletes a feature, then answers 404 for it', async () => {
    expect((await t.call('DELETE', '/api/layers/mining_rights/features/API-1')).status).toBe(200);
    expect((await t.call('GET', '/api/layers/mining_rights/features/API-1')).status).toBe(404);
    expect((await t.call('DELETE', '/api/layers/mining_rights/features/API-1')).status).toBe(404);
  });
});

describe('bad input: 400 naming the feature and field, nothing stored', () => {
  it('wrong geometry type', async () => {
    const body = await refused({ type: 'Feature', properties: { id: 'P1', name: '点' }, geometry: { type: 'Point', coordinates: [110, 35] } }, 400);
    expect(body.details[0]).toMatchObject({ feature: 0, id: 'P1', field: 'geometry.type' });
  });

  it('open ring', async () => {
    const body = await refused(
      { type: 'Feature', properties: { id: 'OPEN', name: '未闭合' }, geometry: { type: 'Polygon', coordinates: [[[110, 35], [110.01, 35], [110.01, 35.01], [110, 35.01]]] } },
      400,
    );
    expect(body.details[0]).toMatchObject({ feature: 0, id: 'OPEN', field: 'geometry.coordinates[0]' });
    expect(body.details[0].problem).toMatch(/not closed/);
  });

  it('self-intersection, with PostGIS giving the reason and place', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[110, 35], [110.01, 35.01], [110.01, 35], [110, 35.01], [110, 35]]] };
    const body = await refused({ type: 'FeatureCollection', features: [right('OK-1'), { ...right('BOW'), geometry: bowtie }] }, 400);
    expect(body.details).toHaveLength(1);
    expect(body.details[0]).toMatchObject({ feature: 1, id: 'BOW', field: 'geometry' });
    expect(body.details[0].problem).toMatch(/Self-intersection/i);
    expect((await t.call('GET', '/api/layers/mining_rights/features/OK-1')).status).toBe(404);
  });

  it('coordinates outside the longitude/latitude range (projected coordinates pasted by mistake)', async () => {
    const body = await refused({ ...right('PROJ'), geometry: square(37512345.67, 3931234.5, 100) }, 400);
    expect(body.details[0]).toMatchObject({ feature: 0, id: 'PROJ' });
    expect(body.details[0].problem).toMatch(/out of longitude\/latitude range/);
  });

  it('missing id and missing name', async () => {
    const noId = await refused({ type: 'Feature', properties: { name: '无编号' }, geometry: square(110, 35) }, 400);
    expect(noId.details[0]).toMatchObject({ feature: 0, field: 'properties.id' });
    const noName = await refused({ type: 'Feature', properties: { id: 'NONAME' }, geometry: square(110, 35) }, 400);
    expect(noName.details[0]).toMatchObject({ feature: 0, id: 'NONAME', field: 'properties.name' });
  });

  it('wrong property type and unknown enum value', async () => {
    const body = await refused(right('TYPE', 110, 35, { capacityWanTpa: '30万吨', method: 'drilling' }), 400);
    const fields = body.details.map((d) => d.field).sort();
    expect(fields).toEqual(['properties.capacityWanTpa', 'properties.method']);
  });

  it('unknown layer', async () => {
    const body = await refused(right('X'), 400, 'nowhere');
    expect(body.error).toMatch(/unknown layer/);
  });

  it('not GeoJSON, malformed JSON, unsupported crs', async () => {
    await refused({ hello: 'world' }, 400);
    await refused('{"type": "Feature", ', 400);
    const crs = await refused({ ...right('CRS'), crs: { type: 'name', properties: { name: 'EPSG:3857' } } }, 400);
    expect(crs.details[0].field).toBe('crs');
  });

  it('duplicate ids: 409 against stored features, 400 within one request', async () => {
    expect((await t.call('POST', '/api/layers/mining_rights/features', right('DUP'))).status).toBe(201);
    const stored = await refused({ type: 'FeatureCollection', features: [right('NEW-1'), right('DUP')] }, 409);
    expect(stored.details).toEqual([{ feature: 1, id: 'DUP', field: 'id', problem: 'id already exists' }]);
    expect((await t.call('GET', '/api/layers/mining_rights/features/NEW-1')).status).toBe(404);
    const twice = await refused({ type: 'FeatureCollection', features: [right('TWICE'), right('TWICE')] }, 400);
    expect(twice.details[0]).toMatchObject({ feature: 1, id: 'TWICE', field: 'id' });
  });

  it('bbox must be four numbers in range', async () => {
    expect((await t.call('GET', '/api/layers/mining_rights?bbox=1,2,3')).status).toBe(400);
    expect((await t.call('GET', '/api/layers/mining_rights?bbox=120,40,110,35')).status).toBe(400);
  });
});

describe('body size limit', () => {
  it('answers 413 above the documented limit and stores nothing', async () => {
    const small = await openTestApp({ MAX_BODY_BYTES: '2000' });
    try {
      const features = Array.from({ length: 40 }, (_, i) => right(`BIG-${i}`, 110 + i * 0.01, 35));
      const response = await small.call('POST', '/api/layers/mining_rights/features', { type: 'FeatureCollection', features });
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch(/too large/);
      const list = (await (await small.call('GET', '/api/layers')).json()) as { layer: string; count: number }[];
      expect(list.find((l) => l.layer === 'mining_rights')!.count).toBe(0);
    } finally {
      await small.db.destroy();
    }
  });
});

describe('big layers: pages and density', () => {
  // Seven rights: five in the south-west of the box, two in the north-east. The server's default page is 3 features.
  const box = [110, 35, 111, 36];
  const positions: [string, number, number][] = [
    ['P-1', 110.05, 35.05],
    ['P-2', 110.1, 35.05],
    ['P-3', 110.15, 35.1],
    ['P-4', 110.05, 35.12],
    ['P-5', 110.12, 35.15],
    ['P-6', 110.9, 35.9],
    ['P-7', 110.8, 35.85],
  ];
  let paged: TestApp;
  beforeAll(async () => {
    paged = await openTestApp({ LAYER_FEATURE_LIMIT: '3' });
    const features = positions.map(([id, lon, lat]) => right(id, lon, lat));
    // One right reaches out of the box's south-west corner: it touches the box, so it counts, in the corner cell.
    features.push(right('P-EDGE', 109.998, 34.998));
    expect((await paged.call('POST', '/api/layers/mining_rights/features', { type: 'FeatureCollection', features })).status).toBe(201);
  });
  afterAll(async () => paged?.db.destroy());

  interface Page {
    features: { id: string }[];
    numberReturned: number;
    truncated: boolean;
    next?: string;
  }
  const page = async (query: string) => (await (await paged.call('GET', `/api/layers/mining_rights?${query}`)).json()) as Page;

  it('tells clients the default page size', async () => {
    const list = (await (await paged.call('GET', '/api/layers')).json()) as { layer: string; featureLimit: number }[];
    expect(list.find((l) => l.layer === 'mining_rights')!.featureLimit).toBe(3);
  });

  it('answers at most the default page, says it is truncated, and pages on in id order with `after`', async () => {
    const ids: string[] = [];
    let query = '';
    const pages: Page[] = [];
    for (;;) {
      const p = await page(query);
      pages.push(p);
      expect(p.numberReturned).toBe(p.features.length);
      ids.push(...p.features.map((f) => f.id));
      if (!p.truncated) break;
      expect(p.next).toBe(p.features.at(-1)!.id);
      query = `after=${p.next}`;
    }
    expect(pages.map((p) => p.numberReturned)).toEqual([3, 3, 2]);
    expect(pages.at(-1)!.next).toBeUndefined();
    expect(ids).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6', 'P-7', 'P-EDGE']);
  });

  it('pages within a bbox, and a `limit` overrides the default', async () => {
    const northEast = await page('bbox=110.5,35.5,111,36');
    expect(northEast).toMatchObject({ numberReturned: 2, truncated: false });
    const five = await page(`bbox=${box.join(',')}&limit=5`);
    expect(five.features.map((f) => f.id)).toEqual(['P-1', 'P-2', 'P-3', 'P-4', 'P-5']);
    expect(five).toMatchObject({ truncated: true, next: 'P-5' });
    const rest = await page(`bbox=${box.join(',')}&limit=5&after=P-5`);
    expect(rest.features.map((f) => f.id)).toEqual(['P-6', 'P-7', 'P-EDGE']);
    expect(rest.truncated).toBe(false);
  });

  it('refuses a limit that is not a positive integer up to 50,000', async () => {
    for (const limit of ['0', '-1', '2.5', 'all', '50001']) {
      const response = await paged.call('GET', `/api/layers/mining_rights?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect((await response.json()).details[0].field).toBe('limit');
    }
  });

  it('counts features per grid cell, each feature once, in the cell of its centre', async () => {
    const response = await paged.call('GET', `/api/layers/mining_rights/density?bbox=${box.join(',')}&columns=4`);
    expect(response.status).toBe(200);
    const density = (await response.json()) as { total: number; columns: number; rows: number; cellSize: [number, number]; cells: [number, number, number][] };
    // 0.25° wide; as tall as wide on a Web Mercator map at 35.5°N: 0.25 × cos 35.5° = 0.2035°, so 5 rows cover 1°.
    expect(density.cellSize[0]).toBeCloseTo(0.25, 9);
    expect(density.cellSize[1]).toBeCloseTo(0.25 * Math.cos((35.5 * Math.PI) / 180), 9);
    expect(density).toMatchObject({ columns: 4, rows: 5, total: 8 });
    // P-1…P-5 and P-EDGE (centre outside the box, clamped to the corner) in the south-west cell; P-6 and P-7 in the
    // north-east one (P-7's centre 110.8025, 35.8525 is in row 4: 35 + 4 × 0.2035 = 35.814).
    expect(density.cells).toEqual([
      [0, 0, 6],
      [3, 4, 2],
    ]);
  });

  it('refuses a density without a bbox or with a bad column count', async () => {
    for (const query of ['', 'bbox=110,35,111,36&columns=0', 'bbox=110,35,111,36&columns=500']) {
      expect((await paged.call('GET', `/api/layers/mining_rights/density?${query}`)).status, query).toBe(400);
    }
    expect((await paged.call('GET', '/api/layers/nowhere/density?bbox=110,35,111,36')).status).toBe(400);
  });
});

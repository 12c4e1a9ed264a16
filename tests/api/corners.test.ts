/**
 * POST /api/corners/parse against a real PostGIS: licence tables made from a known polygon near Hejin 河津 by PostGIS
 * itself (ST_Transform, rounded to 0.01 m as licences print them), read back and compared; a 度分秒 table, a 6° table,
 * several blocks, a bad line and a self-intersecting ring.
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

/** A made-up licence outline near Hejin (110.7°E 35.6°N): 3° zone 37, central meridian 111°E. */
const HEJIN: [number, number][] = [
  [110.7, 35.6],
  [110.7121, 35.6012],
  [110.7153, 35.6081],
  [110.7062, 35.6119],
  [110.6981, 35.6068],
];

interface Corner {
  no: string;
  x: number;
  y: number;
  lon: number;
  lat: number;
  line: number;
  ring: number;
}
interface Body {
  polygon: { type: string; coordinates: number[][][] | number[][][][] };
  points: Corner[];
  system: { kind: string; epsg: number; zone: number | null; centralMeridian: number | null; zonePrefix: boolean };
  areaM2: number;
  rings: { ring: number; role: string; areaM2: number }[];
  notes: { line: number | null; code: string; message: string; messageEn: string }[];
  error?: string;
  details?: { line?: number; field: string; problem: string }[];
}

/** X (northing) and Y (easting) of lon/lat corners in `srid`, by PostGIS, rounded to 0.01 m. */
async function project(corners: [number, number][], srid: number): Promise<{ x: number; y: number }[]> {
  const found = await rows<{ x: number; y: number }>(
    t.db.orm,
    sql`SELECT round(ST_Y(g)::numeric, 2)::float8 AS x, round(ST_X(g)::numeric, 2)::float8 AS y
        FROM (SELECT ord, ST_Transform(ST_SetSRID(ST_MakePoint((c->>0)::float8, (c->>1)::float8), 4326), ${srid}::int) AS g
              FROM jsonb_array_elements(${JSON.stringify(corners)}::jsonb) WITH ORDINALITY AS t(c, ord)) p
        ORDER BY ord`,
  );
  return found.map((r) => ({ x: Number(r.x), y: Number(r.y) }));
}

/** Ground distance in metres between two lon/lat points, on the spheroid. */
async function metres(a: [number, number], b: [number, number]): Promise<number> {
  const [{ d }] = await rows<{ d: number }>(
    t.db.orm,
    sql`SELECT ST_Distance(ST_SetSRID(ST_MakePoint(${a[0]}::float8, ${a[1]}::float8), 4326)::geography,
                           ST_SetSRID(ST_MakePoint(${b[0]}::float8, ${b[1]}::float8), 4326)::geography) AS d`,
  );
  return Number(d);
}

async function parse(text: string, system?: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const response = await t.call('POST', '/api/corners/parse', system ? { text, system } : { text });
  return { status: response.status, body: (await response.json()) as Body };
}

async function licenceTable(srid: number, header = '采矿许可证 矿区范围拐点坐标（2000国家大地坐标系）'): Promise<string> {
  const xy = await project(HEJIN, srid);
  return [header, '点号\tX坐标\tY坐标', ...xy.map((p, i) => `${i + 1}\t${p.x.toFixed(2)}\t${p.y.toFixed(2)}`), '开采深度：由1250米至980米标高'].join('\n');
}

const sexagesimal = (degrees: number) => {
  const totalSeconds = Math.round(degrees * 3600 * 1000) / 1000;
  const d = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds - d * 3600) / 60);
  const s = totalSeconds - d * 3600 - m * 60;
  return `${d}°${String(m).padStart(2, '0')}′${s.toFixed(3).padStart(6, '0')}″`;
};

describe('POST /api/corners/parse: Gauss–Krüger licence tables', () => {
  it('reads a 3° table with the zone prefix (EPSG:4525) back to the polygon within 0.05 m', async () => {
    const table = await licenceTable(4525);
    const { status, body } = await parse(table);
    expect(status).toBe(200);
    expect(body.system).toMatchObject({ kind: 'gk3', epsg: 4525, zone: 37, centralMeridian: 111, zonePrefix: true });
    expect(body.polygon.type).toBe('Polygon');
    expect(body.points).toHaveLength(5);
    expect(body.points[0]).toMatchObject({ no: '1', line: 3, ring: 1 });
    for (const [i, p] of body.points.entries()) {
      expect(await metres([p.lon, p.lat], HEJIN[i])).toBeLessThan(0.05);
    }
    // The table's own X/Y, through lon/lat and back (PostGIS both ways), within 0.05 m.
    const back = await project(body.points.map((p) => [p.lon, p.lat]), 4525);
    for (const [i, p] of body.points.entries()) {
      expect(Math.hypot(back[i].x - p.x, back[i].y - p.y)).toBeLessThan(0.05);
    }
    const ring = (body.polygon.coordinates as number[][][])[0];
    expect(ring).toHaveLength(6);
    expect(ring[0]).toEqual(ring[5]);
    const [{ area }] = await rows<{ area: number }>(
      t.db.orm,
      sql`SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'Polygon', coordinates: [[...HEJIN, HEJIN[0]]] })}), 4326)::geography) AS area`,
    );
    expect(Math.abs(body.areaM2 - Number(area)) / Number(area)).toBeLessThan(1e-4);
    expect(body.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['elevation-ignored', 'auto-closed', 'detected']));
    expect(body.notes.find((n) => n.code === 'elevation-ignored')!.line).toBe(8);
  });

  it('reads the same table without the prefix (EPSG:4546) with a central meridian, and asks for one without', async () => {
    const table = await licenceTable(4546, '点号 X Y');
    const missing = await parse(table);
    expect(missing.status).toBe(400);
    expect(missing.body.details![0]).toMatchObject({ field: 'system.zone' });

    const { status, body } = await parse(table, { kind: 'gk3', centralMeridian: 111 });
    expect(status).toBe(200);
    expect(body.system).toMatchObject({ kind: 'gk3', epsg: 4546, zone: 37, zonePrefix: false });
    for (const [i, p] of body.points.entries()) expect(await metres([p.lon, p.lat], HEJIN[i])).toBeLessThan(0.05);
  });

  it('reads a 6° table (zone 19 prefix, EPSG:4497)', async () => {
    const table = await licenceTable(4497, '拐点坐标（CGCS2000，6度带）');
    const { status, body } = await parse(table);
    expect(status).toBe(200);
    expect(body.system).toMatchObject({ kind: 'gk6', epsg: 4497, zone: 19, centralMeridian: 111 });
    expect(body.points[0].y).toBeGreaterThan(19_000_000);
    for (const [i, p] of body.points.entries()) expect(await metres([p.lon, p.lat], HEJIN[i])).toBeLessThan(0.05);
  });

  it('reads two blocks separated by an exchange-format `*` line into a MultiPolygon', async () => {
    const a = await project(HEJIN, 4525);
    const b = await project(HEJIN.map(([lon, lat]) => [lon + 0.03, lat]), 4525);
    const lines = (xy: { x: number; y: number }[]) => xy.map((p, i) => `${i + 1},${p.x.toFixed(2)},${p.y.toFixed(2)}`);
    const { status, body } = await parse([...lines(a), '*,1250,980,0,1', ...lines(b), '*,1100,900,0,1'].join('\n'));
    expect(status).toBe(200);
    expect(body.polygon.type).toBe('MultiPolygon');
    expect(body.rings.map((r) => r.role)).toEqual(['outer', 'outer']);
    expect(body.areaM2).toBeCloseTo(body.rings[0].areaM2 + body.rings[1].areaM2, 0);
    expect(body.points.map((p) => p.ring)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('reads a ring inside another as a hole (扣除区)', async () => {
    const outer = await project([[110.69, 35.59], [110.73, 35.59], [110.73, 35.62], [110.69, 35.62]], 4525);
    const inner = await project(HEJIN, 4525);
    const lines = (xy: { x: number; y: number }[]) => xy.map((p, i) => `${i + 1} ${p.x.toFixed(2)} ${p.y.toFixed(2)}`);
    const { status, body } = await parse([...lines(outer), '', ...lines(inner)].join('\n'));
    expect(status).toBe(200);
    expect(body.polygon.type).toBe('Polygon');
    expect(body.polygon.coordinates).toHaveLength(2);
    expect(body.rings.map((r) => r.role)).toEqual(['outer', 'hole']);
    expect(body.areaM2).toBeCloseTo(body.rings[0].areaM2 - body.rings[1].areaM2, 0);
    expect(body.notes.map((n) => n.code)).toContain('hole');
  });
});

describe('POST /api/corners/parse: longitude/latitude tables', () => {
  it('reads a 度分秒 table (seconds to 3 decimals, as 自然资源部 prints them) within 0.05 m', async () => {
    const table = ['拐点编号 纬度 经度', ...HEJIN.map(([lon, lat], i) => `${i + 1}  ${sexagesimal(lat)}  ${sexagesimal(lon)}`)].join('\n');
    const { status, body } = await parse(table);
    expect(status).toBe(200);
    expect(body.system).toMatchObject({ kind: 'lonlat', epsg: 4490, zone: null });
    for (const [i, p] of body.points.entries()) expect(await metres([p.lon, p.lat], HEJIN[i])).toBeLessThan(0.05);
  });

  it('reads packed 度分秒 when the request says lonlat', async () => {
    const packed = (deg: number) => sexagesimal(deg).replace(/[°′″]/g, '');
    const { status, body } = await parse(HEJIN.map(([lon, lat], i) => `${i + 1},${packed(lat)},${packed(lon)}`).join('\n'), { kind: 'lonlat' });
    expect(status).toBe(200);
    for (const [i, p] of body.points.entries()) expect(await metres([p.lon, p.lat], HEJIN[i])).toBeLessThan(0.05);
  });
});

describe('POST /api/corners/parse: refusals', () => {
  it('names a bad line with its number and column', async () => {
    const lines = (await licenceTable(4525)).split('\n');
    lines[4] = lines[4].replace(/\t(\d{3})/, '\t$1x'); // line 5: 3 3941xxx → a typo in X
    const { status, body } = await parse(lines.join('\n'));
    expect(status).toBe(400);
    expect(body.error).toMatch(/1 line/);
    expect(body.details).toEqual([expect.objectContaining({ line: 5, field: 'x' })]);
  });

  it('refuses a self-intersecting ring with PostGIS’s reason and where it is', async () => {
    const xy = await project(HEJIN, 4525);
    [xy[1], xy[2]] = [xy[2], xy[1]];
    const { status, body } = await parse(xy.map((p, i) => `${i + 1} ${p.x.toFixed(2)} ${p.y.toFixed(2)}`).join('\n'));
    expect(status).toBe(400);
    expect(body.details![0]).toMatchObject({ line: 1, field: 'ring' });
    expect(body.details![0].problem).toMatch(/Self-intersection/i);
    expect(body.details![0].problem).toMatch(/near X = 39\d{5}\.\d\d, Y = 37\d{6}\.\d\d/);
  });

  it('refuses fewer than 3 points, overlapping blocks, and a request without text', async () => {
    const xy = await project(HEJIN, 4525);
    const lines = xy.map((p, i) => `${i + 1} ${p.x.toFixed(2)} ${p.y.toFixed(2)}`);
    const few = await parse(lines.slice(0, 2).join('\n'));
    expect(few.status).toBe(400);
    expect(few.body.details![0].problem).toMatch(/at least 3/);

    const shifted = await project(HEJIN.map(([lon, lat]) => [lon + 0.004, lat]), 4525);
    const overlap = await parse([...lines, '', ...shifted.map((p, i) => `${i + 1} ${p.x.toFixed(2)} ${p.y.toFixed(2)}`)].join('\n'));
    expect(overlap.status).toBe(400);
    expect(overlap.body.details![0].problem).toMatch(/overlap/);

    expect((await t.call('POST', '/api/corners/parse', {})).status).toBe(400);
    expect((await t.call('POST', '/api/corners/parse', { text: lines.join('\n'), system: { kind: 'gk9' } })).status).toBe(400);
  });
});

import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { loadProfiles } from '../profiles.ts';
import { describeRuleFixtures, readScene, rulesFixturesDir, runScene } from '../../../tests/support/scenes.ts';
import { openTestDb, type TestDb } from '../../../tests/support/db.ts';
import { azimuthSector } from './flow-path.ts';

describeRuleFixtures('head-top-tailings');

const scene = (folder: 'pass' | 'fail' | 'warn', file: string) =>
  readScene(path.join(rulesFixturesDir, 'head-top-tailings', folder, file), folder);

describe('head-top-tailings results', () => {
  let db: TestDb;
  const profiles = loadProfiles();
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.destroy());

  it('the azimuth sector is a true 1000 m, ±30° sector on the spheroid', async () => {
    const sector = azimuthSector.corridor(sql`ST_SetSRID(ST_MakePoint(110.52, 35.48), 4326)`, sql`150::float8`, { reachM: 1000, halfAngleDeg: 30 });
    const [r] = await rows<{ far: number; near: number; area: number; n: number }>(db.orm, sql`
      SELECT max(ST_Distance(d.geom::geography, 'SRID=4326;POINT(110.52 35.48)'::geography)) AS far,
             min(ST_Distance(d.geom::geography, 'SRID=4326;POINT(110.52 35.48)'::geography)) AS near,
             ST_Area(c.shape::geography) AS area, ST_NPoints(c.shape) AS n
      FROM (SELECT ${sector} AS shape) c, ST_DumpPoints(c.shape) d GROUP BY c.shape`);
    expect(r.far).toBeCloseTo(1000, 2);
    expect(r.near).toBe(0);
    // π·R²·60/360 = 523,599 m²; the 1° chords take off ~27 m².
    expect(Math.abs(r.area - (Math.PI * 1000 ** 2) / 6)).toBeLessThan(60);
    expect(r.n).toBe(63);
  });

  it('reports the method, the exposed population and the settlements hit, with the corridor as evidence', async () => {
    const f = await runScene(db.orm, profiles, 'head-top-tailings', scene('fail', 'multipolygon-village-and-school-in-sector.geojson'));
    expect(f.details).toMatchObject({ method: 'azimuth-sector', population: 1280 });
    expect((f.details?.settlements as { id: string }[]).map((s) => s.id)).toEqual(['ST-MULTI', 'ST-SCHOOL']);
    expect(f.evidence.features.map((e) => e.properties?.kind)).toEqual(['corridor', 'hit', 'hit']);
  });

  it('a pass still shows the corridor it looked in', async () => {
    const f = await runScene(db.orm, profiles, 'head-top-tailings', scene('pass', 'village-1010m-on-axis.geojson'));
    expect(f.evidence.features.map((e) => e.properties?.kind)).toEqual(['corridor']);
    expect(f.details).toMatchObject({ method: 'azimuth-sector', population: 0 });
  });

  it('a missing input is named in the warning', async () => {
    const noAzimuth = await runScene(db.orm, profiles, 'head-top-tailings', scene('warn', 'missing-downstream-azimuth.geojson'));
    expect(noAzimuth.messageEn).toContain('downstreamAzimuthDeg');
    expect(noAzimuth.message).toContain('downstreamAzimuthDeg');
    const noDam = await runScene(db.orm, profiles, 'head-top-tailings', scene('warn', 'missing-dam-point.geojson'));
    expect(noDam.messageEn).toContain('damPoint');
    expect(noDam.messageEn).not.toContain('downstreamAzimuthDeg');
  });
});

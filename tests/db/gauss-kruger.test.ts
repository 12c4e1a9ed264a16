/**
 * The mine-gap rules measure in the subject's local Gauss–Krüger zone (server/rules/gauss-kruger.ts). Their gaps must
 * agree with the spheroid within the contract's 0.5 % — here within 0.01 % on short-edged squares, where the straight
 * zone edge and the great-circle edge are the same line to a millimetre — across a zone (its centre and its borders),
 * straddling a border, far north, and outside China's zones (the spheroid itself).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/client.ts';
import { gaussKrugerZone } from '../../server/rules/gauss-kruger.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db?.destroy());

/** A ~200 m square with its south-west corner at (lon, lat). */
function square(lon: number, lat: number): string {
  const d = 0.002;
  return `POLYGON((${lon} ${lat},${lon + d} ${lat},${lon + d} ${lat + d},${lon} ${lat + d},${lon} ${lat}))`;
}

/** The zone gap (as mine-gaps.ts measures it) and the spheroid gap between two shapes. */
async function gaps(a: string, b: string): Promise<{ srid: number | null; zone: number; spheroid: number }> {
  const [row] = await rows<{ srid: number | null; zone: number; spheroid: number }>(
    db.orm,
    sql`SELECT z.srid,
               CASE WHEN z.srid IS NULL THEN ST_Distance(a::geography, b::geography)
                    ELSE ST_Distance(ST_Transform(a, z.srid), ST_Transform(b, z.srid)) / z.k END AS zone,
               ST_Distance(a::geography, b::geography) AS spheroid
        FROM (SELECT ST_GeomFromText(${a}, 4326) AS a, ST_GeomFromText(${b}, 4326) AS b) g
        CROSS JOIN LATERAL (${gaussKrugerZone(sql`g.a`)}) z`,
  );
  return row;
}

describe('Gauss–Krüger zone gaps', () => {
  const cases: [string, number, number, number | null][] = [
    ['on the central meridian 111°E', 111.0, 35.5, 4546],
    ['1.4° east of it, near the 112.5°E border', 112.39, 35.5, 4546],
    ['just east of the border, in the 114°E zone', 112.51, 35.5, 4547],
    ['far north (Heilongjiang, 126°E, 50°N)', 127.39, 50.0, 4551],
    ['outside China’s zones (10°E): the spheroid', 10.0, 45.0, null],
  ];
  for (const [where, lon, lat, srid] of cases) {
    it(`agrees with the spheroid ${where}`, async () => {
      // The neighbour 150 m east and 80 m north of the subject's far corner.
      const g = await gaps(square(lon, lat), square(lon + 0.004, lat + 0.0027));
      expect(g.srid).toBe(srid);
      expect(Math.abs(g.zone - g.spheroid) / g.spheroid).toBeLessThan(1e-4);
    });
  }

  it('measures a pair straddling a zone border in the subject’s zone', async () => {
    const g = await gaps(square(112.4995, 35.5), square(112.5035, 35.5));
    expect(g.srid).toBe(4547);
    expect(Math.abs(g.zone - g.spheroid)).toBeLessThan(0.01);
  });
});

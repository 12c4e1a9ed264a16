import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkRows, rows, rowsInOneStatement } from '../../server/db/client.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => db?.destroy());

describe('rows()', () => {
  it('passes an empty result that describes its columns', async () => {
    expect(await rows(db.orm, sql`SELECT 1 AS one WHERE false`)).toEqual([]);
  });

  it('never passes a GEOS error off as an empty result', async () => {
    // A self-intersecting polygon makes GEOS throw a TopologyException. The server reports it as an error; PGlite's
    // PostGIS build cannot catch C++ exceptions, and PGlite answers no rows, no columns and no error
    // (docs/benchmarks.md, "PGlite drops a result"). Either way rows() must throw, not answer [].
    const bowtie = sql`'POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))'::geometry`;
    const error = await rows(db.orm, sql`SELECT ST_Union(${bowtie}, 'POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))'::geometry) AS u`).then(
      () => undefined,
      (e: Error) => e,
    );
    // drizzle wraps the server's error ("Failed query: …") and keeps it as the cause.
    expect(`${error?.message} ${(error?.cause as Error | undefined)?.message}`).toMatch(/TopologyException|incomplete result/);
  });
});

describe('bulkRows() and rowsInOneStatement()', () => {
  it('gives the rows rows() gives, value for value, on either database', async () => {
    const query = sql`SELECT id, 'naïve 采矿权 "q"' || id AS name, id * 0.1::float8 AS x, id::int AS n, id % 2 = 0 AS even,
                             NULLIF(id, 2)::float8 AS gap, json_build_object('type', 'Point', 'coordinates', json_build_array(id, 35.5)) AS evidence
                      FROM generate_series(1, 3) AS id`;
    const none = sql`SELECT 1 AS one WHERE false`;
    expect(await bulkRows(db.orm, query)).toEqual(await rows(db.orm, query));
    expect(await bulkRows(db.orm, none)).toEqual([]);
    expect(await rowsInOneStatement(db.orm, [query, none, query])).toEqual([await rows(db.orm, query), [], await rows(db.orm, query)]);
  });

  it('never passes a GEOS error off as an empty result', async () => {
    const bowtie = sql`'POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))'::geometry`;
    await expect(bulkRows(db.orm, sql`SELECT ST_Union(${bowtie}, 'POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))'::geometry) AS u`)).rejects.toThrow();
  });
});

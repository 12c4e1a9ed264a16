/**
 * Reading and writing layer features. Writes are all-or-nothing: one transaction per request.
 */
import { eq, getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { rows, type Executor, type Orm } from '../db/client.ts';
import { ApiError, type ErrorDetail } from '../http/errors.ts';
import { layerIds, layers, type LayerDef, type LayerId } from './catalog.ts';
import type { FeatureRow } from './validate.ts';

export type BBox = [number, number, number, number];

/** A bbox as an EPSG:4326 polygon, every coordinate a bound parameter. */
export function envelopeOf(b: BBox): SQL {
  return sql`ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)`;
}

const INSERT_CHUNK = 500;

/** Rows whose geometry PostGIS finds invalid, with its reason (self-intersection at …, ring self-touch, …). */
export async function invalidGeometries(db: Executor, geometries: Geometry[]): Promise<{ index: number; reason: string }[]> {
  if (geometries.length === 0) return [];
  return rows(
    db,
    sql`SELECT (t.ord - 1)::int AS index, ST_IsValidReason(ST_GeomFromGeoJSON(t.g)) AS reason
        FROM jsonb_array_elements(${JSON.stringify(geometries)}::jsonb) WITH ORDINALITY AS t(g, ord)
        WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(t.g))`,
  );
}

export async function insertFeatures(orm: Orm, layer: LayerDef, features: FeatureRow[]): Promise<string[]> {
  const table = layer.table;
  const idColumn = getTableColumns(table).id;
  return orm.transaction(async (tx) => {
    const invalid = await invalidGeometries(tx, features.map((f) => f.geometry));
    if (invalid.length) {
      throw new ApiError(
        400,
        `invalid geometry in ${invalid.length} feature(s)`,
        invalid.map(({ index, reason }): ErrorDetail => ({
          feature: features[index].index,
          id: features[index].id,
          field: 'geometry',
          problem: `invalid geometry: ${reason}`,
        })),
      );
    }
    const ids = features.map((f) => f.id);
    const existing = await tx
      .select({ id: idColumn })
      .from(table)
      .where(sql`${idColumn} IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
    if (existing.length) {
      const taken = new Set(existing.map((r) => r.id as string));
      throw new ApiError(
        409,
        `${taken.size} id(s) already exist in ${layer.id}`,
        features.filter((f) => taken.has(f.id)).map((f) => ({ feature: f.index, id: f.id, field: 'id', problem: 'id already exists' })),
      );
    }
    for (let i = 0; i < features.length; i += INSERT_CHUNK) {
      const values = features.slice(i, i + INSERT_CHUNK).map((f) => ({
        id: f.id,
        name: f.name,
        props: f.props,
        geom: f.geometry,
        ...f.columns,
      }));
      await tx.insert(table).values(values as never);
    }
    return ids;
  });
}

/** Columns to read for a layer: typed fields, props, and the geometry as GeoJSON. */
function selection(layer: LayerDef): Record<string, SQL | ReturnType<typeof getTableColumns>[string]> {
  const columns = getTableColumns(layer.table);
  const select: Record<string, SQL | (typeof columns)[string]> = {
    id: columns.id,
    name: columns.name,
    props: columns.props,
    geometry: sql`ST_AsGeoJSON(${columns.geom}, 7)::json`,
  };
  for (const field of layer.fields) {
    select[field.column] = field.point ? sql`ST_AsGeoJSON(${columns[field.column]}, 7)::json` : columns[field.column];
  }
  return select;
}

function toFeature(layer: LayerDef, row: Record<string, unknown>): Feature {
  const properties: Record<string, unknown> = { id: row.id, name: row.name, ...(row.props as object) };
  for (const field of layer.fields) {
    const value = row[field.column];
    if (value === null || value === undefined) continue;
    properties[field.prop] = field.point ? (value as { coordinates: number[] }).coordinates : value;
  }
  return { type: 'Feature', id: row.id as string, properties, geometry: row.geometry as Geometry };
}

export async function featuresInBbox(orm: Orm, layer: LayerDef, bbox?: BBox): Promise<FeatureCollection> {
  const columns = getTableColumns(layer.table);
  const query = orm.select(selection(layer) as never).from(layer.table);
  const found = (await (bbox
    ? query.where(sql`${columns.geom} && ${envelopeOf(bbox)}`)
    : query)) as Record<string, unknown>[];
  return { type: 'FeatureCollection', features: found.map((r) => toFeature(layer, r)) };
}

export async function getFeature(orm: Orm, layer: LayerDef, id: string): Promise<Feature | undefined> {
  const columns = getTableColumns(layer.table);
  const [row] = (await orm
    .select(selection(layer) as never)
    .from(layer.table)
    .where(eq(columns.id, id))) as Record<string, unknown>[];
  return row && toFeature(layer, row);
}

export async function deleteFeature(orm: Orm, layer: LayerDef, id: string): Promise<boolean> {
  const columns = getTableColumns(layer.table);
  const deleted = await orm.delete(layer.table).where(eq(columns.id, id)).returning({ id: columns.id });
  return deleted.length > 0;
}

export interface LayerSummary {
  layer: LayerId;
  count: number;
  bbox: BBox | null;
}

/** From this many rows (planner estimate) a layer's extent comes from its statistics, not from reading every shape. */
const ESTIMATE_EXTENT_FROM_ROWS = 200_000;

export async function summarizeLayers(orm: Orm): Promise<LayerSummary[]> {
  return Promise.all(
    layerIds.map(async (id) => {
      const table = layers[id].table;
      const columns = getTableColumns(table);
      const name = getTableName(table);
      // ST_Extent reads every geometry (0.5 s at 1M rights, on every page load); ANALYZE's estimate is as good for
      // framing the map. Small tables, and tables never analysed (NULL estimate), get the exact extent.
      const [row] = await rows<{ count: number; w: number | null; s: number; e: number; n: number }>(
        orm,
        sql`WITH big AS (SELECT reltuples >= ${ESTIMATE_EXTENT_FROM_ROWS} AS yes FROM pg_class WHERE oid = ${name}::regclass),
            estimated AS (SELECT CASE WHEN (SELECT yes FROM big) THEN ST_EstimatedExtent(${name}, 'geom')::geometry END AS x)
            SELECT (SELECT count(*)::int FROM ${table}) AS count, ST_XMin(b.x) AS w, ST_YMin(b.x) AS s, ST_XMax(b.x) AS e, ST_YMax(b.x) AS n
            FROM (SELECT coalesce((SELECT x FROM estimated), (SELECT ST_Extent(${columns.geom})::geometry FROM ${table})) AS x) b`,
      );
      return { layer: id, count: row.count, bbox: row.w === null ? null : [row.w, row.s, row.e, row.n] };
    }),
  );
}

/**
 * Reading and writing layer features. Writes are all-or-nothing: one transaction per request.
 */
import { and, eq, getTableColumns, gt, getTableName, sql, type SQL } from 'drizzle-orm';
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

/**
 * One page of a layer's features: a GeoJSON FeatureCollection with three foreign members (RFC 7946 §6.1), as OGC API
 * Features names them: how many came back, whether more match, and the cursor that asks for the rest.
 */
export interface FeaturePage extends FeatureCollection {
  numberReturned: number;
  /** More features match than were returned. */
  truncated: boolean;
  /** Pass as `after` for the next page (the last id returned), when truncated. */
  next?: string;
}

export interface PageRequest {
  bbox?: BBox;
  /** At most this many features. */
  limit: number;
  /** Only ids after this one (pages come in id order). */
  after?: string;
}

export async function featuresInBbox(orm: Orm, layer: LayerDef, { bbox, limit, after }: PageRequest): Promise<FeaturePage> {
  const columns = getTableColumns(layer.table);
  const where = and(bbox ? sql`${columns.geom} && ${envelopeOf(bbox)}` : undefined, after === undefined ? undefined : gt(columns.id, after));
  // One more than asked: its presence is what says the page is truncated, without counting every match.
  const found = (await orm
    .select(selection(layer) as never)
    .from(layer.table)
    .where(where)
    .orderBy(columns.id)
    .limit(limit + 1)) as Record<string, unknown>[];
  const truncated = found.length > limit;
  const features = found.slice(0, limit).map((r) => toFeature(layer, r));
  return {
    type: 'FeatureCollection',
    features,
    numberReturned: features.length,
    truncated,
    ...(truncated ? { next: String(features[features.length - 1].id) } : {}),
  };
}

/**
 * How many features lie in each cell of a grid over a box: what the map draws where a layer has too many features in
 * view to send one by one. `columns` cells across; the rows are as tall as the cells are wide on a Web Mercator map at
 * the box's middle latitude, so the cells look square. A feature counts in the cell of its bounding box's centre
 * (clamped to the grid, so every feature touching the box counts once).
 */
export interface Density {
  bbox: BBox;
  /** Cell width and height in degrees. */
  cellSize: [number, number];
  columns: number;
  rows: number;
  /** Features touching the box. */
  total: number;
  /** Non-empty cells: [column from the west, row from the south, features]. */
  cells: [number, number, number][];
}

export async function densityInBbox(db: Executor, layer: LayerDef, bbox: BBox, columns: number): Promise<Density> {
  const [w, s, e, n] = bbox;
  const width = Math.max(e - w, 1e-9) / columns;
  const height = width * Math.cos((((s + n) / 2) * Math.PI) / 180);
  const rowCount = Math.max(1, Math.ceil((n - s) / height));
  const geom = getTableColumns(layer.table).geom;
  const cell = (low: SQL, high: SQL, origin: number, size: number, count: number) =>
    sql`LEAST(GREATEST(floor(((${low} + ${high}) / 2 - ${origin}::float8) / ${size}::float8), 0), ${count - 1})::int`;
  const counted = await rows<{ col: number; row: number; count: number }>(
    db,
    sql`SELECT ${cell(sql`ST_XMin(f.box)`, sql`ST_XMax(f.box)`, w, width, columns)} AS col,
               ${cell(sql`ST_YMin(f.box)`, sql`ST_YMax(f.box)`, s, height, rowCount)} AS row,
               count(*)::int AS count
        FROM (SELECT Box2D(${geom}) AS box FROM ${layer.table} WHERE ${geom} && ${envelopeOf(bbox)}) AS f
        GROUP BY 1, 2
        ORDER BY 2, 1`,
  );
  return {
    bbox,
    cellSize: [width, height],
    columns,
    rows: rowCount,
    total: counted.reduce((sum, c) => sum + c.count, 0),
    cells: counted.map((c) => [c.col, c.row, c.count]),
  };
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

/**
 * Turns a GeoJSON Feature / FeatureCollection from a request into rows for a layer, or a list of problems naming the
 * feature (index and id) and the field. Pure: the database's own validity test (ST_IsValid) runs later, in store.ts.
 */
import { z } from 'zod';
import type { Geometry } from 'geojson';
import type { ErrorDetail } from '../http/errors.ts';
import type { LayerDef } from './catalog.ts';

export interface FeatureRow {
  index: number;
  id: string;
  name: string;
  geometry: Geometry;
  /** Typed columns by drizzle column key. */
  columns: Record<string, unknown>;
  /** Everything else from `properties`. */
  props: Record<string, unknown>;
}

/** CRS names accepted on input: CGCS2000 (EPSG:4490) is within centimetres of WGS84 at map scale. */
const acceptedCrs = /^(urn:ogc:def:crs:(OGC:1\.3:CRS84|EPSG::(4326|4490))|EPSG:(4326|4490))$/;

const featureShape = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.object({ type: z.string() }).passthrough(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

const bodyShape = z.union([
  featureShape.passthrough(),
  z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).passthrough(),
]);

export function crsProblem(body: unknown): string | undefined {
  const crs = (body as { crs?: { properties?: { name?: unknown } } } | null)?.crs;
  if (!crs) return undefined;
  const name = crs.properties?.name;
  if (typeof name === 'string' && acceptedCrs.test(name)) return undefined;
  return `unsupported crs ${JSON.stringify(name ?? crs)}: give longitude/latitude in EPSG:4326 or EPSG:4490`;
}

/** Splits a request body into its features; a body that is neither a Feature nor a FeatureCollection is a problem. */
export function featuresOf(body: unknown): { features: unknown[]; problems: ErrorDetail[] } {
  const parsed = bodyShape.safeParse(body);
  if (!parsed.success) {
    return { features: [], problems: [{ problem: 'body must be a GeoJSON Feature or FeatureCollection' }] };
  }
  const crs = crsProblem(body);
  if (crs) return { features: [], problems: [{ field: 'crs', problem: crs }] };
  const value = parsed.data as { type: string; features?: unknown[] };
  return { features: value.type === 'FeatureCollection' ? value.features! : [value], problems: [] };
}

export function validateFeatures(layer: LayerDef, features: unknown[]): { rows: FeatureRow[]; problems: ErrorDetail[] } {
  const rows: FeatureRow[] = [];
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  features.forEach((raw, index) => {
    const result = validateFeature(layer, raw, index);
    if ('problems' in result) {
      problems.push(...result.problems);
      return;
    }
    const first = seen.get(result.row.id);
    if (first !== undefined) {
      problems.push({ feature: index, id: result.row.id, field: 'id', problem: `duplicate id: feature ${first} has the same id` });
      return;
    }
    seen.set(result.row.id, index);
    rows.push(result.row);
  });
  return { rows, problems };
}

function validateFeature(layer: LayerDef, raw: unknown, index: number): { row: FeatureRow } | { problems: ErrorDetail[] } {
  const shape = featureShape.safeParse(raw);
  const rawId = (raw as { properties?: { id?: unknown }; id?: unknown } | null)?.properties?.id ?? (raw as { id?: unknown } | null)?.id;
  const idForMessages = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const at = { feature: index, id: idForMessages };
  if (!shape.success) {
    return {
      problems: shape.error.issues.map((i) => ({ ...at, field: i.path.join('.') || undefined, problem: i.message })),
    };
  }
  const feature = shape.data;
  const properties = { ...(feature.properties ?? {}) };
  const problems: ErrorDetail[] = [];

  const id = properties.id ?? feature.id;
  if (typeof id !== 'string' || id.trim() === '') {
    problems.push({ ...at, field: 'properties.id', problem: 'id is required and must be a non-empty string' });
  }
  const name = properties.name;
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push({ ...at, field: 'properties.name', problem: 'name is required and must be a non-empty string' });
  }
  delete properties.id;
  delete properties.name;

  const geometry = feature.geometry as unknown as Geometry;
  if (!layer.geometryTypes.includes(geometry.type)) {
    problems.push({
      ...at,
      field: 'geometry.type',
      problem: `${geometry.type} is not allowed in ${layer.id}; expected ${layer.geometryTypes.join(' or ')}`,
    });
  } else {
    problems.push(...geometryProblems(geometry).map((p) => ({ ...at, ...p })));
  }

  const columns: Record<string, unknown> = {};
  for (const field of layer.fields) {
    const value = properties[field.prop];
    delete properties[field.prop];
    if (value === undefined || value === null) continue;
    const checked = field.schema.safeParse(value);
    if (!checked.success) {
      problems.push({
        ...at,
        field: `properties.${field.prop}`,
        problem: `${checked.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(value)})`,
      });
      continue;
    }
    columns[field.column] = field.point ? { type: 'Point', coordinates: checked.data } : checked.data;
  }
  if (problems.length) return { problems };
  return { row: { index, id: id as string, name: name as string, geometry, columns, props: properties } };
}

type Position = number[];

/** Structural checks that GeoJSON itself requires; topology (self-intersection…) is left to PostGIS. */
export function geometryProblems(geometry: Geometry): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const position = (p: unknown, field: string) => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      problems.push({ field, problem: `not a position [longitude, latitude]: ${JSON.stringify(p)}` });
      return;
    }
    const [lon, lat] = p as Position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      problems.push({ field, problem: `coordinates out of longitude/latitude range: [${lon}, ${lat}] (projected coordinates? give lon/lat in EPSG:4326 or 4490)` });
    }
  };
  const line = (l: unknown, field: string, min: number) => {
    if (!Array.isArray(l) || l.length < min) {
      problems.push({ field, problem: `needs at least ${min} positions` });
      return false;
    }
    l.forEach((p, i) => position(p, `${field}[${i}]`));
    return true;
  };
  const ring = (r: unknown, field: string) => {
    if (!line(r, field, 4)) return;
    const pts = r as Position[];
    const [a, b] = [pts[0], pts[pts.length - 1]];
    if (Array.isArray(a) && Array.isArray(b) && (a[0] !== b[0] || a[1] !== b[1])) {
      problems.push({ field, problem: 'ring is not closed: its first and last positions differ' });
    }
  };
  const polygon = (rings: unknown, field: string) => {
    if (!Array.isArray(rings) || rings.length === 0) {
      problems.push({ field, problem: 'a polygon needs at least one ring' });
      return;
    }
    rings.forEach((r, i) => ring(r, `${field}[${i}]`));
  };
  const list = (value: unknown, field: string, each: (v: unknown, f: string) => void) => {
    if (!Array.isArray(value) || value.length === 0) problems.push({ field, problem: 'must be a non-empty array' });
    else value.forEach((v, i) => each(v, `${field}[${i}]`));
  };
  const c = (geometry as { coordinates?: unknown }).coordinates;
  const f = 'geometry.coordinates';
  switch (geometry.type) {
    case 'Point':
      position(c, f);
      break;
    case 'LineString':
      line(c, f, 2);
      break;
    case 'MultiLineString':
      list(c, f, (v, fld) => line(v, fld, 2));
      break;
    case 'Polygon':
      polygon(c, f);
      break;
    case 'MultiPolygon':
      list(c, f, polygon);
      break;
    default:
      problems.push({ field: 'geometry.type', problem: `unsupported geometry type ${geometry.type}` });
  }
  return problems;
}

/**
 * The relation of subjects a rule query runs over: one proposed feature (check) or the stored features (audit).
 * Both have the same columns: layer, id, name, geom, geog and the layer's typed columns under their database names.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import { layers } from '../layers/catalog.ts';
import type { FeatureRow } from '../layers/validate.ts';
import { envelopeOf, type BBox } from '../layers/store.ts';
import type { SubjectLayer } from './types.ts';

function typedColumns(layer: SubjectLayer): { key: string; column: PgColumn }[] {
  const columns = getTableColumns(layers[layer].table) as Record<string, PgColumn>;
  return layers[layer].fields.map((f) => ({ key: f.column, column: columns[f.column] }));
}

/** One proposed feature as a one-row relation; every value is a bound parameter. */
export function proposedSubject(layer: SubjectLayer, feature: FeatureRow): SQL {
  const parts: SQL[] = [
    sql`${layer}::text AS layer`,
    sql`${feature.id}::text AS id`,
    sql`${feature.name}::text AS name`,
    sql`g.geom AS geom`,
    sql`g.geom::geography AS geog`,
  ];
  for (const { key, column } of typedColumns(layer)) {
    const value = feature.columns[key];
    // The cast names a column type from our own schema (never user input), so the parameter has the stored type.
    const type = sql.raw(column.getSQLType());
    parts.push(
      column.getSQLType().startsWith('geometry')
        ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${value === undefined ? null : JSON.stringify(value as Geometry)}::text), 4326)::${type} AS ${sql.identifier(column.name)}`
        : sql`${value ?? null}::${type} AS ${sql.identifier(column.name)}`,
    );
  }
  // OFFSET 0: the geometry is parsed once, not again wherever a rule's query reads the subject's geometry.
  return sql`SELECT ${sql.join(parts, sql`, `)}
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(feature.geometry)}::text), 4326) AS geom OFFSET 0) g`;
}

/**
 * Whether stored subject row `t` answers to a box: its geometry's box meets it, or for a tailings pond its dam point
 * (where its 头顶库 corridor starts). The one test for a regional audit, its profiles and the findings refresh.
 */
export function subjectInBox(layer: SubjectLayer, t: SQL, b: BBox): SQL {
  const box = envelopeOf(b);
  return layer === 'tailings_ponds' ? sql`(${t}.geom && ${box} OR ${t}.dam_point && ${box})` : sql`${t}.geom && ${box}`;
}

export interface StoredSubjectFilter {
  bbox?: BBox;
  /** Only these ids (used when subjects of one layer fall under different rule profiles). */
  ids?: string[];
}

/** The stored features of a layer as subjects. */
export function storedSubjects(layer: SubjectLayer, filter: StoredSubjectFilter = {}): SQL {
  const table = layers[layer].table;
  const names = [sql`${layer}::text AS layer`, sql`t.id`, sql`t.name`, sql`t.geom`, sql`t.geog`, ...typedColumns(layer).map(({ column }) => sql`t.${sql.identifier(column.name)}`)];
  // Closed rights and delisted (销号) ponds are no longer sites: the audit neither judges them nor counts them as
  // neighbours (docs/rules.md "Statuses").
  const where: SQL[] = [layer === 'mining_rights' ? sql`t.status IS DISTINCT FROM 'closed'` : sql`t.status IS DISTINCT FROM 'delisted'`];
  if (filter.bbox) where.push(subjectInBox(layer, sql`t`, filter.bbox));
  const join = filter.ids ? sql`JOIN jsonb_array_elements_text(${JSON.stringify(filter.ids)}::jsonb) AS wanted(id) ON wanted.id = t.id` : sql``;
  return sql`SELECT ${sql.join(names, sql`, `)} FROM ${table} t ${join}
    WHERE ${sql.join(where, sql` AND `)}`;
}

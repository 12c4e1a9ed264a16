/**
 * /api/layers: the contract layers (CONTRACT.md "Layers"), plus field metadata for people (labels, units, values).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import { isLayerId, layerIds, layers, type LayerDef } from '../layers/catalog.ts';
import { deleteFeature, densityInBbox, featuresInBbox, getFeature, insertFeatures, summarizeLayers, type BBox } from '../layers/store.ts';
import { featuresOf, validateFeatures } from '../layers/validate.ts';
import type { Deps } from './deps.ts';
import { bboxParam } from '../http/params.ts';

const layerParam = z.object({ layer: z.string() });
const featureParam = z.object({ layer: z.string(), id: z.string().min(1) });
/** A page asks for at most this many features, whatever the server's default. */
const MAX_PAGE_FEATURES = 50_000;

function pageQuery(defaultLimit: number) {
  return z.object({
    bbox: bboxParam.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(Math.max(MAX_PAGE_FEATURES, defaultLimit))
      .optional(),
    after: z.string().min(1).optional(),
  });
}

const densityQuery = z.object({
  bbox: bboxParam,
  /** Cells across the box. */
  columns: z.coerce.number().int().min(1).max(128).default(32),
});

/** Any JSON object; the layer-specific checks (validate.ts) name the feature and field of each problem. */
const geojsonBody = z.object({ type: z.enum(['Feature', 'FeatureCollection']) }).passthrough();

function layerOf(name: string): LayerDef {
  if (!isLayerId(name)) {
    throw new ApiError(400, `unknown layer "${name}"`, [{ field: 'layer', problem: `expected one of ${layerIds.join(', ')}` }]);
  }
  return layers[name];
}

export function layersRoutes({ config, db }: Deps) {
  return new Hono()
    .get('/', async (c) => {
      const summaries = await summarizeLayers(db.orm);
      return c.json(
        summaries.map((s) => {
          const def = layers[s.layer];
          return {
            ...s,
            title: def.title,
            geometryTypes: def.geometryTypes,
            fields: def.fields.map(({ prop, label, unit, values }) => ({ prop, label, unit, values })),
            /** A page without `limit` holds at most this many features (the map switches to density above it). */
            featureLimit: config.layerFeatureLimit,
          };
        }),
      );
    })
    .get('/:layer', validate('param', layerParam), validate('query', pageQuery(config.layerFeatureLimit)), async (c) => {
      const layer = layerOf(c.req.valid('param').layer);
      const { bbox, limit, after } = c.req.valid('query');
      return c.json(await featuresInBbox(db.orm, layer, { bbox: bbox as BBox | undefined, limit: limit ?? config.layerFeatureLimit, after }));
    })
    .get('/:layer/density', validate('param', layerParam), validate('query', densityQuery), async (c) => {
      const layer = layerOf(c.req.valid('param').layer);
      const { bbox, columns } = c.req.valid('query');
      return c.json({ layer: layer.id, ...(await densityInBbox(db.orm, layer, bbox as BBox, columns)) });
    })
    .get('/:layer/features/:id', validate('param', featureParam), async (c) => {
      const { layer: name, id } = c.req.valid('param');
      const layer = layerOf(name);
      const feature = await getFeature(db.orm, layer, id);
      if (!feature) throw new ApiError(404, `no feature "${id}" in ${layer.id}`);
      return c.json(feature);
    })
    .post('/:layer/features', validate('param', layerParam), validate('json', geojsonBody), async (c) => {
      const layer = layerOf(c.req.valid('param').layer);
      const { features, problems: bodyProblems } = featuresOf(c.req.valid('json'));
      if (bodyProblems.length) throw new ApiError(400, 'invalid GeoJSON body', bodyProblems);
      if (features.length === 0) throw new ApiError(400, 'no features to insert', [{ field: 'features', problem: 'empty FeatureCollection' }]);
      const { rows, problems } = validateFeatures(layer, features);
      if (problems.length) throw new ApiError(400, `${new Set(problems.map((p) => p.feature)).size} invalid feature(s) in ${layer.id}`, problems);
      const ids = await insertFeatures(db.orm, layer, rows);
      return c.json({ inserted: ids.length, ids }, 201);
    })
    .delete('/:layer/features/:id', validate('param', featureParam), async (c) => {
      const { layer: name, id } = c.req.valid('param');
      const layer = layerOf(name);
      if (!(await deleteFeature(db.orm, layer, id))) throw new ApiError(404, `no feature "${id}" in ${layer.id}`);
      return c.json({ deleted: 1, id });
    });
}

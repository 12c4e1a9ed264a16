/**
 * Layer requests: the summary of every layer (counts, extents, titles, field metadata) and the features of one
 * layer inside a box.
 */
import type { FeatureCollection } from 'geojson';
import type { InferResponseType } from 'hono/client';
import type { BBox } from '../config.ts';
import { client, ensureOk } from './client.ts';

export type LayerSummary = InferResponseType<typeof client.api.layers.$get, 200>[number];
export type LayerId = LayerSummary['layer'];
export type FieldMeta = LayerSummary['fields'][number];

export async function fetchLayerSummaries(signal?: AbortSignal): Promise<LayerSummary[]> {
  const res = await ensureOk(await client.api.layers.$get(undefined, { init: { signal } }));
  return (await res.json()) as LayerSummary[];
}

export async function fetchLayerFeatures(layer: LayerId, bbox: BBox, signal?: AbortSignal): Promise<FeatureCollection> {
  const res = await ensureOk(
    await client.api.layers[':layer'].$get({ param: { layer }, query: { bbox: bbox.map((v) => v.toFixed(5)).join(',') } }, { init: { signal } }),
  );
  return (await res.json()) as unknown as FeatureCollection;
}

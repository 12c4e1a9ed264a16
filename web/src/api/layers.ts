/**
 * Layer requests: the summary of every layer (counts, extents, titles, field metadata), the features of one layer
 * inside a box (one page, or every page), and the per-cell counts the map draws where a layer has too many features
 * in view to send one by one.
 */
import type { FeatureCollection } from 'geojson';
import type { InferResponseType } from 'hono/client';
import type { BBox } from '../config.ts';
import { client, ensureOk } from './client.ts';

export type LayerSummary = InferResponseType<typeof client.api.layers.$get, 200>[number];
export type LayerId = LayerSummary['layer'];
export type FieldMeta = LayerSummary['fields'][number];
export type LayerDensity = InferResponseType<(typeof client.api.layers)[':layer']['density']['$get'], 200>;

/** The box [west, south, east, north] of the cell in `column`, `row` of counts (counted from the west and the south). */
export function cellBox(density: LayerDensity, column: number, row: number): BBox {
  const west = density.bbox[0] + column * density.cellSize[0];
  const south = density.bbox[1] + row * density.cellSize[1];
  return [west, south, west + density.cellSize[0], south + density.cellSize[1]];
}

/** One page: at most the server's page size of features, and whether more match. */
export type FeaturePage = FeatureCollection & { numberReturned: number; truncated: boolean; next?: string };

const bboxText = (bbox: BBox) => bbox.map((v) => v.toFixed(5)).join(',');

export async function fetchLayerSummaries(signal?: AbortSignal): Promise<LayerSummary[]> {
  const res = await ensureOk(await client.api.layers.$get(undefined, { init: { signal } }));
  return (await res.json()) as LayerSummary[];
}

export async function fetchLayerPage(layer: LayerId, bbox: BBox, options: { after?: string; signal?: AbortSignal } = {}): Promise<FeaturePage> {
  const query = { bbox: bboxText(bbox), ...(options.after === undefined ? {} : { after: options.after }) };
  const res = await ensureOk(await client.api.layers[':layer'].$get({ param: { layer }, query }, { init: { signal: options.signal } }));
  return (await res.json()) as unknown as FeaturePage;
}

/** Every feature in the box, page after page: for small layers a view needs whole (the admin areas of the risk map). */
export async function fetchAllLayerFeatures(layer: LayerId, bbox: BBox, signal?: AbortSignal): Promise<FeatureCollection> {
  const features: FeatureCollection['features'] = [];
  let after: string | undefined;
  do {
    const page = await fetchLayerPage(layer, bbox, { after, signal });
    features.push(...page.features);
    after = page.truncated ? page.next : undefined;
  } while (after !== undefined);
  return { type: 'FeatureCollection', features };
}

export async function fetchLayerDensity(layer: LayerId, bbox: BBox, columns: number, signal?: AbortSignal): Promise<LayerDensity> {
  const res = await ensureOk(
    await client.api.layers[':layer'].density.$get({ param: { layer }, query: { bbox: bboxText(bbox), columns: String(columns) } }, { init: { signal } }),
  );
  return res.json();
}

/**
 * Issue 3: GET /api/layers/:layer?bbox= for a county-sized box (0.5° × 0.5°), in-process through app.request, 100
 * requests per layer after a short warm-up. The response body is read in full (a client has to).
 */
import type { createApp } from '../../server/app.ts';
import { layerIds } from '../../server/layers/catalog.ts';
import { sample } from '../measure.ts';
import { latencyFigure, type Figure, type Goal } from '../report.ts';

type App = ReturnType<typeof createApp>;

export const LAYER_GOAL: Goal = { text: 'p95 < 50 ms', metric: 'p95', maxMs: 50 };
const WARM_UP = 5;

async function fetchLayer(app: App, layer: string, bbox: readonly number[]): Promise<number> {
  const res = await app.request(`/api/layers/${layer}?bbox=${bbox.join(',')}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${layer}: ${res.status} ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { features: unknown[] }).features.length;
}

export async function layerFigures(
  app: App,
  options: { target: Figure['target']; dataset: string; bbox: readonly number[]; requests: number; layers?: readonly string[]; goal?: Goal },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const layer of options.layers ?? layerIds) {
    let features = 0;
    for (let i = 0; i < WARM_UP; i++) features = await fetchLayer(app, layer, options.bbox);
    const times = await sample(Array.from({ length: options.requests }), () => fetchLayer(app, layer, options.bbox));
    figures.push(
      latencyFigure(
        {
          section: 'layers',
          target: options.target,
          dataset: options.dataset,
          name: `GET /api/layers/${layer}?bbox`,
          goal: options.goal,
          note: `${features} features in bbox ${options.bbox.join(',')}`,
        },
        times,
      ),
    );
  }
  return figures;
}

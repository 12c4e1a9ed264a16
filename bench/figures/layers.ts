/**
 * Issue 3: GET /api/layers/:layer?bbox= for a county-sized box (0.5° × 0.5°), in-process through app.request, 100
 * requests per layer after a short warm-up. The response body is read in full (a client has to). On the synthetic
 * provinces also the counts per grid cell the map draws where a layer is too dense (GET …/density), for the county box
 * and the whole province.
 */
import type { createApp } from '../../server/app.ts';
import { layerIds } from '../../server/layers/catalog.ts';
import { sample } from '../measure.ts';
import { latencyFigure, type Figure, type Goal } from '../report.ts';

type App = ReturnType<typeof createApp>;

export const LAYER_GOAL: Goal = { text: 'p95 < 50 ms', metric: 'p95', maxMs: 50 };
const WARM_UP = 5;

async function fetchJson<T>(app: App, path: string): Promise<T> {
  const res = await app.request(path);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

async function fetchLayer(app: App, layer: string, bbox: readonly number[]): Promise<string> {
  const page = await fetchJson<{ numberReturned: number; truncated: boolean }>(app, `/api/layers/${layer}?bbox=${bbox.join(',')}`);
  return `${page.numberReturned} features${page.truncated ? ' (one page; more match)' : ''}`;
}

/** The map's request: 48 cells across the box. */
async function fetchDensity(app: App, layer: string, bbox: readonly number[]): Promise<string> {
  const density = await fetchJson<{ total: number; cells: unknown[] }>(app, `/api/layers/${layer}/density?bbox=${bbox.join(',')}&columns=48`);
  return `${density.total} features in ${density.cells.length} cells`;
}

export async function layerFigures(
  app: App,
  options: { target: Figure['target']; dataset: string; bbox: readonly number[]; requests: number; layers?: readonly string[]; goal?: Goal },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const layer of options.layers ?? layerIds) {
    figures.push(await figure(app, options, `GET /api/layers/${layer}?bbox`, options.bbox, () => fetchLayer(app, layer, options.bbox)));
  }
  return figures;
}

/** GET /api/layers/:layer/density of one layer, per named box. */
export async function densityFigures(
  app: App,
  options: { target: Figure['target']; dataset: string; layer: string; boxes: Record<string, readonly number[]>; requests: number },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [name, bbox] of Object.entries(options.boxes)) {
    figures.push(await figure(app, options, `GET /api/layers/${options.layer}/density, ${name}`, bbox, () => fetchDensity(app, options.layer, bbox)));
  }
  return figures;
}

async function figure(
  app: App,
  options: { target: Figure['target']; dataset: string; requests: number; goal?: Goal },
  name: string,
  bbox: readonly number[],
  request: () => Promise<string>,
): Promise<Figure> {
  let answered = '';
  for (let i = 0; i < WARM_UP; i++) answered = await request();
  const times = await sample(Array.from({ length: options.requests }), request);
  return latencyFigure(
    { section: 'layers', target: options.target, dataset: options.dataset, name, goal: options.goal, note: `${answered} in bbox ${bbox.map((v) => +v.toFixed(4)).join(',')}` },
    times,
  );
}

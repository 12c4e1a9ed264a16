/**
 * The comparison nobody should ship: the same core work as the floor query (overlap area, gap to underground/mixed
 * rights within the 50 m pillar, distance to a Yellow River main stem / tributary within 3 km), done in Node with
 * @turf/turf over the data loaded into memory. Turf defaults throughout (geodesic point-to-line distance).
 *  - naive check: every right tested for every proposal; too slow to run in full, so each proposal is timed over a
 *    sample of the rights and scaled by N / sample (EXTRAPOLATED), plus the river part measured in full;
 *  - bbox check: the same with a bounding-box prefilter on rights and 48-vertex river chunks (the JS analogue of
 *    the GiST index and rivers_pieces), measured in full;
 *  - naive audit: nested loop over every pair of the first k rights (one dense district), scaled by N²/k²
 *    (EXTRAPOLATED).
 */
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/db/client.ts';
import type { Proposal } from '../proposals.ts';
import { summarize } from '../measure.ts';
import { latencyFigure, runsFigure, type Figure } from '../report.ts';

type Area = Feature<Polygon | MultiPolygon>;
type BBox = [number, number, number, number];

interface Right {
  feature: Area;
  rings: Feature<LineString>[];
  bbox: BBox;
  pillar: boolean;
  closed: boolean;
}

interface RiverChunk {
  line: Feature<LineString>;
  bbox: BBox;
}

export interface Memory {
  rights: Right[];
  rivers: Feature<LineString>[];
  chunks: RiverChunk[];
  loadMs: number;
}

const PAGE = 50_000;
const PILLAR_M = 50;
const RIVER_M = 3000;
const CHUNK_VERTICES = 48;

function ringsOf(f: Area): Feature<LineString>[] {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polygons.flatMap((p) => p.map((ring) => turf.lineString(ring)));
}

/** Reads the rights (page by page, to keep memory flat) and the protected rivers into turf features. */
export async function loadMemory(db: Db): Promise<Memory> {
  const t0 = performance.now();
  const rights: Right[] = [];
  let after = '';
  for (;;) {
    const page = await rows<{ id: string; method: string | null; status: string | null; g: string }>(
      db.orm,
      sql`SELECT id, method, status, ST_AsGeoJSON(geom, 7) AS g FROM mining_rights WHERE id > ${after} ORDER BY id LIMIT ${PAGE}`,
    );
    for (const r of page) {
      const feature = turf.feature(JSON.parse(r.g)) as Area;
      rights.push({
        feature,
        rings: ringsOf(feature),
        bbox: turf.bbox(feature) as BBox,
        pillar: r.method === 'underground' || r.method === 'mixed',
        closed: r.status === 'closed',
      });
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  const riverRows = await rows<{ g: string }>(
    db.orm,
    sql`SELECT ST_AsGeoJSON((ST_Dump(geom)).geom, 7) AS g FROM rivers WHERE river_class IN ('yellow_main', 'yellow_tributary')`,
  );
  const rivers = riverRows.map((r) => turf.feature(JSON.parse(r.g)) as Feature<LineString>);
  const chunks: RiverChunk[] = rivers.flatMap((river) => {
    const c = river.geometry.coordinates;
    const out: RiverChunk[] = [];
    for (let i = 0; i < c.length - 1; i += CHUNK_VERTICES - 1) {
      const line = turf.lineString(c.slice(i, i + CHUNK_VERTICES));
      out.push({ line, bbox: turf.bbox(line) as BBox });
    }
    return out;
  });
  return { rights, rivers, chunks, loadMs: performance.now() - t0 };
}

function vertices(f: Area): Position[] {
  return ringsOf(f).flatMap((r) => r.geometry.coordinates.slice(0, -1));
}

/** Smallest ground gap between two disjoint polygons: every vertex of each against every edge of the other. */
function gapM(a: Area, aRings: Feature<LineString>[], b: Area, bRings: Feature<LineString>[]): number {
  let best = Infinity;
  for (const v of vertices(a)) for (const ring of bRings) best = Math.min(best, turf.pointToLineDistance(v, ring, { units: 'meters' }));
  for (const v of vertices(b)) for (const ring of aRings) best = Math.min(best, turf.pointToLineDistance(v, ring, { units: 'meters' }));
  return best;
}

interface CheckResult {
  overlapM2: number;
  gapM: number;
  riverM: number;
}

function compareRight(p: Area, pRings: Feature<LineString>[], r: Right, out: CheckResult): void {
  if (r.closed) return;
  if (turf.booleanIntersects(p, r.feature)) {
    const shared = turf.intersect(turf.featureCollection([p, r.feature]));
    if (shared) out.overlapM2 += turf.area(shared);
    if (r.pillar) out.gapM = 0;
  } else if (r.pillar) {
    const gap = gapM(p, pRings, r.feature, r.rings);
    if (gap < PILLAR_M) out.gapM = Math.min(out.gapM, gap);
  }
}

function riverDistance(p: Area, lines: Feature<LineString>[]): number {
  let best = Infinity;
  for (const v of vertices(p)) for (const line of lines) best = Math.min(best, turf.pointToLineDistance(v, line, { units: 'meters' }));
  return best < RIVER_M ? best : Infinity;
}

const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** A bbox grown by `m` metres on the ground (local degrees per metre). */
function grow(b: BBox, m: number): BBox {
  const dLat = m / 110_574;
  const dLon = m / (111_320 * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

export async function turfCheckFigures(
  memory: Memory,
  proposals: Proposal[],
  options: { dataset: string; naiveProposals: number; naiveSample: number },
): Promise<Figure[]> {
  const n = memory.rights.length;
  const sampleSize = Math.min(n, options.naiveSample);
  const sampled = memory.rights.slice(0, sampleSize);

  // Naive: the river part in full, the rights loop over a sample, scaled to all N.
  const naive: number[] = [];
  const riverPart: number[] = [];
  for (const p of proposals.slice(0, options.naiveProposals)) {
    const f = p.feature as Area;
    const rings = ringsOf(f);
    const out: CheckResult = { overlapM2: 0, gapM: Infinity, riverM: Infinity };
    const t0 = performance.now();
    for (const r of sampled) compareRight(f, rings, r, out);
    const t1 = performance.now();
    out.riverM = riverDistance(f, memory.rivers);
    const t2 = performance.now();
    naive.push((t1 - t0) * (n / sampleSize) + (t2 - t1));
    riverPart.push(t2 - t1);
  }
  const riverP50 = summarize(riverPart).p50;

  // Bounding-box prefilter, every proposal over every right.
  const prefiltered: number[] = [];
  for (const p of proposals) {
    const f = p.feature as Area;
    const t0 = performance.now();
    const rings = ringsOf(f);
    const box = turf.bbox(f) as BBox;
    const near = grow(box, PILLAR_M);
    const out: CheckResult = { overlapM2: 0, gapM: Infinity, riverM: Infinity };
    for (const r of memory.rights) if (intersects(near, r.bbox)) compareRight(f, rings, r, out);
    const reach = grow(box, RIVER_M);
    out.riverM = riverDistance(f, memory.chunks.filter((c) => intersects(reach, c.bbox)).map((c) => c.line));
    prefiltered.push(performance.now() - t0);
  }

  const base = { section: 'turf' as const, target: 'node' as const, dataset: options.dataset };
  const scaled = sampleSize < n;
  return [
    {
      ...latencyFigure(
        {
          ...base,
          name: 'turf naive loop, overlap+pillar+river',
          extrapolated: scaled,
          note:
            (scaled
              ? `EXTRAPOLATED: ${options.naiveProposals} proposals, each timed over ${sampleSize} of ${n} rights and scaled by ${(n / sampleSize).toFixed(0)}×`
              : `${options.naiveProposals} proposals over all ${n} rights`) + `; the river part (measured in full) p50 ${riverP50.toFixed(0)} ms`,
        },
        naive,
      ),
    },
    latencyFigure({ ...base, name: 'turf + bbox prefilter, overlap+pillar+river', note: `${proposals.length} proposals over all ${n} rights (loaded in ${(memory.loadMs / 1000).toFixed(1)} s)` }, prefiltered),
  ];
}

/** Nested loop over all pairs of the first k rights, k doubled until one pass takes `budgetMs`; scaled to N. */
export function turfAuditFigure(memory: Memory, options: { dataset: string; budgetMs: number }): Figure {
  const n = memory.rights.length;
  let k = 125;
  let ms = 0;
  let overlapping = 0;
  for (;;) {
    const subset = memory.rights.slice(0, Math.min(k, n));
    const t0 = performance.now();
    const failing = new Set<number>();
    for (let i = 0; i < subset.length; i++) {
      const a = subset[i];
      if (a.closed) continue;
      for (let j = i + 1; j < subset.length; j++) {
        const b = subset[j];
        if (b.closed) continue;
        if (turf.booleanIntersects(a.feature, b.feature)) {
          const shared = turf.intersect(turf.featureCollection([a.feature, b.feature]));
          if ((shared ? turf.area(shared) : 0) > 1) failing.add(i).add(j);
          else if (a.pillar && b.pillar) failing.add(i).add(j);
        } else if (a.pillar && b.pillar && gapM(a.feature, a.rings, b.feature, b.rings) < PILLAR_M) {
          failing.add(i).add(j);
        }
      }
    }
    ms = performance.now() - t0;
    overlapping = failing.size;
    if (ms >= options.budgetMs || k >= n) break;
    k *= 2;
  }
  k = Math.min(k, n);
  const scale = (n * (n - 1)) / (k * (k - 1));
  return runsFigure(
    {
      section: 'turf',
      target: 'node',
      dataset: options.dataset,
      name: 'turf naive nested loop, overlap+pillar audit',
      extrapolated: k < n,
      note:
        k < n
          ? `EXTRAPOLATED: all ${((k * (k - 1)) / 2).toLocaleString('en-US')} pairs of the first ${k} rights took ${(ms / 1000).toFixed(1)} s (${overlapping} failing), scaled by N²/k² = ${scale.toFixed(0)}×`
          : `all pairs of ${n} rights`,
    },
    [ms * scale],
  );
}

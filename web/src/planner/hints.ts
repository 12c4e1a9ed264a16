/**
 * 即时提示 live hints while a vertex moves: Turf in the browser, on the features the map has loaded (what is on
 * screen), approximate by design. The server's check (PostGIS, on the spheroid, everything stored) is the verdict.
 * Pure: geometry and loaded features in, numbers out.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { ProposalKind, ShapeGeometry } from './model.ts';

export interface Hints {
  areaM2: number;
  /** Stored mining rights on screen the shape overlaps (more than 1 m²). */
  overlaps: { id: string; name: string; areaM2: number }[];
  /** The nearest other active mining right within 1 km (not overlapping), with the gap between the outlines. */
  nearest: { id: string; name: string; gapM: number; method: string } | null;
  /** The nearest protected river (黄河/长江 main stem or important tributary) on screen. */
  river: { name: string; riverClass: string; distanceM: number; bufferM: number } | null;
}

type Polygonal = Feature<Polygon | MultiPolygon>;

const REACH_M = 1000;
const riverBuffers: Record<string, number> = { yellow_main: 3000, yangtze_main: 3000, yellow_tributary: 1000, yangtze_tributary: 1000 };

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function linesOf(g: LineString | MultiLineString | Polygon | MultiPolygon): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return ringsOf(g);
}

/** Shortest distance (m) from any vertex of `a` to the lines of `b`. */
function vertexToLines(a: Position[][], b: Position[][]): number {
  let best = Infinity;
  const lines = b.filter((l) => l.length >= 2).map((l) => turf.lineString(l));
  for (const ring of a) {
    for (const p of ring) {
      for (const line of lines) best = Math.min(best, turf.pointToLineDistance(p, line, { units: 'meters' }));
    }
  }
  return best;
}

function padBbox(b: number[], metres: number): [number, number, number, number] {
  const dLat = metres / 111_320;
  const dLon = metres / (111_320 * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

function boxesMeet(a: number[], b: number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function computeHints(kind: ProposalKind, geometry: ShapeGeometry, data: { mining_rights?: FeatureCollection; rivers?: FeatureCollection }): Hints {
  const subject: Polygonal = turf.feature(geometry);
  const areaM2 = turf.area(subject);
  const box = turf.bbox(subject);
  const near = padBbox(box, REACH_M);
  const overlaps: Hints['overlaps'] = [];
  let nearest: Hints['nearest'] = null;
  const subjectRings = ringsOf(geometry);

  if (kind === 'mining_rights') {
    for (const f of data.mining_rights?.features ?? []) {
      const p = f.properties ?? {};
      if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) continue;
      if (p.status === 'closed' || p.status === 'proposed') continue;
      const fb = turf.bbox(f);
      if (!boxesMeet(near, fb)) continue;
      const other = f as Polygonal;
      let overlapM2 = 0;
      if (boxesMeet(box, fb)) {
        try {
          const common = turf.intersect(turf.featureCollection([subject, other]));
          overlapM2 = common ? turf.area(common) : 0;
        } catch {
          overlapM2 = 0; // a shape mid-edit may be briefly invalid; the hint just skips it
        }
      }
      if (overlapM2 > 1) {
        overlaps.push({ id: String(p.id ?? f.id), name: String(p.name ?? p.id), areaM2: overlapM2 });
        continue;
      }
      const otherRings = ringsOf(other.geometry);
      const gap = Math.min(vertexToLines(subjectRings, otherRings), vertexToLines(otherRings, subjectRings));
      if (gap <= REACH_M && (!nearest || gap < nearest.gapM)) {
        nearest = { id: String(p.id ?? f.id), name: String(p.name ?? p.id), gapM: gap, method: String(p.method ?? '') };
      }
    }
  }

  let river: Hints['river'] = null;
  const reach = padBbox(box, 6000);
  for (const f of data.rivers?.features ?? []) {
    const bufferM = riverBuffers[String(f.properties?.riverClass)];
    if (!bufferM || !f.geometry) continue;
    const g = f.geometry as LineString | MultiLineString | Polygon | MultiPolygon;
    if (!boxesMeet(reach, turf.bbox(f))) continue;
    const distanceM = vertexToLines(subjectRings, linesOf(g));
    if (distanceM <= 6000 && (!river || distanceM - bufferM < river.distanceM - river.bufferM)) {
      river = { name: String(f.properties?.name ?? ''), riverClass: String(f.properties?.riverClass), distanceM, bufferM };
    }
  }
  return { areaM2, overlaps, nearest, river };
}

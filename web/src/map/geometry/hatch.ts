/**
 * Hatch lines inside polygons (for restricted zones, which should read as "no entry" at a glance), computed in
 * longitude/latitude. deck.gl has no fill patterns without @deck.gl/extensions, so the hatch is geometry: parallel
 * lines clipped to the polygon by a scanline (even–odd rule, so holes stay empty). Pure, no I/O.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Segment = [Position, Position];

/**
 * @param angleDeg direction of the hatch lines, degrees counter-clockwise from east
 * @param spacing distance between lines, in degrees of latitude (ground-isotropic at the polygon's latitude)
 */
export function hatch(geometry: Polygon | MultiPolygon, angleDeg: number, spacing: number, maxLines = 4000): Segment[] {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  if (rings.length === 0 || spacing <= 0) return [];
  let lat0 = 0;
  let n = 0;
  for (const p of rings[0]) {
    lat0 += p[1];
    n++;
  }
  const k = Math.cos(((lat0 / n) * Math.PI) / 180);
  const theta = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  // (u, v): u along the hatch lines, v across them, in ground-isotropic units.
  const uv = rings.map((ring) =>
    ring.map(([lon, lat]) => {
      const x = lon * k;
      return [x * cos + lat * sin, -x * sin + lat * cos] as [number, number];
    }),
  );
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const ring of uv) for (const [, v] of ring) {
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const first = Math.ceil(vMin / spacing) * spacing;
  if ((vMax - first) / spacing > maxLines) return [];
  const back = (u: number, v: number): Position => {
    const x = u * cos - v * sin;
    const y = u * sin + v * cos;
    return [x / k, y];
  };
  const out: Segment[] = [];
  for (let v = first; v <= vMax; v += spacing) {
    const us: number[] = [];
    for (const ring of uv) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ua, va] = ring[i];
        const [ub, vb] = ring[i + 1];
        if ((va <= v && v < vb) || (vb <= v && v < va)) us.push(ua + ((v - va) / (vb - va)) * (ub - ua));
      }
    }
    us.sort((a, b) => a - b);
    for (let i = 0; i + 1 < us.length; i += 2) out.push([back(us[i], v), back(us[i + 1], v)]);
  }
  return out;
}

/** Degrees of latitude per screen pixel at a web-mercator zoom (512 px tiles), scaled for the latitude. */
export function degreesPerPixel(zoom: number, latitude: number): number {
  return (360 / (512 * 2 ** zoom)) * Math.cos((latitude * Math.PI) / 180);
}

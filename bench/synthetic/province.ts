/**
 * The synthetic province's frame: its box (~6°×5° in Shanxi's longitude/latitude range), the county grid, and the
 * id scheme shared by the generator and the proposals.
 */
import { sql, type SQL } from 'drizzle-orm';

export const BOX = { west: 110.5, south: 34.0, east: 116.5, north: 39.0 } as const;

/** Counties: a 10 × 10 grid of ~0.6° × 0.5° cells (~55 km), the nodes jittered and the edges wiggly. */
export const COUNTY_GRID = { cols: 10, rows: 10 } as const;

/**
 * Mining rights of one district sit on a sunflower lattice with this spacing (m) before jitter: 720 m gives ~14 %
 * of rights overlapping a neighbour and ~22 % within 50 m of one (100k). At 1M the province cannot hold that many
 * at 720 m (1M × 0.52 km² > its 306 000 km²), so the lattice tightens until the districts fill 85 % of the box
 * (510 m at 1M): denser, more overlaps, but districts do not pile on top of each other.
 */
export function latticeSpacingM(rights: number): number {
  const boxM2 = (BOX.east - BOX.west) * 92_000 * (BOX.north - BOX.south) * 111_000;
  return Math.min(720, Math.sqrt((boxM2 * 0.85) / rights));
}
/** Rights per mining district on average: N / this many districts (clamped), "a few thousand" at 1M. */
export const RIGHTS_PER_DISTRICT = 300;

export function districtCount(rights: number): number {
  return Math.min(4000, Math.max(20, Math.round(rights / RIGHTS_PER_DISTRICT)));
}

/** Stored id of the i-th right (1-based): MR-0000001 … */
export function rightId(i: SQL): SQL {
  return sql`('MR-' || lpad((${i})::text, 7, '0'))`;
}

/** How many features of each other layer go with N rights (the brief's ratios). */
export function layerCounts(rights: number) {
  return {
    tailingsPonds: Math.round(rights / 100),
    settlements: Math.round(rights / 20),
    hazardZones: Math.round(rights / 200),
    restrictedZones: Math.max(5, Math.round(rights / 1000)),
    ridgeLines: Math.round(rights / 200),
    oreBodies: Math.round(rights / 100),
  };
}

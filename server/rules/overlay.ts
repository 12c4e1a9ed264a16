/**
 * The grid (degrees, EPSG:4326) that polygon overlays in rule queries (ST_Intersection, ST_Union) snap to.
 *
 * 1e-9° is at most 0.11 mm on the ground, far below anything a rule measures. Fixed-precision overlay (snap-rounding)
 * stays robust without the exception GEOS's floating-point overlay throws and catches to recover from a numerical
 * failure — which the embedded PGlite + PostGIS build cannot catch, so there the whole query silently returned nothing
 * (docs/benchmarks.md, "PGlite drops a result").
 */
export const OVERLAY_GRID = 1e-9;

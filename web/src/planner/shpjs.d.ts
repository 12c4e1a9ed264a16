/** shpjs ships no types: the one call the planner uses (a zipped Shapefile → GeoJSON, reprojected by its .prj). */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<(FeatureCollection & { fileName?: string }) | (FeatureCollection & { fileName?: string })[]>;
}

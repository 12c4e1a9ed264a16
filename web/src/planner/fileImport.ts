/**
 * 上传文件 a proposal's shape from a file: GeoJSON, KML (@tmcw/togeojson) or a zipped Shapefile (shpjs, reprojected
 * by its .prj). Returns the polygons found with their properties, or a problem in words. The parsers are loaded on
 * first use, so the map does not carry them.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Label } from '../i18n/map.ts';
import type { ShapeGeometry } from './model.ts';

export interface ImportedShape {
  /** Name to list the candidate by (its `name` property, or its position). */
  label: string;
  geometry: ShapeGeometry;
  properties: Record<string, unknown>;
  /** A `layer` foreign member (our proposal files carry one). */
  layer?: unknown;
}

export class ImportProblem extends Error {
  constructor(readonly text: Label) {
    super(text.en);
  }
}

const problem = (zh: string, en: string) => new ImportProblem({ zh, en });

function collect(input: unknown): Feature[] {
  if (!input || typeof input !== 'object') return [];
  const o = input as { type?: string; features?: unknown[]; geometries?: unknown[] };
  if (Array.isArray(input)) return input.flatMap(collect);
  if (o.type === 'FeatureCollection' && Array.isArray(o.features)) return o.features.flatMap(collect);
  if (o.type === 'Feature') return [input as Feature];
  if (o.type === 'GeometryCollection' && Array.isArray(o.geometries)) return o.geometries.flatMap((g) => collect({ type: 'Feature', properties: {}, geometry: g }));
  if (typeof o.type === 'string' && 'coordinates' in o) return [{ type: 'Feature', properties: {}, geometry: input as Geometry }];
  return [];
}

/** Drops Z values and repeated closing issues; keeps the outer ring's orientation as it came. */
function to2d(g: Polygon | MultiPolygon): ShapeGeometry {
  const ring = (r: Position[]) => r.map((p) => [p[0], p[1]]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function checkLonLat(g: ShapeGeometry) {
  const [w, s, e, n] = turf.bbox(g);
  if (w < -180 || e > 180 || s < -90 || n > 90) {
    throw problem(
      '坐标不是经纬度（像是投影坐标，例如高斯–克吕格）：请转换为 CGCS2000/WGS84 经纬度后再上传，或用“拐点坐标”粘贴',
      'The coordinates are not longitude/latitude (they look projected, e.g. Gauss–Krüger): convert to CGCS2000/WGS84 longitude/latitude, or paste them as a corner-point table',
    );
  }
  if (w < 73 || e > 136 || s < 3 || n > 54) {
    throw problem('范围不在中国境内：请检查经纬度顺序（应为经度在前）', 'The shape is not in China: check the coordinate order (longitude first)');
  }
}

export function shapesOf(input: unknown): ImportedShape[] {
  const crs = (input as { crs?: { properties?: { name?: string } } } | null)?.crs?.properties?.name;
  if (crs && !/CRS84|4326|4490/.test(crs)) {
    throw problem(`文件坐标系为 ${crs}：请使用经纬度（EPSG:4490 或 4326）`, `The file's CRS is ${crs}: use longitude/latitude (EPSG:4490 or 4326)`);
  }
  const features = collect(input);
  const shapes: ImportedShape[] = [];
  features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const geometry = to2d(g);
    checkLonLat(geometry);
    const properties = { ...(f.properties ?? {}) } as Record<string, unknown>;
    shapes.push({ label: String(properties.name ?? properties.NAME ?? properties.Name ?? `#${i + 1}`), geometry, properties, layer: (f as { layer?: unknown }).layer });
  });
  if (!shapes.length) {
    throw problem(
      features.length ? `文件中的 ${features.length} 个要素都不是面（Polygon/MultiPolygon）` : '文件中没有找到要素',
      features.length ? `None of the ${features.length} features in the file is a polygon` : 'No features found in the file',
    );
  }
  return shapes;
}

export async function readShapeFile(file: File): Promise<ImportedShape[]> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip')) {
    const { default: shp } = await import('shpjs');
    let parsed: FeatureCollection | FeatureCollection[];
    try {
      parsed = await shp(await file.arrayBuffer());
    } catch (error) {
      throw problem(
        `无法读取压缩的 Shapefile（需包含 .shp、.dbf，最好有 .prj）：${(error as Error).message}`,
        `Could not read the zipped Shapefile (it needs .shp and .dbf, ideally .prj): ${(error as Error).message}`,
      );
    }
    return shapesOf(parsed);
  }
  const text = await file.text();
  if (name.endsWith('.kml') || /^\s*<\?xml|<kml[\s>]/.test(text.slice(0, 200))) {
    const { kml } = await import('@tmcw/togeojson');
    const dom = new DOMParser().parseFromString(text, 'text/xml');
    if (dom.getElementsByTagName('parsererror').length) throw problem('KML 文件格式有误，无法解析', 'The KML file is not well-formed XML');
    return shapesOf(kml(dom));
  }
  if (name.endsWith('.kmz')) throw problem('KMZ 请先解压为 KML 再上传', 'Unzip the KMZ to KML first');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw problem(`GeoJSON 解析失败：${(error as Error).message}`, `Could not parse the GeoJSON: ${(error as Error).message}`);
  }
  return shapesOf(json);
}

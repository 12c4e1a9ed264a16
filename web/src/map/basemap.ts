/**
 * The offline base map: a MapLibre style made in code from the Natural Earth extracts shipped in web/public/basemap
 * (made by web/scripts/make-basemap.ts). No tiles, no glyphs, no sprites: MapLibre draws the background, lakes,
 * rivers and place dots; every text label is drawn by deck.gl (see baseLabels and layers/common.ts). With
 * VITE_TIANDITU_KEY set, Tianditu raster tiles (vector map + annotation) are added under the local layers.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import * as turf from '@turf/turf';
import { config } from '../config.ts';
import type { Lang } from '../i18n/index.tsx';
import { base, rgba } from './theme.ts';
import type { LabelCandidate } from './layers/types.ts';

export function basemapUrl(file: string): string {
  return new URL(`${config.basemapBase}${file}`, document.baseURI).href;
}

function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  return Array.from(
    { length: 8 },
    (_, i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

const riverWidth: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  5,
  ['match', ['get', 'riverClass'], 'yellow_main', 1.6, 'yellow_tributary', 1, 0.6],
  10,
  ['match', ['get', 'riverClass'], 'yellow_main', 4, 'yellow_tributary', 2.4, 1.4],
];

const placeVisibility: ExpressionSpecification = [
  'step',
  ['zoom'],
  ['case', ['>=', ['get', 'population'], 1_500_000], 1, 0],
  7,
  ['case', ['>=', ['get', 'population'], 500_000], 1, 0],
  8,
  1,
];

export function baseStyle(tiandituKey = config.tiandituKey): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: 'MineRisk Atlas offline base map',
    sources: {
      'ne-lakes': { type: 'geojson', data: basemapUrl('lakes.geojson') },
      'ne-rivers': { type: 'geojson', data: basemapUrl('rivers.geojson') },
      'ne-places': { type: 'geojson', data: basemapUrl('places.geojson') },
    },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': base.land } },
      { id: 'lakes', type: 'fill', source: 'ne-lakes', paint: { 'fill-color': base.water, 'fill-outline-color': base.waterLine } },
      {
        id: 'rivers',
        type: 'line',
        source: 'ne-rivers',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': base.waterLine, 'line-width': riverWidth },
      },
      {
        id: 'places',
        type: 'circle',
        source: 'ne-places',
        paint: {
          'circle-color': base.place,
          'circle-radius': ['interpolate', ['linear'], ['get', 'population'], 50000, 2.5, 2000000, 4.5],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
          // Same thresholds as the place labels (baseLabels): a dot never stands without its name.
          'circle-opacity': placeVisibility,
          'circle-stroke-opacity': placeVisibility,
        },
      },
    ],
  };
  if (tiandituKey) {
    style.sources.tdt = { type: 'raster', tiles: tiandituTiles('vec', tiandituKey), tileSize: 256, attribution: '天地图 Tianditu' };
    style.sources.tdtLabels = { type: 'raster', tiles: tiandituTiles('cva', tiandituKey), tileSize: 256 };
    style.layers.splice(1, 0, { id: 'tianditu', type: 'raster', source: 'tdt' }, { id: 'tianditu-labels', type: 'raster', source: 'tdtLabels' });
  }
  return style;
}

export interface BaseLabelData {
  places: FeatureCollection;
  labels: FeatureCollection;
}

/** The base map's label data (place names, river and lake names), same files MapLibre draws from. */
export async function loadBaseLabels(signal?: AbortSignal): Promise<BaseLabelData> {
  const get = async (file: string) => {
    const res = await fetch(basemapUrl(file), { signal });
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
    return (await res.json()) as FeatureCollection;
  };
  const [places, labels] = await Promise.all([get('places.geojson'), get('labels.geojson')]);
  return { places, labels };
}

const placeColour = rgba('#3d4852');
const waterColour = rgba('#2f6d9e');

function pointOf(f: Feature): [number, number] {
  const c = (f.geometry as { coordinates: number[] }).coordinates;
  return [c[0], c[1]];
}

/**
 * Base map label candidates for a zoom: cities by size, river names only at small scales (the river layer labels
 * its own rivers closer in). Places next to a town of the settlements layer, and river names inside the rivers
 * layer's extent, are left to those layers.
 */
export function baseLabels(data: BaseLabelData | null, zoom: number, lang: Lang, towns: Feature[] = [], rivers: Feature[] = []): LabelCandidate[] {
  if (!data) return [];
  const out: LabelCandidate[] = [];
  const townPoints = towns.map((f) => turf.centroid(f).geometry.coordinates);
  // Where the rivers layer has its own (more precise) rivers, it labels them.
  const riverBoxes = rivers.map((f) => turf.bbox(f));
  const inRiverLayer = ([x, y]: [number, number]) => riverBoxes.some((b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]);
  for (const f of data.places.features) {
    const p = f.properties ?? {};
    const population = Number(p.population ?? 0);
    // Whole zoom levels: MapLibre evaluates the dots' step expression at the tile zoom.
    const minZoom = population >= 1_500_000 ? 0 : population >= 500_000 ? 7 : 8;
    if (zoom < minZoom) continue;
    const at = pointOf(f);
    if (townPoints.some((q) => turf.distance(at, q) < 6)) continue;
    out.push({
      key: `basemap:place:${p.nameEn}`,
      position: at,
      text: String((lang === 'en' ? p.nameEn : p.name) ?? p.nameEn),
      priority: 60 + Math.min(9, Math.log10(Math.max(population, 1))),
      size: population >= 1_500_000 ? 14 : 12,
      color: placeColour,
      offset: [0, -12],
    });
  }
  if (zoom < 9.5) {
    data.labels.features.forEach((f, i) => {
      const p = f.properties ?? {};
      if (inRiverLayer(pointOf(f))) return;
      out.push({
        key: `basemap:${p.kind}:${i}`,
        position: pointOf(f),
        text: String((lang === 'en' ? p.nameEn : p.name) ?? ''),
        priority: p.riverClass === 'yellow_main' ? 58 : 18,
        size: p.riverClass === 'yellow_main' ? 14 : 12,
        color: waterColour,
      });
    });
  }
  return out.filter((l) => l.text);
}

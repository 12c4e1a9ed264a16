/**
 * Helpers shared by the layer modules: feature ids, label anchors, the one TextLayer configuration (system CJK font,
 * glyph atlas built by the browser from the characters in the data), and selection styling.
 */
import { TextLayer } from '@deck.gl/layers';
import * as turf from '@turf/turf';
import type { Feature, Geometry, LineString, MultiLineString, Position } from 'geojson';
import { base, type RGBA } from '../theme.ts';
import type { LabelCandidate } from './types.ts';

/** Fonts come from the system (CI has fonts-noto-cjk); nothing is downloaded. */
export const LABEL_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export function featureId(f: Feature): string {
  return String(f.properties?.id ?? f.id ?? '');
}

export function featureName(f: Feature): string {
  return String(f.properties?.name ?? featureId(f));
}

/**
 * The name to print on the map: `nameEn` in English when the feature has one, and without a trailing note in
 * brackets ("下化北采空区（未普查）" → "下化北采空区"); the attribute panel shows the full name.
 */
export function labelText(f: Feature, lang: 'zh' | 'en'): string {
  const en = f.properties?.nameEn;
  const name = lang === 'en' && typeof en === 'string' && en ? en.replace(/\s*\(.*\)\s*$/, '').replace(/,.*$/, '') : featureName(f);
  const short = name.replace(/\s*[（(][^（）()]*[）)]\s*$/, '');
  return short || name;
}

/** Cartographic spacing for area names: "韩城市" → "韩 城 市" (CJK only), so they read as areas, not places. */
export function spaced(text: string): string {
  return /^[\u2e80-\u9fff]+$/.test(text) ? [...text].join('\u2009') : text;
}

const anchors = new WeakMap<Feature, [number, number]>();

/** A point to hang the feature's label on: the point itself, the middle of a line, a point inside a polygon. */
export function labelAnchor(f: Feature): [number, number] {
  const cached = anchors.get(f);
  if (cached) return cached;
  let at: Position;
  const g = f.geometry;
  if (g.type === 'Point') at = g.coordinates;
  else if (g.type === 'LineString' || g.type === 'MultiLineString') at = along(g, 0.5);
  else at = turf.centerOfMass(f as Feature<Geometry>).geometry.coordinates;
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && !turf.booleanPointInPolygon(at, f as Feature<typeof g>)) {
    at = turf.pointOnFeature(f as Feature<Geometry>).geometry.coordinates;
  }
  const result: [number, number] = [at[0], at[1]];
  anchors.set(f, result);
  return result;
}

/** Points along a (multi)line at the given fractions of its length (of its longest part). */
export function along(g: LineString | MultiLineString, fraction: number): Position {
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const longest = lines.reduce((a, b) => (turf.length(turf.lineString(b)) > turf.length(turf.lineString(a)) ? b : a));
  const line = turf.lineString(longest);
  return turf.along(line, turf.length(line) * fraction).geometry.coordinates;
}

/** Label anchors every `stepKm` along a line (for long rivers and ridges). */
export function anchorsAlong(g: LineString | MultiLineString, stepKm: number): [number, number][] {
  const out: [number, number][] = [];
  for (const part of g.type === 'LineString' ? [g.coordinates] : g.coordinates) {
    if (part.length < 2) continue;
    const line = turf.lineString(part);
    const km = turf.length(line);
    for (let at = Math.min(km / 2, stepKm / 2); at < km; at += stepKm) {
      const c = turf.along(line, at).geometry.coordinates;
      out.push([c[0], c[1]]);
    }
  }
  return out;
}

/** The TextLayer every module uses for its labels (none when there is nothing to label). */
export function labelLayer(id: string, labels: LabelCandidate[]): TextLayer<LabelCandidate>[] {
  if (labels.length === 0) return [];
  return [new TextLayer<LabelCandidate>({
    id: `${id}/labels`,
    data: labels,
    pickable: false,
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 56, buffer: 10, radius: 14 },
    outlineWidth: 0.45,
    outlineColor: base.halo,
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: (d) => d.size,
    getColor: (d) => d.color,
    getPixelOffset: (d) => d.offset ?? [0, 0],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    sizeUnits: 'pixels',
  })];
}

/** Outline colour and width for the selected feature, else the given ones. */
export function selectable(selectedId: string | undefined, colour: (f: Feature) => RGBA, width: (f: Feature) => number) {
  return {
    getLineColor: (f: Feature) => (selectedId !== undefined && featureId(f) === selectedId ? base.selection : colour(f)),
    getLineWidth: (f: Feature) => (selectedId !== undefined && featureId(f) === selectedId ? Math.max(3.5, width(f) + 2) : width(f)),
  };
}

export function prop<T = unknown>(f: Feature, key: string): T | undefined {
  return f.properties?.[key] as T | undefined;
}

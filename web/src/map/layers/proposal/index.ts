/**
 * 拟设方案 the proposal under review, drawn above every layer in the planner view (not a contract layer):
 * its outline when it cannot be edited on the map (several blocks or holes; terra-draw draws the editable one),
 * a pasted corner-point table awaiting confirmation (ring and numbered corners), the pond's dam toe and downstream
 * arrow, and the live-hint label (area). Pure: state in, deck.gl layers out.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { darker, layerColours, status as statusColours, withAlpha, type RGBA } from '../../theme.ts';
import { downstreamArrows } from '../tailings_ponds/index.ts';
import { labelLayer } from '../common.ts';
import type { LabelCandidate } from '../types.ts';

export interface ProposalOverlay {
  zoom: number;
  /** The outline, when terra-draw cannot show it (MultiPolygon or holes). */
  staticShape: Polygon | MultiPolygon | null;
  verdict: 'fail' | 'warn' | 'pass' | null;
  /** A parsed corner-point table awaiting confirmation. */
  corners: { shape: Polygon | MultiPolygon; points: { no: string; lon: number; lat: number }[] } | null;
  dam: { point: [number, number]; azimuth: number | null } | null;
  /** Short texts to hang on the shape (area while editing). */
  labels: { position: [number, number]; text: string }[];
}

const brand: RGBA = [31, 78, 121, 255];
const preview: RGBA = [123, 31, 162, 255];

export function proposalLayers(o: ProposalOverlay): Layer[] {
  const out: Layer[] = [];
  if (o.staticShape) {
    const line = o.verdict ? darker(statusColours[o.verdict], 0.85, 255) : brand;
    out.push(
      new GeoJsonLayer({
        id: 'proposal/shape',
        data: { type: 'Feature', properties: {}, geometry: o.staticShape } as Feature,
        pickable: false,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: withAlpha(line, 40),
        getLineColor: line,
        getLineWidth: 3,
      }),
    );
  }
  if (o.corners) {
    out.push(
      new GeoJsonLayer({
        id: 'proposal/corners-ring',
        data: { type: 'Feature', properties: {}, geometry: o.corners.shape } as Feature,
        pickable: false,
        filled: true,
        stroked: true,
        lineWidthUnits: 'pixels',
        getFillColor: withAlpha(preview, 35),
        getLineColor: preview,
        getLineWidth: 2.5,
      }),
      new ScatterplotLayer<{ no: string; lon: number; lat: number }>({
        id: 'proposal/corners-points',
        data: o.corners.points,
        pickable: false,
        radiusUnits: 'pixels',
        getRadius: 4.5,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        getLineColor: [255, 255, 255, 255],
        getFillColor: preview,
        getPosition: (d) => [d.lon, d.lat],
      }),
    );
  }
  if (o.dam) {
    const f: Feature = { type: 'Feature', properties: { damPoint: o.dam.point, downstreamAzimuthDeg: o.dam.azimuth ?? undefined }, geometry: { type: 'Point', coordinates: o.dam.point } };
    out.push(
      new PathLayer<{ path: number[][] }>({
        id: 'proposal/dam-arrow',
        data: downstreamArrows([f], Math.max(o.zoom, 13)),
        pickable: false,
        widthUnits: 'pixels',
        getWidth: 3,
        getColor: layerColours.tailings.arrow,
        capRounded: true,
        jointRounded: true,
        getPath: (d) => d.path as [number, number][],
      }),
      new ScatterplotLayer<[number, number]>({
        id: 'proposal/dam-point',
        data: [o.dam.point],
        pickable: false,
        radiusUnits: 'pixels',
        getRadius: 6,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: [255, 255, 255, 255],
        getFillColor: layerColours.tailings.dam,
        getPosition: (d) => d,
      }),
    );
  }
  const labels: LabelCandidate[] = [
    ...(o.corners?.points ?? []).map((p, i) => ({
      key: `proposal:corner:${i}`,
      position: [p.lon, p.lat] as [number, number],
      text: p.no,
      priority: 90,
      size: 12,
      color: darker(preview, 0.8, 255),
      offset: [0, -12] as [number, number],
    })),
    ...o.labels.map((l, i) => ({ key: `proposal:label:${i}`, position: l.position, text: l.text, priority: 95, size: 13, color: brand, weight: 'bold' as const })),
  ];
  out.push(...labelLayer('proposal', labels));
  return out;
}

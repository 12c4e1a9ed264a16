/**
 * 坝址与下游方向 the pond's starter-dam toe and its downstream direction, set on the map: press on the dam toe and
 * drag towards where a dam break would send the tailings (the arrow follows); release to finish. A click without a
 * drag sets only the point. The form's number fields do the same from the keyboard.
 */
import * as turf from '@turf/turf';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

export interface DamChange {
  point: [number, number];
  /** 0 = north, clockwise; null while no drag has given a direction. */
  azimuth: number | null;
  done: boolean;
}

const MIN_DRAG_PX = 6;

export class DamTool {
  private start: { point: [number, number]; x: number; y: number } | null = null;
  private active = false;
  private panWasEnabled = true;

  constructor(
    private map: MapLibreMap,
    private onChange: (change: DamChange) => void,
  ) {}

  activate() {
    if (this.active) return;
    this.active = true;
    this.panWasEnabled = this.map.dragPan.isEnabled();
    this.map.dragPan.disable();
    this.map.getCanvas().style.cursor = 'crosshair';
    this.map.on('mousedown', this.down);
    this.map.on('mousemove', this.move);
    this.map.on('mouseup', this.up);
  }

  deactivate() {
    if (!this.active) return;
    this.active = false;
    this.start = null;
    this.map.off('mousedown', this.down);
    this.map.off('mousemove', this.move);
    this.map.off('mouseup', this.up);
    if (this.panWasEnabled) this.map.dragPan.enable();
    this.map.getCanvas().style.cursor = '';
  }

  private down = (e: MapMouseEvent) => {
    if (e.originalEvent.button !== 0) return;
    e.preventDefault();
    this.start = { point: [e.lngLat.lng, e.lngLat.lat], x: e.point.x, y: e.point.y };
    this.onChange({ point: this.start.point, azimuth: null, done: false });
  };

  private azimuthTo(e: MapMouseEvent): number | null {
    if (!this.start || Math.hypot(e.point.x - this.start.x, e.point.y - this.start.y) < MIN_DRAG_PX) return null;
    const b = turf.bearing(this.start.point, [e.lngLat.lng, e.lngLat.lat]);
    return Math.round(((b + 360) % 360) * 10) / 10;
  }

  private move = (e: MapMouseEvent) => {
    if (!this.start) return;
    this.onChange({ point: this.start.point, azimuth: this.azimuthTo(e), done: false });
  };

  private up = (e: MapMouseEvent) => {
    if (!this.start) return;
    const change = { point: this.start.point, azimuth: this.azimuthTo(e), done: true };
    this.start = null;
    this.onChange(change);
  };
}

/**
 * 坝址与下游方向 the pond's starter-dam toe and its downstream direction, set on the map: press on the dam toe and
 * drag towards where a dam break would send the tailings (the arrow follows); release to finish. A click without a
 * drag sets only the point. The form's number fields do the same from the keyboard.
 */
import * as turf from '@turf/turf';
import type { Map as MapLibreMap } from 'maplibre-gl';

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
    const canvas = this.map.getCanvas();
    canvas.style.cursor = 'crosshair';
    // DOM pointer events (capture phase): the drawing library listens on the same canvas.
    canvas.addEventListener('pointerdown', this.down, true);
    canvas.addEventListener('pointermove', this.move, true);
    window.addEventListener('pointerup', this.up, true);
  }

  deactivate() {
    if (!this.active) return;
    this.active = false;
    this.start = null;
    const canvas = this.map.getCanvas();
    canvas.removeEventListener('pointerdown', this.down, true);
    canvas.removeEventListener('pointermove', this.move, true);
    window.removeEventListener('pointerup', this.up, true);
    if (this.panWasEnabled) this.map.dragPan.enable();
    canvas.style.cursor = '';
  }

  private at(e: PointerEvent): { lngLat: [number, number]; x: number; y: number } {
    const r = this.map.getCanvas().getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const p = this.map.unproject([x, y]);
    return { lngLat: [p.lng, p.lat], x, y };
  }

  private down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const { lngLat, x, y } = this.at(e);
    this.start = { point: lngLat, x, y };
    this.onChange({ point: lngLat, azimuth: null, done: false });
  };

  private azimuthTo(e: PointerEvent): number | null {
    if (!this.start) return null;
    const { lngLat, x, y } = this.at(e);
    if (Math.hypot(x - this.start.x, y - this.start.y) < MIN_DRAG_PX) return null;
    const b = turf.bearing(this.start.point, lngLat);
    return Math.round(((b + 360) % 360) * 10) / 10;
  }

  private move = (e: PointerEvent) => {
    if (!this.start) return;
    e.stopPropagation();
    this.onChange({ point: this.start.point, azimuth: this.azimuthTo(e), done: false });
  };

  private up = (e: PointerEvent) => {
    if (!this.start) return;
    const change = { point: this.start.point, azimuth: this.azimuthTo(e), done: true };
    this.start = null;
    this.onChange(change);
  };
}

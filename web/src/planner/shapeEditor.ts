/**
 * 图上绘制 drawing and editing the proposal's outline on the MapLibre map with terra-draw: draw a polygon (click the
 * corners, click the first one or press Enter to close), then edit it: drag a vertex, drag a midpoint to insert one,
 * right-click a vertex to delete it, drag the inside to move the whole shape. One proposal shape at a time.
 * Undo is the planner's own history (store.ts), so that pasted and uploaded shapes undo the same way.
 */
import type { Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export type EditorMode = 'static' | 'draw' | 'edit';

/** What just happened to the shape: still moving (a drag in progress) or a finished action. */
export type ShapeEvent =
  | { phase: 'moving'; geometry: Polygon }
  | { phase: 'done'; geometry: Polygon; action: string };

export interface ShapeEditorHandlers {
  onShape(event: ShapeEvent): void;
  /** The editor switched mode by itself (after a polygon is closed it goes to edit). */
  onMode(mode: EditorMode): void;
}

const BRAND = '#1f4e79';
const ACCENT = '#f17c0e';
const PRECISION = 9;

const round = (v: number) => Math.round(v * 10 ** PRECISION) / 10 ** PRECISION;

/** terra-draw takes one outer ring, closed, at most 9 decimals, no repeated neighbours. */
export function editablePolygon(g: Polygon): Polygon {
  const ring: number[][] = [];
  for (const p of g.coordinates[0]) {
    const q = [round(p[0]), round(p[1])];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) ring.push(q);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

export class ShapeEditor {
  private draw: TerraDraw;
  private featureId: string | number | null = null;
  private mode: EditorMode = 'static';
  /** Set while a drag is in progress (terra-draw emits updates before its finish event). */
  private dragging = false;

  constructor(
    private map: MapLibreMap,
    private handlers: ShapeEditorHandlers,
  ) {
    // Refuse a self-intersecting outline when a corner is committed (the server would refuse it too).
    const notSelfIntersecting = (feature: GeoJSONStoreFeatures, context: { updateType: string }) =>
      context.updateType === 'provisional' ? { valid: true } : ValidateNotSelfIntersecting(feature);
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION, prefixId: 'planner-draw' }),
      modes: [
        new TerraDrawPolygonMode({
          pointerDistance: 24,
          validation: notSelfIntersecting as never,
          styles: {
            fillColor: BRAND,
            fillOpacity: 0.12,
            outlineColor: BRAND,
            outlineWidth: 2.5,
            closingPointColor: ACCENT,
            closingPointWidth: 6,
            closingPointOutlineColor: '#ffffff',
            closingPointOutlineWidth: 2,
          },
        }),
        new TerraDrawSelectMode({
          pointerDistance: 14,
          // terra-draw skips every n-th drag event (default 5): when the skipped one is the last before release, the
          // vertex stops short of the pointer. Skip none in practice.
          dragEventThrottle: Number.MAX_SAFE_INTEGER,
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          flags: {
            polygon: {
              feature: {
                draggable: true,
                validation: notSelfIntersecting as never,
                coordinates: { draggable: true, midpoints: true, deletable: true },
              },
            },
          },
          styles: {
            selectedPolygonColor: BRAND,
            selectedPolygonFillOpacity: 0.14,
            selectedPolygonOutlineColor: BRAND,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: BRAND,
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2.5,
            midPointColor: ACCENT,
            midPointOutlineColor: '#ffffff',
            midPointWidth: 3.5,
            midPointOutlineWidth: 1.5,
          },
        }),
      ],
    });
    this.draw.start();
    this.draw.on('change', this.onChange);
    this.draw.on('finish', this.onFinish);
  }

  /** The outline last reported, so selection and styling updates (same geometry) are not taken for edits. */
  private lastGeometry = '';

  private onChange = (ids: (string | number)[], type: string) => {
    if (type !== 'update' || this.featureId === null || !ids.includes(this.featureId) || this.mode !== 'edit') return;
    const f = this.draw.getSnapshotFeature(this.featureId);
    if (f?.geometry.type !== 'Polygon') return;
    const key = JSON.stringify(f.geometry.coordinates);
    if (key === this.lastGeometry) return;
    this.lastGeometry = key;
    this.dragging = true;
    this.handlers.onShape({ phase: 'moving', geometry: f.geometry as Polygon });
  };

  private onFinish = (id: string | number, context: { mode: string; action: string }) => {
    const f = this.draw.getSnapshotFeature(id);
    if (f?.geometry.type !== 'Polygon') return;
    this.dragging = false;
    this.lastGeometry = JSON.stringify(f.geometry.coordinates);
    if (context.action === 'draw') {
      // A new outline replaces the old one.
      if (this.featureId !== null && this.featureId !== id && this.draw.hasFeature(this.featureId)) this.draw.removeFeatures([this.featureId]);
      this.featureId = id;
      this.setMode('edit');
      this.handlers.onMode('edit');
    }
    this.handlers.onShape({ phase: 'done', geometry: f.geometry as Polygon, action: context.action });
  };

  get isDragging(): boolean {
    return this.dragging;
  }

  getMode(): EditorMode {
    return this.mode;
  }

  setMode(mode: EditorMode) {
    this.mode = mode;
    if (mode === 'draw') {
      this.draw.setMode('polygon');
    } else if (mode === 'edit' && this.featureId !== null && this.draw.hasFeature(this.featureId)) {
      this.draw.setMode('select');
      this.draw.selectFeature(this.featureId);
    } else {
      this.mode = 'static';
      this.draw.setMode('static');
    }
  }

  /** Shows `geometry` as the proposal's outline (null clears it); editable when it is a simple polygon. */
  setGeometry(geometry: Polygon | null, mode: EditorMode = this.mode === 'draw' ? 'edit' : this.mode) {
    if (this.featureId !== null && this.draw.hasFeature(this.featureId)) {
      this.draw.setMode('static');
      this.draw.removeFeatures([this.featureId]);
    }
    this.featureId = null;
    if (geometry) {
      const id = this.draw.getFeatureId();
      const polygon = editablePolygon(geometry);
      const [result] = this.draw.addFeatures([{ id, type: 'Feature', geometry: polygon, properties: { mode: 'polygon' } }]);
      if (result?.valid) {
        this.featureId = id;
        this.lastGeometry = JSON.stringify(this.draw.getSnapshotFeature(id)?.geometry.coordinates);
      }
    }
    this.setMode(this.featureId === null && mode === 'edit' ? 'static' : mode);
  }

  hasShape(): boolean {
    return this.featureId !== null;
  }

  /** Removes the drawing from the map (leaving the planner view). */
  destroy() {
    this.draw.off('change', this.onChange);
    this.draw.off('finish', this.onFinish);
    try {
      this.draw.stop();
    } catch {
      // The map may already be gone.
    }
    this.map.getCanvas().style.cursor = '';
  }
}

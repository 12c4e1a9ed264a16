/**
 * The planner's state and its work: the proposal being edited (kind, form, shape and its undo history), live hints,
 * the live check (debounced while a shape is edited, immediate when an edit ends; stale requests are aborted and
 * late answers ignored), the corner-table and file inputs, and the saved proposals. A plain store for React's
 * useSyncExternalStore (like data/layerStore.ts); the map and the drawing tools are bound in by Planner.tsx.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ApiRequestError } from '../api/client.ts';
import { atlas } from '../testHook.ts';
import * as api from './api.ts';
import type { CheckResponse, CornersResult, CornerSystem, ProposalDetail, ProposalStatus, ProposalSummary, RuleInfo } from './api.ts';
import { readShapeFile, ImportProblem, type ImportedShape } from './fileImport.ts';
import { computeHints, type Hints } from './hints.ts';
import { defaultValues, fromProperties, guessKind, mineralGroupOf, toFeature, validate, type FormValues, type ProposalKind, type ShapeGeometry } from './model.ts';
import { bboxOf, defaultEvidence, evidenceOf } from './results.ts';
import type { EditorMode, ShapeEditor, ShapeEvent } from './shapeEditor.ts';
import type { Label } from '../i18n/map.ts';

/** How long editing must pause before the server check runs. */
export const CHECK_DEBOUNCE_MS = 300;
/** Typing in the form waits a little longer. */
export const FORM_DEBOUNCE_MS = 500;

export interface ProblemInfo {
  kind: 'network' | 'api' | 'file' | 'other';
  status?: number;
  message: string;
  /** Words prepared in both languages (file problems). */
  text?: Label;
  details: { line?: number; field?: string; problem: string }[];
}

export function problemOf(error: unknown): ProblemInfo {
  if (error instanceof ApiRequestError) {
    const details = (error.details as { line?: number; field?: string; problem?: string }[]).map((d) => ({ line: d.line, field: d.field, problem: String(d.problem ?? '') }));
    return { kind: 'api', status: error.status, message: error.message, details };
  }
  if (error instanceof ImportProblem) return { kind: 'file', message: error.message, text: error.text, details: [] };
  if (error instanceof TypeError) return { kind: 'network', message: error.message, details: [] };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error), details: [] };
}

export type Tool = 'none' | 'draw' | 'edit' | 'dam';

export interface CheckState {
  status: 'idle' | 'loading' | 'done' | 'error';
  result: CheckResponse | null;
  /** The feature the result was computed for (for export and the report). */
  feature: Feature | null;
  checkedAt: string | null;
  /** 'saved': a check stored with the proposal; 'live': POST /api/checks. */
  source: 'live' | 'saved' | null;
  /** The shape changed since the result was computed. */
  stale: boolean;
  error: ProblemInfo | null;
  /** Increments with every result; the results panel reports when it has shown one (timing). */
  seq: number;
}

export interface CornersState {
  text: string;
  system: 'auto' | 'gk3' | 'gk6' | 'lonlat';
  centralMeridian: string;
  status: 'idle' | 'loading' | 'done' | 'error';
  result: CornersResult | null;
  error: ProblemInfo | null;
}

export interface UploadState {
  status: 'idle' | 'loading' | 'choose' | 'done' | 'error';
  fileName: string;
  candidates: ImportedShape[];
  error: ProblemInfo | null;
  /** The kind was switched because of the file's contents. */
  switchedKind: ProposalKind | null;
}

export interface SavedState {
  detail: ProposalDetail | null;
  busy: 'saving' | 'status' | 'opening' | 'deleting' | null;
  error: { title: Label; problem: ProblemInfo } | null;
  /** The form and shape differ from what was saved. */
  dirty: boolean;
}

export interface PlannerState {
  kind: ProposalKind;
  values: FormValues;
  extra: Record<string, unknown>;
  shape: ShapeGeometry | null;
  /** Previous shapes, newest last (undo). */
  history: (ShapeGeometry | null)[];
  tool: Tool;
  hints: Hints | null;
  check: CheckState;
  /** The result whose evidence the map shows and zooms to (null: every failing result's). */
  focusRule: string | null;
  corners: CornersState;
  upload: UploadState;
  saved: SavedState;
  list: { status: 'idle' | 'loading' | 'done' | 'error'; items: ProposalSummary[]; error: ProblemInfo | null };
  rules: Record<string, RuleInfo>;
  rulesError: ProblemInfo | null;
  report: boolean;
  shapeTab: 'draw' | 'corners' | 'file';
  /** A vertex or the shape is being dragged right now (the map overlay holds still meanwhile). */
  dragging: boolean;
}

export interface PlannerHook {
  /** Completed live or saved checks shown. */
  checks: number;
  loading: boolean;
  verdict: string | null;
  results: { rule: string; status: string; measured: number | null }[];
  /** ms from the end of a vertex drag to the results panel showing that shape's result. */
  dragToResultsMs: number[];
  /** The same, split: [request sent, answer received, panel shown] in ms after the drag ended, and the request's
   * own time in the network stack and the server (Resource Timing: startTime → responseEnd). */
  dragBreakdown: [number, number, number, number | null][];
  shape: ShapeGeometry | null;
  tool: Tool;
  proposalId: string | null;
  proposalStatus: string | null;
  reportReady: boolean;
  hints: Hints | null;
  /** The review evidence the map shows now. */
  evidence: FeatureCollection | null;
}

declare module '../testHook.ts' {
  interface AtlasHook {
    planner?: PlannerHook;
  }
}

const emptyCheck: CheckState = { status: 'idle', result: null, feature: null, checkedAt: null, source: null, stale: false, error: null, seq: 0 };

function initialState(): PlannerState {
  return {
    kind: 'mining_rights',
    values: defaultValues('mining_rights'),
    extra: {},
    shape: null,
    history: [],
    tool: 'none',
    hints: null,
    check: emptyCheck,
    focusRule: null,
    corners: { text: '', system: 'auto', centralMeridian: '', status: 'idle', result: null, error: null },
    upload: { status: 'idle', fileName: '', candidates: [], error: null, switchedKind: null },
    saved: { detail: null, busy: null, error: null, dirty: false },
    list: { status: 'idle', items: [], error: null },
    rules: {},
    rulesError: null,
    report: false,
    shapeTab: 'draw',
    dragging: false,
  };
}

const DRAG_ACTIONS = new Set(['dragCoordinate', 'dragFeature', 'insertMidpoint', 'deleteCoordinate', 'dragCoordinateResize']);

/** The URL of the planner view for a proposal (`/planner?proposal=…`), keeping the map position in the hash. */
function setUrlProposal(id: string | null) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('proposal', id);
  else url.searchParams.delete('proposal');
  if (url.href !== window.location.href) window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export class PlannerStore {
  private state: PlannerState = initialState();
  private listeners = new Set<() => void>();
  private editor: ShapeEditor | null = null;
  private map: MapLibreMap | null = null;
  private layerData: { mining_rights?: FeatureCollection; rivers?: FeatureCollection } = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: { controller: AbortController; key: string } | null = null;
  private lastKey: string | null = null;
  private requestSeq = 0;
  private hintFrame = 0;
  private pendingShape: Polygon | null = null;
  /** A drag ended at `at`; its result is the one for `key`. */
  private dragEnd: { at: number; key: string | null; sent?: number; answered?: number } | null = null;
  private awaitingRender: { seq: number; at: number; sent?: number; answered?: number } | null = null;
  private hook: PlannerHook = {
    checks: 0,
    loading: false,
    verdict: null,
    results: [],
    dragToResultsMs: [],
    dragBreakdown: [],
    shape: null,
    tool: 'none',
    proposalId: null,
    proposalStatus: null,
    reportReady: false,
    hints: null,
    evidence: null,
  };

  constructor() {
    atlas.planner = this.hook;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  private set(patch: Partial<PlannerState>) {
    this.state = { ...this.state, ...patch };
    const s = this.state;
    Object.assign(this.hook, {
      loading: s.check.status === 'loading',
      verdict: s.check.result?.verdict ?? null,
      results: (s.check.result?.results ?? []).map((r) => ({ rule: r.rule, status: r.status, measured: r.measured })),
      shape: s.shape,
      tool: s.tool,
      proposalId: s.saved.detail?.id ?? null,
      proposalStatus: s.saved.detail?.status ?? null,
      hints: s.hints,
      evidence: this.evidence(),
    });
    for (const l of this.listeners) l();
  }

  // ------------------------------------------------------------------------------------------ bindings

  bindMap(map: MapLibreMap | null) {
    this.map = map;
  }

  bindEditor(editor: ShapeEditor | null) {
    this.editor = editor;
    if (editor && this.state.shape) {
      this.showInEditor(this.state.shape, this.locked ? 'static' : 'edit');
      this.set({ tool: editor.getMode() === 'edit' ? 'edit' : 'none' });
    }
  }

  setLayerData(data: { mining_rights?: FeatureCollection; rivers?: FeatureCollection }) {
    const changed = data.mining_rights !== this.layerData.mining_rights || data.rivers !== this.layerData.rivers;
    this.layerData = data;
    if (changed && this.state.shape) this.set({ hints: computeHints(this.state.kind, this.state.shape, this.layerData) });
  }

  destroy() {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.hintFrame);
    this.inflight?.controller.abort();
  }

  // ------------------------------------------------------------------------------------------ form

  setKind(kind: ProposalKind) {
    if (kind === this.state.kind) return;
    const values = { ...defaultValues(kind), name: this.state.values.name };
    this.set({ kind, values, extra: {}, hints: this.state.shape ? computeHints(kind, this.state.shape, this.layerData) : null, focusRule: null, saved: { ...this.state.saved, dirty: true } });
    if (kind === 'mining_rights' && this.state.tool === 'dam') this.setTool(this.editor?.hasShape() ? 'edit' : 'none');
    this.scheduleCheck(0);
  }

  setValue(key: string, value: string | boolean) {
    const values = { ...this.state.values, [key]: value };
    if (key === 'mineral' && typeof value === 'string' && mineralGroupOf[value]) {
      const previousAuto = mineralGroupOf[String(this.state.values.mineral)];
      if (!this.state.values.mineralGroup || this.state.values.mineralGroup === previousAuto) values.mineralGroup = mineralGroupOf[value];
    }
    this.set({ values, saved: { ...this.state.saved, dirty: true } });
    this.scheduleCheck(FORM_DEBOUNCE_MS);
  }

  /** From the dam tool on the map. */
  setDam(point: [number, number], azimuth: number | null, done: boolean) {
    const values: FormValues = { ...this.state.values, damLon: point[0].toFixed(6), damLat: point[1].toFixed(6) };
    if (azimuth !== null) values.downstreamAzimuthDeg = String(azimuth);
    this.set({ values, saved: { ...this.state.saved, dirty: true } });
    if (done) {
      this.setTool(this.editor?.hasShape() ? 'edit' : 'none');
      this.scheduleCheck(0);
    }
  }

  feature(): Feature<ShapeGeometry> | null {
    const { shape, kind, values, extra } = this.state;
    return shape ? toFeature(kind, values, shape, extra) : null;
  }

  // ------------------------------------------------------------------------------------------ shape

  /** A saved proposal past draft is read-only until moved back to draft. */
  get locked(): boolean {
    const d = this.state.saved.detail;
    return !!d && d.status !== 'draft';
  }

  setTool(tool: Tool) {
    if (this.locked && tool !== 'none') tool = 'none';
    const editorMode: EditorMode = tool === 'draw' ? 'draw' : tool === 'edit' ? 'edit' : 'static';
    this.editor?.setMode(editorMode);
    const actual: Tool = tool === 'edit' && this.editor?.getMode() !== 'edit' ? 'none' : tool;
    this.set({ tool: actual });
  }

  /** Editor events: a vertex moving (hints now, check when editing pauses) or an edit done (check now). */
  onEditorShape = (event: ShapeEvent) => {
    if (event.phase === 'moving') {
      this.pendingShape = event.geometry;
      if (!this.hintFrame) {
        this.hintFrame = requestAnimationFrame(() => {
          this.hintFrame = 0;
          const g = this.pendingShape;
          if (!g) return;
          this.pendingShape = null;
          this.set({ shape: g, dragging: true, hints: computeHints(this.state.kind, g, this.layerData), check: { ...this.state.check, stale: !!this.state.check.result } });
        });
      }
      this.scheduleCheck(CHECK_DEBOUNCE_MS);
      return;
    }
    cancelAnimationFrame(this.hintFrame);
    this.hintFrame = 0;
    this.pendingShape = null;
    const at = performance.now();
    const previous = this.committedShape;
    const geometry: ShapeGeometry = event.geometry;
    let values = this.state.values;
    if (event.action === 'dragFeature' && previous?.type === 'Polygon') values = this.movedDam(previous, event.geometry);
    const history = [...this.state.history, previous];
    this.committedShape = geometry;
    // The request goes out first (checkNow publishes the state); the hints follow on the next frame.
    this.state = { ...this.state, shape: geometry, dragging: false, values, history, saved: { ...this.state.saved, dirty: true } };
    if (DRAG_ACTIONS.has(event.action)) this.dragEnd = { at, key: null };
    this.checkNow();
    if (this.state.check.status !== 'loading') this.set({});
    this.hintFrame = requestAnimationFrame(() => {
      this.hintFrame = 0;
      if (this.state.shape === geometry) this.set({ hints: computeHints(this.state.kind, geometry, this.layerData) });
    });
  };

  onEditorMode = (mode: EditorMode) => {
    this.set({ tool: mode === 'draw' ? 'draw' : mode === 'edit' ? 'edit' : 'none' });
  };

  /** The last shape an edit ended with (the undo history is made of these). */
  private committedShape: ShapeGeometry | null = null;

  /** A pond moved as a whole takes its dam toe along. */
  private movedDam(before: Polygon, after: Polygon): FormValues {
    const lon = Number(this.state.values.damLon);
    const lat = Number(this.state.values.damLat);
    if (this.state.kind !== 'tailings_ponds' || !String(this.state.values.damLon).trim() || !Number.isFinite(lon) || !Number.isFinite(lat)) return this.state.values;
    const [a, b] = [turf.centroid(turf.polygon(before.coordinates)).geometry.coordinates, turf.centroid(turf.polygon(after.coordinates)).geometry.coordinates];
    return { ...this.state.values, damLon: (lon + b[0] - a[0]).toFixed(6), damLat: (lat + b[1] - a[1]).toFixed(6) };
  }

  private showInEditor(shape: ShapeGeometry | null, mode: EditorMode) {
    if (!this.editor) return;
    const editable = shape?.type === 'Polygon' && shape.coordinates.length === 1 ? shape : null;
    this.editor.setGeometry(editable, editable ? mode : 'static');
  }

  /** A shape from the corner table, a file, a reopened proposal or the undo history. */
  setShape(shape: ShapeGeometry | null, options: { record?: boolean; fit?: boolean } = {}) {
    const history = options.record === false ? this.state.history : [...this.state.history, this.committedShape];
    this.committedShape = shape;
    const editable = shape?.type === 'Polygon' && shape.coordinates.length === 1;
    this.showInEditor(shape, 'edit');
    this.set({
      shape,
      history,
      tool: editable && this.editor?.getMode() === 'edit' ? 'edit' : 'none',
      hints: shape ? computeHints(this.state.kind, shape, this.layerData) : null,
      focusRule: null,
      saved: { ...this.state.saved, dirty: true },
    });
    if (options.fit && shape) this.fitTo(shape);
    if (shape) this.checkNow();
    else this.clearCheck();
  }

  undo() {
    const history = [...this.state.history];
    if (!history.length) return;
    const previous = history.pop()!;
    this.committedShape = previous;
    this.state = { ...this.state, history };
    this.setShape(previous, { record: false });
  }

  /** Moves one vertex list entry out (keyboard alternative to right-click). */
  deleteVertex(index: number) {
    const shape = this.state.shape;
    if (shape?.type !== 'Polygon') return;
    const ring = shape.coordinates[0].slice(0, -1);
    if (ring.length <= 3) return;
    ring.splice(index, 1);
    this.setShape({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
  }

  fitTo(shape: ShapeGeometry | FeatureCollection, maxZoom = 15) {
    const map = this.map;
    if (!map) return;
    const features = 'features' in shape ? shape.features : [{ type: 'Feature' as const, properties: {}, geometry: shape }];
    const b = bboxOf(features);
    if (!b) return;
    map.fitBounds([b[0], b[1], b[2], b[3]], { padding: 60, maxZoom, duration: 0 });
  }

  // ------------------------------------------------------------------------------------------ live check

  private clearCheck() {
    clearTimeout(this.timer);
    this.inflight?.controller.abort();
    this.inflight = null;
    this.lastKey = null;
    this.set({ check: { ...emptyCheck, seq: this.state.check.seq } });
  }

  private scheduleCheck(delay: number) {
    clearTimeout(this.timer);
    if (!this.state.shape && !this.pendingShape) return;
    this.timer = setTimeout(() => this.checkNow(), delay);
  }

  /** Runs the check for the current proposal unless that exact feature is already answered or on its way. */
  checkNow(force = false) {
    clearTimeout(this.timer);
    const shape = this.pendingShape ?? this.state.shape;
    if (!shape) return;
    const feature = toFeature(this.state.kind, this.state.values, shape, this.state.extra);
    const key = JSON.stringify([this.state.kind, feature]);
    if (this.dragEnd && this.dragEnd.key === null) this.dragEnd.key = key;
    if (!force && (this.inflight?.key === key || (this.lastKey === key && this.state.check.status === 'done'))) {
      if (this.lastKey === key && this.state.check.stale) this.set({ check: { ...this.state.check, stale: false } });
      if (this.lastKey === key && this.state.check.status === 'done' && this.dragEnd?.key === key) {
        // Already shown: the drag ended on a shape checked while it paused.
        this.recordTiming(this.dragEnd.at);
      }
      return;
    }
    this.inflight?.controller.abort();
    const controller = new AbortController();
    this.inflight = { controller, key };
    const seq = ++this.requestSeq;
    if (this.dragEnd?.key === key) this.dragEnd.sent = performance.now();
    const request = api.runCheck(this.state.kind, feature, controller.signal);
    this.set({ check: { ...this.state.check, status: 'loading', error: null } });
    request
      .then((result) => {
        if (controller.signal.aborted || seq !== this.requestSeq) return;
        this.inflight = null;
        this.lastKey = key;
        const stillCurrent = key === JSON.stringify([this.state.kind, this.feature()]);
        const nextSeq = this.state.check.seq + 1;
        if (this.dragEnd?.key === key) {
          this.awaitingRender = { seq: nextSeq, at: this.dragEnd.at, sent: this.dragEnd.sent, answered: performance.now() };
          this.dragEnd = null;
        }
        this.set({
          check: { status: 'done', result, feature, checkedAt: new Date().toISOString(), source: 'live', stale: !stillCurrent, error: null, seq: nextSeq },
          focusRule: this.state.focusRule && result.results.some((r) => r.rule === this.state.focusRule) ? this.state.focusRule : null,
        });
        this.hook.checks++;
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || seq !== this.requestSeq) return;
        this.inflight = null;
        this.dragEnd = null;
        this.set({ check: { ...this.state.check, status: 'error', error: problemOf(error) } });
      });
  }

  /** The results panel has shown result `seq` (called from its effect, after the DOM update). */
  rendered(seq: number) {
    const a = this.awaitingRender;
    if (a && a.seq === seq) {
      const now = performance.now();
      const entry = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/checks')).pop() as PerformanceResourceTiming | undefined;
      const wire = entry && entry.startTime >= a.at ? Math.round(entry.responseEnd - entry.startTime) : null;
      this.hook.dragBreakdown.push([Math.round((a.sent ?? a.at) - a.at), Math.round((a.answered ?? now) - a.at), Math.round(now - a.at), wire]);
      this.recordTiming(a.at);
      this.awaitingRender = null;
    }
  }

  private recordTiming(at: number) {
    this.hook.dragToResultsMs.push(Math.round((performance.now() - at) * 10) / 10);
    this.dragEnd = null;
  }

  focusResult(rule: string | null) {
    const focusRule = this.state.focusRule === rule ? null : rule;
    this.set({ focusRule });
    const result = this.state.check.result;
    if (!result) return;
    const r = focusRule ? result.results.find((x) => x.rule === focusRule) : null;
    const evidence = r ? evidenceOf(r) : defaultEvidence(result);
    const shapeFeature = this.state.shape ? [{ type: 'Feature' as const, properties: {}, geometry: this.state.shape }] : [];
    const features = [...(evidence?.features ?? []), ...shapeFeature];
    if (features.length) this.fitTo({ type: 'FeatureCollection', features }, r ? 16 : 15);
  }

  /** What the map shows as evidence now. */
  evidence(): FeatureCollection | null {
    const result = this.state.check.result;
    if (!result) return null;
    const r = this.state.focusRule ? result.results.find((x) => x.rule === this.state.focusRule) : null;
    return r ? evidenceOf(r) : defaultEvidence(result);
  }

  // ------------------------------------------------------------------------------------------ corner table

  setCorners(patch: Partial<Pick<CornersState, 'text' | 'system' | 'centralMeridian'>>) {
    this.set({ corners: { ...this.state.corners, ...patch } });
  }

  private cornersController: AbortController | null = null;

  async parseCorners() {
    const c = this.state.corners;
    let system: CornerSystem | undefined;
    if (c.system !== 'auto') {
      const cm = Number(c.centralMeridian);
      system = { kind: c.system, ...(c.system !== 'lonlat' && c.centralMeridian.trim() && Number.isFinite(cm) ? { centralMeridian: cm } : {}) };
    }
    this.cornersController?.abort();
    const controller = new AbortController();
    this.cornersController = controller;
    this.set({ corners: { ...c, status: 'loading', error: null, result: null } });
    try {
      const result = await api.parseCorners(c.text, system, controller.signal);
      if (controller.signal.aborted) return;
      this.set({ corners: { ...this.state.corners, status: 'done', result, error: null } });
      this.fitTo(result.polygon, 16);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.set({ corners: { ...this.state.corners, status: 'error', error: problemOf(error) } });
    }
  }

  acceptCorners() {
    const result = this.state.corners.result;
    if (!result) return;
    this.set({ corners: { ...this.state.corners, status: 'idle', result: null } });
    this.setShape(result.polygon, { fit: true });
  }

  discardCorners() {
    this.set({ corners: { ...this.state.corners, status: 'idle', result: null, error: null } });
  }

  // ------------------------------------------------------------------------------------------ files

  async importFile(file: File) {
    this.set({ upload: { status: 'loading', fileName: file.name, candidates: [], error: null, switchedKind: null } });
    try {
      const shapes = await readShapeFile(file);
      if (shapes.length === 1) this.useImported(shapes[0], file.name);
      else this.set({ upload: { status: 'choose', fileName: file.name, candidates: shapes, error: null, switchedKind: null } });
    } catch (error) {
      this.set({ upload: { status: 'error', fileName: file.name, candidates: [], error: problemOf(error), switchedKind: null } });
    }
  }

  useImported(shape: ImportedShape, fileName = this.state.upload.fileName) {
    const guessed = guessKind(shape);
    const kind = guessed ?? this.state.kind;
    const { values, extra } = fromProperties(kind, shape.properties);
    // Keep what the planner already typed where the file is silent.
    const merged: FormValues = { ...defaultValues(kind) };
    const current = kind === this.state.kind ? this.state.values : {};
    for (const key of Object.keys(merged)) {
      const fromFile = values[key];
      merged[key] = fromFile !== '' && fromFile !== false ? fromFile : (current[key] ?? merged[key]);
    }
    this.set({
      kind,
      values: merged,
      extra,
      upload: { status: 'done', fileName, candidates: [], error: null, switchedKind: guessed && guessed !== this.state.kind ? guessed : null },
    });
    this.setShape(shape.geometry, { fit: true });
  }

  // ------------------------------------------------------------------------------------------ proposals

  setShapeTab(shapeTab: PlannerState['shapeTab']) {
    this.set({ shapeTab });
  }

  async loadRules() {
    try {
      const rules = await api.fetchRules();
      this.set({ rules: Object.fromEntries(rules.map((r) => [r.id, r])), rulesError: null });
    } catch (error) {
      this.set({ rulesError: problemOf(error) });
    }
  }

  async loadList() {
    this.set({ list: { ...this.state.list, status: 'loading', error: null } });
    try {
      const items = await api.listProposals();
      this.set({ list: { status: 'done', items, error: null } });
    } catch (error) {
      this.set({ list: { ...this.state.list, status: 'error', error: problemOf(error) } });
    }
  }

  private savedError(title: Label, error: unknown) {
    this.set({ saved: { ...this.state.saved, busy: null, error: { title, problem: problemOf(error) } } });
  }

  dismissSavedError() {
    this.set({ saved: { ...this.state.saved, error: null } });
  }

  /** Saves the proposal (create or update a draft), then stores a check with it (profile + rule versions). */
  async save(titles: { save: Label }) {
    const feature = this.feature();
    if (!feature || Object.keys(validate(this.state.kind, this.state.values)).length) return;
    const current = this.state.saved.detail;
    this.set({ saved: { ...this.state.saved, busy: 'saving', error: null } });
    try {
      const detail = current ? await api.updateProposal(current.id, { feature }) : await api.createProposal(this.state.kind, feature);
      const stored = await api.checkProposal(detail.id);
      const fresh = await api.getProposal(detail.id);
      setUrlProposal(fresh.id);
      this.set({
        saved: { detail: fresh, busy: null, error: null, dirty: false },
        check: { status: 'done', result: stored.result, feature, checkedAt: stored.checkedAt, source: 'saved', stale: false, error: null, seq: this.state.check.seq + 1 },
      });
      this.hook.checks++;
      void this.loadList();
    } catch (error) {
      this.savedError(titles.save, error);
    }
  }

  async changeStatus(status: ProposalStatus, titles: { status: Label }) {
    const current = this.state.saved.detail;
    if (!current) return;
    this.set({ saved: { ...this.state.saved, busy: 'status', error: null } });
    try {
      const detail = await api.updateProposal(current.id, { status });
      this.set({ saved: { ...this.state.saved, detail, busy: null } });
      if (this.locked) this.setTool('none');
      void this.loadList();
    } catch (error) {
      this.savedError(titles.status, error);
    }
  }

  async remove(titles: { status: Label }) {
    const current = this.state.saved.detail;
    if (!current) return;
    this.set({ saved: { ...this.state.saved, busy: 'deleting', error: null } });
    try {
      await api.deleteProposal(current.id);
      this.newProposal();
      void this.loadList();
    } catch (error) {
      this.savedError(titles.status, error);
    }
  }

  newProposal() {
    clearTimeout(this.timer);
    this.inflight?.controller.abort();
    this.inflight = null;
    this.lastKey = null;
    this.committedShape = null;
    this.showInEditor(null, 'static');
    const keep = { list: this.state.list, rules: this.state.rules, rulesError: this.state.rulesError };
    this.state = { ...initialState(), ...keep, check: { ...emptyCheck, seq: this.state.check.seq } };
    setUrlProposal(null);
    this.set({});
  }

  /** Reopens a saved proposal: its form, its shape (editable) and its latest saved check. */
  async open(id: string, titles: { open: Label }) {
    this.set({ saved: { ...this.state.saved, busy: 'opening', error: null } });
    try {
      const detail = await api.getProposal(id);
      const kind = detail.layer;
      const { values, extra } = fromProperties(kind, detail.feature.properties);
      clearTimeout(this.timer);
      this.inflight?.controller.abort();
      this.inflight = null;
      const latest = detail.checks[0] ?? null;
      const geometry = detail.feature.geometry as ShapeGeometry;
      this.committedShape = geometry;
      const feature = toFeature(kind, values, geometry, extra);
      this.lastKey = latest ? JSON.stringify([kind, feature]) : null;
      this.showInEditor(geometry, detail.status === 'draft' ? 'edit' : 'static');
      this.set({
        kind,
        values,
        extra,
        shape: geometry,
        history: [],
        tool: this.editor?.getMode() === 'edit' ? 'edit' : 'none',
        hints: computeHints(kind, geometry, this.layerData),
        focusRule: null,
        check: latest
          ? { status: 'done', result: latest.result, feature, checkedAt: latest.checkedAt, source: 'saved', stale: false, error: null, seq: this.state.check.seq + 1 }
          : { ...emptyCheck, seq: this.state.check.seq },
        saved: { detail, busy: null, error: null, dirty: false },
        corners: { ...this.state.corners, status: 'idle', result: null, error: null },
        upload: { ...this.state.upload, status: 'idle', candidates: [], error: null },
      });
      if (latest) this.hook.checks++;
      setUrlProposal(id);
      this.fitTo(geometry);
      if (!latest) this.checkNow();
    } catch (error) {
      this.savedError(titles.open, error);
    }
  }

  /** Puts the open proposal back in the URL (after coming back to the view). */
  syncUrl() {
    setUrlProposal(this.state.saved.detail?.id ?? null);
  }

  // ------------------------------------------------------------------------------------------ report

  setReport(open: boolean) {
    this.hook.reportReady = false;
    this.set({ report: open });
  }

  reportReady() {
    this.hook.reportReady = true;
  }
}

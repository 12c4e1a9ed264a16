/**
 * 选址审查 the planner review view: the proposal panel on the left (kind, shape, attributes, save, saved
 * proposals), the live results on the right, the map in the middle (shared with the atlas view). Wires the store to
 * the map: the drawing tools, the evidence, the proposal overlay, the printed report.
 */
import type { Layer } from '@deck.gl/core';
import * as turf from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LayerId, LayerSummary } from '../api/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import { proposalLayers } from '../map/layers/proposal/index.ts';
import { captureMap } from './capture.ts';
import { DamTool } from './damTool.ts';
import { azimuthOf, damPointOf, validate } from './model.ts';
import { ProposalForm } from './ProposalForm.tsx';
import { ProposalHead, ProposalList } from './ProposalPanels.tsx';
import { Report } from './Report.tsx';
import { allEvidence, atLeast, bboxOf, formatArea, verdictCollection } from './results.ts';
import { ResultsPanel } from './ResultsPanel.tsx';
import { ShapeEditor } from './shapeEditor.ts';
import { ShapePanel } from './ShapePanel.tsx';
import { PlannerStore } from './store.ts';
import { T } from './text.ts';
import './planner.css';

export interface PlannerProps {
  map: MapLibreMap | null;
  data: Partial<Record<LayerId, FeatureCollection>>;
  summaries: LayerSummary[] | null;
  /** Layer data is being fetched (the report waits for it before taking the map image). */
  loading: boolean;
  onEvidence(evidence: FeatureCollection | null): void;
  onOverlays(layers: Layer[]): void;
  /** The planner's tools take map clicks (no feature selection meanwhile). */
  onCapture(capturing: boolean): void;
  /** The layer switches, shown folded at the bottom of the panel. */
  layerPanel?: ReactNode;
}

/** One store for the session: leaving the view and coming back keeps the proposal. */
let shared: PlannerStore | null = null;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function Planner({ map, data, summaries, loading, onEvidence, onOverlays, onCapture, layerPanel }: PlannerProps) {
  const { l, lang } = useI18n();
  const store = useMemo(() => (shared ??= new PlannerStore()), []);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [zoom, setZoom] = useState(() => map?.getZoom() ?? 12);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [report, setReport] = useState<{ image: string | null; preparing: boolean } | null>(null);
  const damRef = useRef<DamTool | null>(null);
  const loadingRef = useRef(loading);
  loadingRef.current = loading;

  // Rules, proposals, and the proposal named in the URL.
  useEffect(() => {
    if (!Object.keys(store.getState().rules).length) void store.loadRules();
    void store.loadList();
    const id = new URLSearchParams(window.location.search).get('proposal');
    if (id && store.getState().saved.detail?.id !== id) void store.open(id, { open: T.errorOpen });
    else if (!id) store.syncUrl();
  }, [store]);

  // The drawing tools live on the map while the view is open.
  useEffect(() => {
    store.bindMap(map);
    if (!map) return;
    const editor = new ShapeEditor(map, { onShape: store.onEditorShape, onMode: store.onEditorMode });
    store.bindEditor(editor);
    const dam = new DamTool(map, ({ point, azimuth, done }) => store.setDam(point, azimuth, done));
    damRef.current = dam;
    const onZoom = () => setZoom(map.getZoom());
    map.on('zoomend', onZoom);
    setZoom(map.getZoom());
    return () => {
      map.off('zoomend', onZoom);
      dam.deactivate();
      damRef.current = null;
      store.bindEditor(null);
      editor.destroy();
      store.bindMap(null);
    };
  }, [map, store]);

  useEffect(() => {
    if (state.tool === 'dam') damRef.current?.activate();
    else damRef.current?.deactivate();
  }, [state.tool]);

  useEffect(() => {
    store.setLayerData({ mining_rights: data.mining_rights, rivers: data.rivers });
  }, [store, data.mining_rights, data.rivers]);

  useEffect(() => onCapture(state.tool !== 'none'), [onCapture, state.tool]);
  useEffect(() => () => onCapture(false), [onCapture]);

  // Evidence on the map: the chosen result's, or every failing result's.
  const evidence = useMemo(() => store.evidence(), [store, state.check.result, state.focusRule]);
  useEffect(() => onEvidence(evidence), [onEvidence, evidence]);
  useEffect(() => () => onEvidence(null), [onEvidence]);

  // The proposal overlay: outline (when not editable on the map), corner preview, dam and arrow, area label. The
  // label follows the shape the results are for, so a vertex drag (terra-draw draws the moving outline, the hints
  // panel gives the live area) and its end do not rebuild the map's layers; the answer then redraws them once.
  const labelShape = state.check.result && state.check.feature ? (state.check.feature.geometry as typeof state.shape) : state.dragging ? null : state.shape;
  const staticShape = state.shape && !(state.shape.type === 'Polygon' && state.shape.coordinates.length === 1) ? state.shape : null;
  const overlays = useMemo(() => {
    const dam = state.kind === 'tailings_ponds' ? damPointOf(state.values) : null;
    const labels: { position: [number, number]; text: string }[] = [];
    if (labelShape) {
      const f = turf.feature(labelShape);
      const c = turf.centerOfMass(f).geometry.coordinates;
      labels.push({ position: [c[0], c[1]], text: formatArea(turf.area(f), lang) });
    }
    return proposalLayers({
      zoom,
      staticShape,
      verdict: state.check.result?.verdict ?? null,
      corners: state.corners.result ? { shape: state.corners.result.polygon, points: state.corners.result.points } : null,
      dam: dam ? { point: dam, azimuth: azimuthOf(state.values) } : null,
      labels,
    });
  }, [labelShape, staticShape, state.kind, state.values, state.check.result, state.corners.result, zoom, lang]);
  useEffect(() => onOverlays(overlays), [onOverlays, overlays]);
  useEffect(() => () => onOverlays([]), [onOverlays]);

  // Keyboard: Ctrl+Z undoes a shape edit (not while typing), Esc leaves the dam tool.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      // While a polygon is being drawn, terra-draw owns the keys (Enter closes, Esc cancels).
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !typing && store.getState().tool !== 'draw') {
        e.preventDefault();
        store.undo();
      } else if (e.key === 'Escape' && store.getState().tool === 'dam') {
        store.setTool(store.getState().shape ? 'edit' : 'none');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const errors = validate(state.kind, state.values);
  const invalid = Object.keys(errors).length > 0;
  const blocked = showAll && (invalid || !state.shape) ? (!state.shape ? l(T.formNeedsShape) : l(T.formInvalid)) : null;

  const onSave = () => {
    setShowAll(true);
    if (!state.shape || invalid) {
      const first = Object.keys(errors)[0];
      if (first) document.getElementById(`pf-${first}`)?.focus();
      return;
    }
    void store.save({ save: T.errorSave });
  };

  const onExport = () => {
    const { check, kind } = store.getState();
    if (!check.result || !check.feature) return;
    const fc = verdictCollection(check.feature, check.result, {
      kind,
      checkedAt: check.checkedAt ?? new Date().toISOString(),
      ruleTitles: Object.fromEntries(Object.values(store.getState().rules).map((r) => [r.id, r.title])),
    });
    const name = String(check.feature.properties?.name || 'proposal').replace(/[\\/:*?"<>|\s]+/g, '_');
    download(`${name}-审查结果.geojson`, JSON.stringify(fc, null, 2));
  };

  const waitForData = useCallback(async () => {
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 350));
    while (loadingRef.current && performance.now() - started < 8000) await new Promise((r) => setTimeout(r, 100));
  }, []);

  /** The tool to go back to when the report closes (the map is captured without editing handles). */
  const toolBeforeReport = useRef(state.tool);

  const onReport = async () => {
    const s = store.getState();
    if (!s.check.result || !map) return;
    setReport({ image: null, preparing: true });
    store.setReport(true);
    toolBeforeReport.current = s.tool;
    store.setTool('none');
    // The printed map shows every result's evidence around the proposal, at least 3 km across.
    const every = allEvidence(s.check.result);
    onEvidence(every.features.length ? every : null);
    const shapeFeature = s.check.feature ? [s.check.feature] : [];
    const box = bboxOf([...shapeFeature, ...every.features]);
    let image: string | null = null;
    try {
      image = await captureMap(map, box ? atLeast(box, 3000) : null, waitForData);
    } catch {
      image = null;
    }
    onEvidence(store.evidence());
    setReport({ image, preparing: false });
    if (!image) store.reportReady();
  };

  const closeReport = useCallback(() => {
    setReport(null);
    store.setReport(false);
    const tool = toolBeforeReport.current;
    store.setTool(tool === 'dam' || tool === 'draw' ? 'none' : tool);
  }, [store]);

  return (
    <>
      <nav className="sidebar planner-sidebar" aria-label={l(T.panelTitle)}>
        <ProposalHead state={state} store={store} blocked={blocked} onSave={onSave} />
        <ShapePanel state={state} store={store} />
        <ProposalForm
          kind={state.kind}
          values={state.values}
          summaries={summaries}
          tool={state.tool}
          showAll={showAll}
          touched={touched}
          onChange={(key, value) => {
            store.setValue(key, value);
            setTouched((t) => new Set(t).add(key));
          }}
          onTouch={(key) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)))}
          onDamTool={(on) => store.setTool(on ? 'dam' : store.getState().shape ? 'edit' : 'none')}
          locked={store.locked}
        />
        <ProposalList state={state} store={store} />
        {layerPanel && (
          <details className="planner-layers">
            <summary>{l({ zh: '图层', en: 'Layers' })}</summary>
            {layerPanel}
          </details>
        )}
      </nav>
      <ResultsPanel state={state} store={store} onExport={onExport} onReport={() => void onReport()} />
      {report && <Report state={state} summaries={summaries} image={report.image} preparing={report.preparing} onClose={closeReport} onImageLoaded={() => store.reportReady()} />}
    </>
  );
}

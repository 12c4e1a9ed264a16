/**
 * 范围 the three ways to give the proposal's shape, as tabs: draw and edit on the map (terra-draw), paste a
 * 拐点坐标 table (read and converted by the server, shown for confirmation), or upload a GeoJSON / KML / zipped
 * Shapefile. Undo covers all three.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { Label } from '../i18n/map.ts';
import type { ShapeGeometry } from './model.ts';
import { Problem } from './Problem.tsx';
import { formatArea } from './results.ts';
import type { PlannerState, PlannerStore } from './store.ts';
import { colon, T } from './text.ts';

const tabs: { id: PlannerState['shapeTab']; label: Label }[] = [
  { id: 'draw', label: T.shapeDraw },
  { id: 'corners', label: T.shapeCorners },
  { id: 'file', label: T.shapeFile },
];

function editable(shape: ShapeGeometry | null): boolean {
  return shape?.type === 'Polygon' && shape.coordinates.length === 1;
}

export function ShapePanel({ state, store }: { state: PlannerState; store: PlannerStore }) {
  const { l, lang } = useI18n();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const { shape, tool, corners, upload } = state;
  const active = state.shapeTab;
  const locked = store.locked;

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const next = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const i = (next + tabs.length) % tabs.length;
    store.setShapeTab(tabs[i].id);
    tabRefs.current[i]?.focus();
  };

  const vertices = shape?.type === 'Polygon' ? shape.coordinates[0].slice(0, -1) : [];

  return (
    <section className="panel planner-section" aria-labelledby="shape-heading">
      <div className="section-head">
        <h2 id="shape-heading">{l(T.shape)}</h2>
        {state.hints && <span className="shape-area">{formatArea(state.hints.areaM2, lang)}</span>}
      </div>
      <div className="shape-tabs" role="tablist" aria-label={l(T.shape)}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`shape-tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`shape-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className="shape-tab"
            onClick={() => store.setShapeTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {l(t.label)}
          </button>
        ))}
      </div>

      <div className="shape-tools" aria-label={l(T.shape)}>
        <button type="button" className="tool-button" onClick={() => store.undo()} disabled={locked || !state.history.length} aria-keyshortcuts="Control+Z">
          {l(T.undo)}
        </button>
        <button type="button" className="tool-button" onClick={() => store.setShape(null)} disabled={locked || !shape}>
          {l(T.clearShape)}
        </button>
        <button type="button" className="tool-button" onClick={() => shape && store.fitTo(shape)} disabled={!shape}>
          {l(T.fitShape)}
        </button>
      </div>

      {active === 'draw' && (
        <div role="tabpanel" id="shape-panel-draw" aria-labelledby="shape-tab-draw" className="shape-panel">
          <div className="shape-tools">
            <button type="button" className={tool === 'draw' ? 'tool-button primary active' : 'tool-button primary'} aria-pressed={tool === 'draw'} disabled={locked} onClick={() => store.setTool(tool === 'draw' ? 'none' : 'draw')}>
              {l(T.drawStart)}
            </button>
            <button
              type="button"
              className={tool === 'edit' ? 'tool-button active' : 'tool-button'}
              aria-pressed={tool === 'edit'}
              disabled={locked || !editable(shape)}
              onClick={() => store.setTool(tool === 'edit' ? 'none' : 'edit')}
            >
              {tool === 'edit' ? l(T.drawStop) : l(T.drawEdit)}
            </button>
          </div>
          <p className="hint" role="status">
            {locked
              ? l(T.onlyDraft)
              : tool === 'draw'
                ? l(T.drawHelpDraw)
                : tool === 'edit'
                  ? l(T.drawHelpEdit)
                  : shape
                    ? editable(shape)
                      ? l(T.drawHelpEdit)
                      : l(T.notEditable)
                    : l(T.drawHelpIdle)}
          </p>
          {vertices.length > 0 && (
            <details className="vertex-list">
              <summary>
                {l(T.vertices)} ({vertices.length})
              </summary>
              <ol>
                {vertices.map((p, i) => (
                  <li key={i}>
                    <span className="mono">
                      {p[0].toFixed(6)}, {p[1].toFixed(6)}
                    </span>
                    <button type="button" className="link-button" disabled={locked || vertices.length <= 3} title={vertices.length <= 3 ? l(T.vertexMin) : undefined} onClick={() => store.deleteVertex(i)}>
                      {l(T.vertexDelete)} {i + 1}
                    </button>
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}

      {active === 'corners' && (
        <div role="tabpanel" id="shape-panel-corners" aria-labelledby="shape-tab-corners" className="shape-panel">
          <label htmlFor="corner-text" className="block-label">
            {l(T.cornersLabel)}
          </label>
          <textarea
            id="corner-text"
            className="corner-text mono"
            rows={7}
            spellCheck={false}
            placeholder={l(T.cornersPlaceholder)}
            value={corners.text}
            onChange={(e) => store.setCorners({ text: e.target.value })}
          />
          <div className="corner-options">
            <label>
              {l(T.cornersSystem)}
              <select value={corners.system} onChange={(e) => store.setCorners({ system: e.target.value as typeof corners.system })}>
                <option value="auto">{l(T.sysAuto)}</option>
                <option value="gk3">{l(T.sysGk3)}</option>
                <option value="gk6">{l(T.sysGk6)}</option>
                <option value="lonlat">{l(T.sysLonLat)}</option>
              </select>
            </label>
            {(corners.system === 'gk3' || corners.system === 'gk6') && (
              <label>
                {l(T.cornersCm)}
                <span className="input-unit">
                  <input type="text" inputMode="decimal" value={corners.centralMeridian} onChange={(e) => store.setCorners({ centralMeridian: e.target.value })} />
                  <span className="unit">°E</span>
                </span>
              </label>
            )}
          </div>
          <div className="shape-tools">
            <button type="button" className="tool-button primary" disabled={locked || !corners.text.trim() || corners.status === 'loading'} onClick={() => void store.parseCorners()}>
              {corners.status === 'loading' ? (
                <>
                  <span className="spinner" aria-hidden="true" /> {l(T.cornersParsing)}
                </>
              ) : (
                l(T.cornersParse)
              )}
            </button>
          </div>
          {corners.status === 'loading' && (
            <p className="sr-only" role="status">
              {l(T.cornersParsing)}
            </p>
          )}
          {corners.error && <Problem title={T.cornersError} problem={corners.error} onDismiss={() => store.discardCorners()} />}
          {corners.result && <CornerResult state={state} store={store} />}
        </div>
      )}

      {active === 'file' && (
        <div role="tabpanel" id="shape-panel-file" aria-labelledby="shape-tab-file" className="shape-panel">
          <label htmlFor="shape-file" className="block-label">
            {l(T.fileLabel)}
          </label>
          <input
            ref={fileRef}
            id="shape-file"
            type="file"
            disabled={locked}
            accept=".geojson,.json,.kml,.zip,application/geo+json,application/json,application/vnd.google-earth.kml+xml,application/zip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void store.importFile(file);
              e.target.value = '';
            }}
          />
          {upload.status === 'loading' && (
            <p className="hint" role="status">
              <span className="spinner" aria-hidden="true" /> {l(T.fileReading)} {upload.fileName}
            </p>
          )}
          {upload.error && <Problem title={T.errorFile} problem={upload.error} />}
          {upload.status === 'choose' && (
            <div className="file-candidates">
              <p className="hint">{l(T.fileChoose)}</p>
              <ul>
                {upload.candidates.map((c, i) => (
                  <li key={i}>
                    <button type="button" className="link-button" onClick={() => store.useImported(c)}>
                      {c.label}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {upload.status === 'done' && (
            <p className="hint" role="status">
              {l(T.fileLoaded)}
              {colon(lang)}
              {upload.fileName}
              {upload.switchedKind && ` · ${l(T.fileKindGuess)}${upload.switchedKind === 'tailings_ponds' ? l({ zh: '尾矿库', en: ' tailings pond' }) : l({ zh: '采矿权', en: ' mining right' })}`}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function CornerResult({ state, store }: { state: PlannerState; store: PlannerStore }) {
  const { l, lang } = useI18n();
  const r = state.corners.result!;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [r]);
  const geographic = r.system.kind === 'lonlat';
  return (
    <div className="corner-result" aria-labelledby="corner-result-heading" ref={ref}>
      <h3 id="corner-result-heading">{l(T.cornersResult)}</h3>
      <p className="corner-summary">
        {r.points.length} {l(T.cornersPoints)} · {l(T.cornersArea)} {formatArea(r.areaM2, lang)} · {l(T.cornersSystemUsed)} EPSG:{r.system.epsg}
        {r.system.zone !== null && ` (${r.system.kind === 'gk6' ? '6°' : '3°'} ${lang === 'zh' ? `${r.system.zone} 带` : `zone ${r.system.zone}`}, ${r.system.centralMeridian}°E)`}
        {r.system.detected && ` · ${l(T.cornersDetected)}`}
      </p>
      {r.rings.length > 1 && (
        <ul className="corner-rings">
          {r.rings.map((ring) => (
            <li key={ring.ring}>
              {l(T.cornersRing)} {ring.ring}
              {colon(lang)}
              {ring.role === 'hole' ? l(T.cornersHole) : l(T.cornersOuter)}, {formatArea(ring.areaM2, lang)}
              {ring.autoClosed && `, ${l(T.cornersAutoClosed)}`}
            </li>
          ))}
        </ul>
      )}
      {r.notes.length > 0 && (
        <ul className="corner-notes">
          {r.notes.map((n, i) => (
            <li key={i}>
              {n.line !== null && `${l(T.line).replace('{n}', String(n.line))}${colon(lang)}`}
              {lang === 'zh' ? n.message : n.messageEn}
            </li>
          ))}
        </ul>
      )}
      <div className="corner-table-wrap">
        <table className="corner-table">
          <thead>
            <tr>
              <th scope="col">{l(T.colNo)}</th>
              <th scope="col">{geographic ? l(T.colLat) : l(T.colX)}</th>
              <th scope="col">{geographic ? l(T.colLon) : l(T.colY)}</th>
              <th scope="col">{l(T.colLon)}</th>
              <th scope="col">{l(T.colLat)}</th>
            </tr>
          </thead>
          <tbody>
            {r.points.map((p, i) => (
              <tr key={i}>
                <td>{p.no}</td>
                <td className="mono">{geographic ? p.x.toFixed(6) : p.x.toFixed(2)}</td>
                <td className="mono">{geographic ? p.y.toFixed(6) : p.y.toFixed(2)}</td>
                <td className="mono">{p.lon.toFixed(6)}</td>
                <td className="mono">{p.lat.toFixed(6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="shape-tools">
        <button type="button" className="tool-button primary" disabled={store.locked} onClick={() => store.acceptCorners()}>
          {l(T.cornersUse)}
        </button>
        <button type="button" className="tool-button" onClick={() => store.discardCorners()}>
          {l(T.cornersDiscard)}
        </button>
      </div>
    </div>
  );
}

/**
 * 选址审查报告 the printable A4 page: title and verdict, the map (proposal and evidence, captured from the map's
 * canvases), the attribute table, the rule table with clauses, the date, the profile and rule versions. Rendered
 * over the app; print CSS (styles in planner.css) leaves only this page, so "print" makes a PDF.
 */
import * as turf from '@turf/turf';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { LayerSummary } from '../api/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import { legendText, mineralNames } from '../i18n/map.ts';
import { kindTitles, visibleFields } from './model.ts';
import { formatArea, formatMeasure, sortResults, splitBasis, statusText } from './results.ts';
import type { PlannerState } from './store.ts';
import { colon, proposalStatusText, T } from './text.ts';

export interface ReportProps {
  state: PlannerState;
  summaries: LayerSummary[] | null;
  image: string | null;
  preparing: boolean;
  onClose(): void;
  onImageLoaded(): void;
}

export function Report({ state, summaries, image, preparing, onClose, onImageLoaded }: ReportProps) {
  const { l, lang } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  const { check, kind, values, saved } = state;
  const result = check.result;
  const feature = check.feature;

  useEffect(() => {
    document.body.classList.add('report-open');
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('report-open');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  if (!result || !feature) return null;
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const today = new Date().toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
  const checkedAt = check.checkedAt ? new Date(check.checkedAt).toLocaleString(locale, { hour12: false }) : '—';
  const catalogue = summaries?.find((s) => s.layer === kind)?.fields ?? [];
  const props = feature.properties ?? {};
  const areaM2 = turf.area(feature);
  const centre = turf.centroid(feature).geometry.coordinates;

  const attributeRows: [string, string][] = [];
  for (const f of visibleFields(kind, values)) {
    if (f.key === 'damLon' || f.key === 'damLat' || f.key === 'mineralOther') continue;
    const meta = catalogue.find((c) => c.prop === f.key);
    const label = l(f.key === 'name' ? f.label : (meta?.label ?? f.label));
    const unit = meta?.unit ?? f.unit;
    const raw = props[f.key];
    let text: string;
    if (raw === undefined || raw === null || raw === '') text = '—';
    else if (typeof raw === 'boolean') text = raw ? l({ zh: '是', en: 'Yes' }) : l({ zh: '否', en: 'No' });
    else if (f.key === 'mineral' && typeof raw === 'string' && mineralNames[raw]) text = l(mineralNames[raw]);
    else if (f.options) text = l(f.options.find((o) => o.value === String(raw))?.label ?? { zh: String(raw), en: String(raw) });
    else text = unit ? `${raw} ${unit}` : String(raw);
    attributeRows.push([label, text]);
  }
  if (kind === 'tailings_ponds' && Array.isArray(props.damPoint)) {
    const [lon, lat] = props.damPoint as number[];
    attributeRows.push([l({ zh: '初期坝坡脚', en: 'Starter-dam toe' }), `${lon.toFixed(6)}°E, ${lat.toFixed(6)}°N`]);
  }
  attributeRows.push([l(T.reportArea), formatArea(areaM2, lang)]);
  attributeRows.push([l(T.reportCentre), `${centre[0].toFixed(5)}°E, ${centre[1].toFixed(5)}°N`]);

  const sorted = sortResults(result.results);
  const rows = sorted.filter((r) => r.status !== 'not_applicable');
  const notApplicable = sorted.filter((r) => r.status === 'not_applicable');
  const ruleTitle = (rule: string) => (state.rules[rule] ? l(state.rules[rule].title) : rule);
  const name = String(props.name ?? '');

  return createPortal(
    <div className="report-root" role="dialog" aria-modal="true" aria-labelledby="report-title">
      <div className="report-toolbar">
        <button type="button" className="tool-button primary" onClick={() => window.print()} disabled={preparing}>
          {l(T.reportPrint)}
        </button>
        <button ref={closeRef} type="button" className="tool-button" onClick={onClose}>
          {l(T.reportClose)}
        </button>
        {preparing && (
          <span className="hint" role="status">
            <span className="spinner" aria-hidden="true" /> {l(T.reportPreparing)}
          </span>
        )}
      </div>
      <article className="report-page" data-ready={!preparing}>
        <header className="report-header">
          <p className="report-brand">矿山风险一张图 · MineRisk Atlas</p>
          <h1 id="report-title">
            {l(T.report)}
            {lang === 'zh' && <span className="report-title-en">Siting review report</span>}
          </h1>
          <div className="report-name-row">
            <p className="report-name">{name}</p>
            <span className={`report-verdict verdict-${result.verdict}`}>
              {l(T.verdict)}
              {colon(lang)}
              {l(statusText[result.verdict])}
            </span>
          </div>
          <dl className="report-meta">
            <div>
              <dt>{l(T.kind)}</dt>
              <dd>{l(kindTitles[kind])}</dd>
            </div>
            <div>
              <dt>{l(T.reportId)}</dt>
              <dd>{saved.detail ? `${saved.detail.id}（${l(proposalStatusText[saved.detail.status])}）` : l(T.unsaved)}</dd>
            </div>
            <div>
              <dt>{l(T.profile)}</dt>
              <dd>
                {l(result.profile.title)}
                {result.profile.adminCode ? ` · ${result.profile.adminCode}` : ''}
              </dd>
            </div>
            <div>
              <dt>{l(T.reportCheckedAt)}</dt>
              <dd>{checkedAt}</dd>
            </div>
            <div>
              <dt>{l(T.reportDate)}</dt>
              <dd>{today}</dd>
            </div>
          </dl>
        </header>

        <section className="report-map">
          <h2>{l(T.reportMap)}</h2>
          {image ? <img src={image} alt={l(T.reportMap)} onLoad={onImageLoaded} /> : <div className="report-map-empty">{preparing ? l(T.reportPreparing) : l(T.reportNoImage)}</div>}
          <ul className="report-legend">
            <li>
              <span className="swatch swatch-proposal" /> {l(T.proposal)}
            </li>
            {(['overlap', 'gap', 'buffer', 'ridge', 'corridor', 'hit'] as const).map((k) => (
              <li key={k}>
                <span className={`swatch swatch-${k}`} /> {l(legendText.evidence[k])}
              </li>
            ))}
          </ul>
        </section>

        <section className="report-attributes">
          <h2>{l(T.reportAttributes)}</h2>
          <table>
            <tbody>
              {attributeRows.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="report-rules">
          <h2>{l(T.reportRules)}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{l(T.reportRule)}</th>
                <th scope="col">{l(T.reportResult)}</th>
                <th scope="col">{l(T.measured)}</th>
                <th scope="col">{l(T.threshold)}</th>
                <th scope="col">{l(T.reportMessage)}</th>
                <th scope="col">{l(T.reportClause)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const { documents, clause } = splitBasis(r.basis);
                return (
                  <tr key={r.rule} className={`row-${r.status}`}>
                    <td>
                      {ruleTitle(r.rule)}
                      <span className="rule-id">
                        {r.rule} v{result.ruleVersions[r.rule] ?? '?'}
                      </span>
                    </td>
                    <td>
                      <span className={`status-chip status-${r.status}`}>{l(statusText[r.status])}</span>
                    </td>
                    <td className="num">{formatMeasure(r.measured, r.unit, lang)}</td>
                    <td className="num">{formatMeasure(r.threshold, r.unit, lang)}</td>
                    <td>{lang === 'zh' ? r.message : r.messageEn}</td>
                    <td className="clause">
                      {clause && <q>{clause}</q>} <span className="basis-docs">{documents}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {notApplicable.length > 0 && (
            <p className="report-na">
              <strong>{l(T.notApplicable)}</strong> ({notApplicable.length}){colon(lang)}
              {notApplicable.map((r) => `${ruleTitle(r.rule)} (${r.rule} v${result.ruleVersions[r.rule] ?? '?'})`).join(lang === 'zh' ? '；' : '; ')}
            </p>
          )}
        </section>
        <footer className="report-footer">
          <p>{l(T.reportFooter)}</p>
          <p>
            {l(T.reportDate)}
            {colon(lang)}
            {today}
          </p>
        </footer>
      </article>
    </div>,
    document.body,
  );
}

/**
 * 审查结果 the live verdict: rules sorted fail → warn → pass (not applicable folded away), each with the measured
 * value, the threshold and unit, what was found and the clause it rests on. Choosing a result zooms the map to its
 * evidence and shows only that; choosing it again shows every failing result's evidence. Above the results, the
 * browser's instant Turf hints while a vertex moves.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { legendText } from '../i18n/map.ts';
import type { Finding } from './api.ts';
import { Problem } from './Problem.tsx';
import { formatArea, formatDistance, formatMeasure, sortResults, splitBasis, statusText } from './results.ts';
import type { PlannerState, PlannerStore } from './store.ts';
import { colon, fill, T } from './text.ts';

export interface ResultsPanelProps {
  state: PlannerState;
  store: PlannerStore;
  onExport(): void;
  onReport(): void;
}

function Hints({ state }: { state: PlannerState }) {
  const { l, lang } = useI18n();
  const h = state.hints;
  if (!h) return null;
  const items: string[] = [`${l(T.hintArea)} ${formatArea(h.areaM2, lang)}`];
  for (const o of h.overlaps.slice(0, 3)) items.push(fill(l(T.hintOverlap), { name: o.name, a: formatArea(o.areaM2, lang) }));
  if (h.nearest) items.push(fill(l(T.hintNearest), { name: h.nearest.name, d: formatDistance(h.nearest.gapM, lang) }));
  if (h.river) {
    const inside = h.river.distanceM < h.river.bufferM;
    items.push(fill(l(T.hintRiver), { name: h.river.name, d: formatDistance(h.river.distanceM, lang), b: formatDistance(h.river.bufferM, lang), inside: inside ? l(T.hintInside) : l(T.hintOutside) }));
  }
  return (
    <section className="hints" aria-label={l(T.hints)}>
      <h3>{l(T.hints)}</h3>
      <ul data-testid="hints">
        {items.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
    </section>
  );
}

function ResultItem({ r, title, focused, onFocus }: { r: Finding; title: string; focused: boolean; onFocus(): void }) {
  const { l, lang } = useI18n();
  const state = (r as Finding & { status: keyof typeof statusText }).status;
  const { documents, clause } = splitBasis(r.basis);
  const hasEvidence = r.evidence.features.length > 0;
  return (
    <li className={`result result-${state}${focused ? ' focused' : ''}`} data-rule={r.rule} data-status={r.status}>
      <button type="button" className="result-button" aria-pressed={focused} onClick={onFocus} aria-describedby={`basis-${r.rule}`}>
        <span className="result-head">
          <span className={`status-chip status-${state}`}>{l(statusText[state])}</span>
          <span className="result-title">{title}</span>
        </span>
        <span className="result-message">{lang === 'zh' ? r.message : r.messageEn}</span>
        {(r.measured !== null || r.threshold !== null) && (
          <span className="result-figures">
            <span>
              {l(T.measured)} <strong>{formatMeasure(r.measured, r.unit, lang)}</strong>
            </span>
            <span>
              {l(T.threshold)} {formatMeasure(r.threshold, r.unit, lang)}
            </span>
          </span>
        )}
        {r.related.length > 0 && (
          <span className="result-related">
            {l(T.related)}
            {colon(lang)}
            {r.related.map((x) => x.name).join(lang === 'zh' ? '、' : ', ')}
          </span>
        )}
        <span className="result-evidence">{hasEvidence ? (focused ? `◉ ${l(T.evidenceShown)}` : `○ ${l(T.showEvidence)}`) : l(T.noEvidence)}</span>
      </button>
      <p className="result-basis" id={`basis-${r.rule}`}>
        <span className="basis-label">
          {l(T.basis)}
          {colon(lang)}
        </span>
        {clause ? (
          <>
            <q>{clause}</q> <span className="basis-docs">— {documents}</span>
          </>
        ) : (
          documents
        )}
      </p>
    </li>
  );
}

export function ResultsPanel({ state, store, onExport, onReport }: ResultsPanelProps) {
  const { l, lang } = useI18n();
  const { check } = state;
  const result = check.result;
  const sorted = result ? sortResults(result.results) : [];
  const applicable = sorted.filter((r) => r.status !== 'not_applicable');
  const notApplicable = sorted.filter((r) => r.status === 'not_applicable');

  useEffect(() => {
    store.rendered(check.seq);
  }, [store, check.seq]);

  const title = (rule: string) => {
    const info = state.rules[rule];
    return info ? l(info.title) : rule;
  };
  const counts = { fail: 0, warn: 0, pass: 0 } as Record<string, number>;
  for (const r of applicable) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const time = check.checkedAt ? new Date(check.checkedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) : '';

  return (
    <aside className="planner-results" aria-labelledby="results-heading" data-seq={check.seq} data-status={check.status} data-verdict={result?.verdict ?? ''}>
      <div className="results-head">
        <h2 id="results-heading">{l(T.results)}</h2>
        <span className="results-loading" role="status" aria-live="polite">
          {check.status === 'loading' && (
            <>
              <span className="spinner" aria-hidden="true" /> {l(T.checking)}
            </>
          )}
        </span>
      </div>
      <Hints state={state} />
      {check.error && <Problem title={T.checkFailed} problem={check.error} onRetry={() => store.checkNow(true)} />}
      {state.rulesError && <Problem title={T.errorRules} problem={state.rulesError} onRetry={() => void store.loadRules()} />}
      {!result && !check.error && <p className="hint results-empty">{state.shape ? l(T.checking) : l(T.resultsEmpty)}</p>}
      {result && (
        <>
          <div className={`verdict verdict-${result.verdict}${check.stale ? ' stale' : ''}`}>
            <span className="verdict-label">{l(T.verdict)}</span>
            <strong className="verdict-value">{l(statusText[result.verdict])}</strong>
            <span className="verdict-counts">
              {(['fail', 'warn', 'pass'] as const).map((s) => (
                <span key={s} className={`count count-${s}`}>
                  {l(legendText.status[s])} {counts[s] ?? 0}
                </span>
              ))}
            </span>
            <span className="verdict-meta">
              {check.source === 'saved' ? fill(l(T.savedResult), { t: time }) : `${l(T.liveResult)} · ${time}`} · {l(T.profile)}
              {colon(lang)}
              {l(result.profile.title)}
              {result.profile.adminCode ? ` (${result.profile.adminCode})` : ''}
            </span>
            {check.stale && <span className="verdict-stale">{l(T.stale)}</span>}
          </div>
          <ol className="result-list" aria-label={l(T.results)}>
            {applicable.map((r) => (
              <ResultItem key={r.rule} r={r} title={title(r.rule)} focused={state.focusRule === r.rule} onFocus={() => store.focusResult(r.rule)} />
            ))}
          </ol>
          {notApplicable.length > 0 && (
            <details className="not-applicable">
              <summary>
                {l(T.notApplicable)} ({notApplicable.length})
              </summary>
              <ul>
                {notApplicable.map((r) => (
                  <li key={r.rule}>
                    <strong>{title(r.rule)}</strong>
                    {colon(lang)}
                    {lang === 'zh' ? r.message : r.messageEn}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="results-actions">
            <button type="button" className="tool-button" onClick={onExport}>
              {l(T.exportGeojson)}
            </button>
            <button type="button" className="tool-button primary" onClick={onReport}>
              {l(T.printReport)}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}

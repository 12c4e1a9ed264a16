/**
 * 闭库销号 candidates (GET /api/risk/closure-candidates, rule tailings-closure): ponds at their final elevation, idle
 * for more than 3 years or without an operator, each with why, and its ledger item when one records the closure
 * (or a button to record one).
 */
import { css } from '../../map/theme.ts';
import { worstColour } from '../../map/layers/risk-common/index.ts';
import type { ClosureCandidate, ClosureResponse } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import type { QueryState } from '../query.ts';
import { useRiskText } from '../text.ts';
import { QueryStatus, RouteLink } from '../ui.tsx';

export interface ClosureListProps {
  state: QueryState<ClosureResponse> & { reload(): void };
  area?: { code: string };
  current?: string;
  siteHref(c: ClosureCandidate): string;
  onSite(c: ClosureCandidate): void;
  onRecord(c: ClosureCandidate): void;
  itemHref(id: number): string;
  onItem(id: number): void;
}

export function ClosureList({ state, area, current, siteHref, onSite, onRecord, itemHref, onItem }: ClosureListProps) {
  const { r, lang } = useRiskText();
  const { areaPath } = useAreaName();
  const all = state.data?.candidates ?? [];
  const list = area ? all.filter((c) => c.county?.code === area.code || c.town?.code === area.code) : all;
  return (
    <div className="risk-closure" aria-labelledby="risk-closure-heading">
      <h2 id="risk-closure-heading">{r('closureTitle')}</h2>
      <p className="hint">{r('closureHint')}</p>
      <QueryStatus state={state} what="whatClosure" />
      {state.data && list.length === 0 && <p className="hint">{r('closureNone')}</p>}
      <ul className="risk-closure-list">
        {list.map((c) => {
          const facts = [
            c.grade ? r('grade', { n: c.grade }) : null,
            c.idleSince ? r('idleSince', { year: c.idleSince }) : null,
            c.operator ? c.operator : r('noOperator'),
            c.finalElevationReached ? r('finalElevation') : null,
          ].filter(Boolean);
          return (
            <li key={c.id} data-pond={c.id} aria-current={c.id === current ? 'true' : undefined}>
              <RouteLink href={siteHref(c)} onGo={() => onSite(c)} className="risk-closure-name">
                <span className="risk-dot" style={{ background: css(worstColour(c.finding)) }} aria-hidden="true" />
                {c.name} <span className="mono">{c.id}</span>
              </RouteLink>
              <p className="risk-closure-where hint">
                {areaPath(c.county, c.town)} · {facts.join(' · ')}
              </p>
              <p>{lang === 'zh' ? c.message : c.messageEn || c.message}</p>
              {c.ledgerItemId ? (
                <RouteLink href={itemHref(c.ledgerItemId)} onGo={() => onItem(c.ledgerItemId!)} className="risk-link-button">
                  {r('recorded', { id: c.ledgerItemId })}
                </RouteLink>
              ) : (
                <button type="button" className="risk-button small" onClick={() => onRecord(c)}>
                  {r('record')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

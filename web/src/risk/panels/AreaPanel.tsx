/**
 * One area in detail (GET /api/risk/areas/:code): the grade with its score and threshold, the escalations, the
 * reasons with their points, the sites behind them (each opens the site: drill-down), the findings by rule as a bar
 * chart and the ledger month by month.
 */
import { useState } from 'react';
import { css } from '../../map/theme.ts';
import { worstColour } from '../../map/layers/risk-common/index.ts';
import type { AreaDetail, RankedArea, RiskSite } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import { LedgerTrendChart, RuleBarChart } from '../charts.tsx';
import type { QueryState } from '../query.ts';
import { useRiskText } from '../text.ts';
import { GradeBadge, gradeNames, QueryStatus, RouteLink, Section, worstName } from '../ui.tsx';

export interface AreaPanelProps {
  code: string;
  summary: RankedArea | undefined;
  detail: QueryState<AreaDetail> & { reload(): void };
  siteHref(site: RiskSite): string;
  onSite(site: RiskSite): void;
  onOpenLedger(): void;
}

export function AreaPanel({ code, summary, detail, siteHref, onSite, onOpenLedger }: AreaPanelProps) {
  const { r, l, lang } = useRiskText();
  const { areaName } = useAreaName();
  const [reasonKey, setReasonKey] = useState<string | null>(null);
  const area = detail.data?.area ?? summary;
  const legend = detail.data?.legend;
  const sites = detail.data?.sites ?? [];
  const shown = reasonKey ? sites.filter((s) => s.reasons.includes(reasonKey)) : sites;
  const reason = area?.reasons.find((x) => x.key === reasonKey);
  const threshold = area && legend?.find((g) => g.grade === area.grade);

  return (
    <div className="risk-detail" data-area={code}>
      <header className="risk-detail-head">
        <p className="risk-kicker">
          {r(area?.level === 'town' ? 'town' : 'county')} · <span className="mono">{code}</span>
        </p>
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {area ? areaName(area) : code}
        </h2>
        {area && <GradeBadge grade={area.grade} score={area.score} />}
        {area && threshold && area.grade !== 'low' && (
          <p className="hint">
            {r('threshold', { level: r(area.level === 'town' ? 'levelTown' : 'levelCounty'), min: threshold.minScore, grade: l(gradeNames[area.grade]) })}
          </p>
        )}
      </header>
      <QueryStatus state={detail} what="whatArea" />
      {area && (
        <>
          {area.scoreGrade !== area.grade && (
            <p className="risk-note">{r('escalatedFrom', { from: l(gradeNames[area.scoreGrade]), to: l(gradeNames[area.grade]) })}</p>
          )}
          <Section id="risk-reasons" title={`${r('reasons')} (${area.reasons.length})`} hint={area.reasons.length ? r('reasonsHint') : undefined}>
            {area.reasons.length === 0 ? (
              <p className="hint">{r('noReasons')}</p>
            ) : (
              <ol className="risk-reasons">
                {area.reasons.map((x) => (
                  <li key={x.key} data-reason={x.key}>
                    <button type="button" aria-pressed={reasonKey === x.key} onClick={() => setReasonKey((k) => (k === x.key ? null : x.key))}>
                      <span className="risk-reason-text">{l(x)}</span>
                      <span className="risk-reason-points">
                        +{x.points}
                        {x.capped && <span className="risk-capped">{r('capped')}</span>}
                      </span>
                    </button>
                  </li>
                ))}
                <li className="risk-reason-total">
                  <span>{lang === 'zh' ? '合计' : 'Total'}</span>
                  <span className="risk-reason-points">{r('scoreOf', { score: area.score })}</span>
                </li>
              </ol>
            )}
          </Section>
          {area.escalations.length > 0 && (
            <Section id="risk-escalations" title={r('escalations')}>
              <ul className="risk-escalations">
                {area.escalations.map((e) => (
                  <li key={e.key} data-raised={e.raised}>
                    {l(e)}
                    {!e.raised && <span className="hint">{r('escalationNoChange')}</span>}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {detail.data && (
            <Section id="risk-sites" title={reason ? r('sitesOfReason', { reason: l(reason) }) : `${r('sitesBehind')} (${sites.length})`}>
              {reason && (
                <button type="button" className="risk-link-button" onClick={() => setReasonKey(null)}>
                  {r('showAllSites')}
                </button>
              )}
              {reason?.truncated && (
                <p className="hint" data-testid="sites-truncated">
                  {r('sitesTruncated', { shown: reason.refs.length, count: reason.count })}
                </p>
              )}
              {shown.length === 0 ? (
                <p className="hint">{r('noSites')}</p>
              ) : (
                <ul className="risk-site-list">
                  {shown.map((s) => {
                    const fails = s.findings.filter((f) => f.status === 'fail').length;
                    const warns = s.findings.filter((f) => f.status === 'warn').length;
                    return (
                      <li key={`${s.layer}/${s.id}`} data-site={s.id}>
                        <RouteLink href={siteHref(s)} onGo={() => onSite(s)}>
                          <span className="risk-dot" style={{ background: css(worstColour(s.worst)) }} aria-hidden="true" />
                          <span className="risk-site-name">{s.name}</span>
                          <span className="risk-site-meta">
                            {s.layer === 'tailings_ponds' ? r('siteTailingsPond') : r('siteMiningRight')}
                            {fails > 0 && ` · ${worstName('fail', lang)} ${fails}`}
                            {warns > 0 && ` · ${worstName('warn', lang)} ${warns}`}
                          </span>
                        </RouteLink>
                      </li>
                    );
                  })}
                </ul>
              )}
            </Section>
          )}
          {detail.data && (
            <Section id="risk-by-rule" title={r('byRule')}>
              <RuleBarChart byRule={detail.data.byRule} />
            </Section>
          )}
          {detail.data && (
            <Section id="risk-trend" title={r('trend')}>
              <p className="risk-ledger-line">
                {r('ledgerSummary', { open: area.counts.ledgerOpen.total, overdue: area.counts.ledgerOverdue.total })}{' '}
                <button type="button" className="risk-link-button" onClick={onOpenLedger}>
                  {r('openLedger')}
                </button>
              </p>
              <LedgerTrendChart months={detail.data.ledgerTrend} />
            </Section>
          )}
        </>
      )}
    </div>
  );
}

/**
 * One site (the last drill-down step): a mining right or tailings pond with its worst finding, every fail and warn
 * finding of the audit (each can be recorded in the hazard ledger), the people below it when it is a 头顶库, and the
 * ledger items already recorded for it.
 */
import type { HeadTopPond, LedgerItem, SiteFinding, SiteProps } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import { useLedgerVocabulary } from '../ledger/vocabulary.ts';
import { LedgerRow } from '../ledger/LedgerList.tsx';
import { formatNumber, people, useRiskText } from '../text.ts';
import { QueryStatus, RouteLink, Section, WorstChip } from '../ui.tsx';
import type { QueryState } from '../query.ts';

export interface SitePanelProps {
  site: SiteProps;
  statusName: string | null;
  headTop: HeadTopPond | undefined;
  ledger: QueryState<LedgerItem[]> & { reload(): void };
  onRecord(finding: SiteFinding): void;
  onRecordByHand(): void;
  onHeadTop(): void;
  itemHref(id: number): string;
  onItem(id: number): void;
}

function measuredText(f: SiteFinding, lang: 'zh' | 'en'): string | null {
  if (f.measured === null || f.measured === undefined) return null;
  const unit = f.unit ? ` ${f.unit}` : '';
  const m = `${formatNumber(f.measured, lang)}${unit}`;
  const t = f.threshold === null || f.threshold === undefined ? '' : ` / ${formatNumber(f.threshold, lang)}${unit}`;
  return `${m}${t}`;
}

export function SitePanel({ site, statusName, headTop, ledger, onRecord, onRecordByHand, onHeadTop, itemHref, onItem }: SitePanelProps) {
  const { r, l, lang } = useRiskText();
  const { areaPath } = useAreaName();
  const { isDone } = useLedgerVocabulary();
  const items = ledger.data ?? [];
  const openFor = (rule: string) => items.find((i) => i.sourceRule === rule && !isDone(i.status));
  const findings = [...site.findings].sort((a, b) => (a.status === b.status ? a.rule.localeCompare(b.rule) : a.status === 'fail' ? -1 : 1));
  return (
    <div className="risk-detail" data-site={site.id}>
      <header className="risk-detail-head">
        <p className="risk-kicker">
          {site.layer === 'tailings_ponds' ? r('siteTailingsPond') : r('siteMiningRight')} · <span className="mono">{site.id}</span>
        </p>
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {site.name}
        </h2>
        <dl className="risk-facts inline">
          <div>
            <dt>{r('siteStatus')}</dt>
            <dd>{statusName ?? site.status ?? '—'}</dd>
          </div>
          <div>
            <dt>{r('siteWhere')}</dt>
            <dd>{areaPath(site.county, site.town) || '—'}</dd>
          </div>
          <div>
            <dt>{r('siteWorst')}</dt>
            <dd>
              <WorstChip worst={site.worst} active={site.active} />
            </dd>
          </div>
        </dl>
        {!site.active && <p className="risk-note">{r('inactiveNote')}</p>}
      </header>
      {headTop && (
        <div className="risk-callout" data-head-top={headTop.id}>
          <p>
            <strong>{r('headTopCallout', { n: headTop.settlements.length, people: people(headTop.population, lang) })}</strong>
          </p>
          <button type="button" onClick={onHeadTop}>
            {r('headTopOpen')}
          </button>
        </div>
      )}
      <Section id="risk-findings" title={`${r('findings')} (${findings.length})`}>
        {findings.length === 0 ? (
          <p className="hint">{r('noFindings')}</p>
        ) : (
          <ul className="risk-findings">
            {findings.map((f) => {
              const existing = openFor(f.rule);
              const measured = measuredText(f, lang);
              return (
                <li key={f.rule} data-rule={f.rule} data-status={f.status}>
                  <div className="risk-finding-head">
                    <WorstChip worst={f.status} />
                    <strong>{l(f.title)}</strong>
                  </div>
                  <p>{lang === 'zh' ? f.message : f.messageEn || f.message}</p>
                  <div className="risk-finding-foot">
                    {measured && (
                      <span className="hint">
                        {r('measured')} / {r('limit')}: {measured}
                      </span>
                    )}
                    {existing ? (
                      <RouteLink href={itemHref(existing.id)} onGo={() => onItem(existing.id)} className="risk-link-button">
                        {r('recorded', { id: existing.id })}
                      </RouteLink>
                    ) : (
                      <button type="button" className="risk-button small" onClick={() => onRecord(f)} disabled={!site.active}>
                        {r('record')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section id="risk-site-ledger" title={r('siteLedger')}>
        <QueryStatus state={ledger} what="whatLedger" />
        {ledger.data && items.length === 0 && <p className="hint">{r('siteLedgerNone')}</p>}
        {items.length > 0 && (
          <ul className="risk-ledger-list">
            {items.map((item) => (
              <LedgerRow key={item.id} item={item} href={itemHref(item.id)} onOpen={() => onItem(item.id)} />
            ))}
          </ul>
        )}
        <button type="button" className="risk-button secondary" onClick={onRecordByHand}>
          {r('recordByHand')}
        </button>
      </Section>
    </div>
  );
}

/**
 * 隐患排查治理台账 the ledger list: items of the site or area looked at (or of all areas), counted by status with the
 * overdue ones counted and highlighted, filtered by status (the statuses and their names from the server's vocabulary),
 * each opening its detail; a chip clearing the site filter; a new item by hand; the CSV export of what is listed.
 */
import { useState } from 'react';
import type { LedgerItem, LedgerList, LedgerStatus, SiteLayer } from '../api.ts';
import type { QueryState } from '../query.ts';
import { daysPast, useRiskText } from '../text.ts';
import { LevelChip, QueryStatus, RouteLink, StatusChip, VocabularyStatus } from '../ui.tsx';
import { useLedgerVocabulary } from './vocabulary.ts';

export function LedgerRow({ item, href, onOpen, current }: { item: LedgerItem; href: string; onOpen(): void; current?: boolean }) {
  const { r } = useRiskText();
  return (
    <li className={item.overdue ? 'risk-ledger-row overdue' : 'risk-ledger-row'} data-item={item.id} data-site={item.siteId} data-status={item.status} aria-current={current ? 'true' : undefined}>
      <RouteLink href={href} onGo={onOpen}>
        <span className="risk-ledger-top">
          <span className="mono">#{item.id}</span>
          <span className="risk-ledger-site">{item.siteName}</span>
          <LevelChip level={item.level} />
        </span>
        <span className="risk-ledger-desc">{item.description}</span>
        <span className="risk-ledger-bottom">
          <StatusChip status={item.status} />
          {item.overdue ? (
            <span className="risk-overdue-badge">{r('overdueDays', { n: daysPast(item.deadline) })}</span>
          ) : (
            <span className="hint">{r('dueIn', { date: item.deadline })}</span>
          )}
        </span>
      </RouteLink>
    </li>
  );
}

type Filter = 'all' | 'overdue' | LedgerStatus;

export interface LedgerPanelProps {
  scopeName: string;
  /** The list is one site's (the site selected in the risk view): a chip says so and clears it. */
  siteFilter?: { layer: SiteLayer; clearHref: string; onClear(): void };
  list: QueryState<LedgerList> & { reload(): void };
  csvHref: string;
  current?: number;
  itemHref(id: number): string;
  onItem(id: number): void;
  onNew(): void;
}

export function LedgerPanel({ scopeName, siteFilter, list, csvHref, current, itemHref, onItem, onNew }: LedgerPanelProps) {
  const { r, l } = useRiskText();
  const { vocabulary } = useLedgerVocabulary();
  const [filter, setFilter] = useState<Filter>('all');
  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const shown = items.filter((i) => (filter === 'all' ? true : filter === 'overdue' ? i.overdue : i.status === filter));
  // Overdue first, then the newest.
  shown.sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.id - a.id);
  const chip = (value: Filter, label: string, n: number | undefined) => (
    <button key={value} type="button" className={value === 'overdue' ? 'risk-filter overdue' : 'risk-filter'} aria-pressed={filter === value} onClick={() => setFilter(value)}>
      {label}
      <span className="risk-filter-count">{n ?? 0}</span>
    </button>
  );
  return (
    <div className="risk-ledger" aria-labelledby="risk-ledger-heading">
      <h2 id="risk-ledger-heading">{r('ledgerTitle')}</h2>
      <p className="risk-ledger-scope">
        {r('ledgerScope')}: <strong>{scopeName}</strong>
        {counts && (
          <>
            {' · '}
            {r('ledgerTotal', { n: counts.total })}
            {' · '}
            <span className={counts.overdue ? 'risk-overdue-count' : undefined} data-overdue-count={counts.overdue}>
              {r('ledgerOverdueCount', { n: counts.overdue })}
            </span>
          </>
        )}
      </p>
      {siteFilter && (
        <p className="risk-ledger-site-filter">
          <RouteLink href={siteFilter.clearHref} onGo={siteFilter.onClear} className="risk-filter-chip" title={r('ledgerSiteClear')}>
            {r(siteFilter.layer === 'tailings_ponds' ? 'ledgerSitePond' : 'ledgerSiteMine')} <span aria-hidden="true">×</span>
            <span className="sr-only">{r('ledgerSiteClear')}</span>
          </RouteLink>
        </p>
      )}
      <div className="risk-ledger-actions">
        <button type="button" className="risk-button" onClick={onNew}>
          {r('ledgerNew')}
        </button>
        <a className="risk-button secondary" href={csvHref} download title={r('ledgerExportTitle')}>
          {r('ledgerExport')}
        </a>
      </div>
      <div className="risk-filters" role="group" aria-label={r('ledgerFilter')}>
        {chip('all', r('ledgerFilterAll'), counts?.total)}
        {chip('overdue', r('ledgerFilterOverdue'), counts?.overdue)}
        {vocabulary?.statuses.map((s) => chip(s.id, l(s.label), counts?.byStatus[s.id]))}
      </div>
      <VocabularyStatus />
      <QueryStatus state={list} what="whatLedger" />
      {list.data && shown.length === 0 && <p className="hint">{items.length ? r('ledgerEmptyFilter') : r('ledgerEmpty')}</p>}
      <ul className="risk-ledger-list">
        {shown.map((item) => (
          <LedgerRow key={item.id} item={item} href={itemHref(item.id)} onOpen={() => onItem(item.id)} current={item.id === current} />
        ))}
      </ul>
    </div>
  );
}

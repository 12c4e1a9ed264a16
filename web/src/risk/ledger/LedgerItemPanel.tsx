/**
 * One ledger item (GET /api/ledger/:id): what, where, how serious, who is responsible and by when (overdue in red),
 * the lifecycle open → rectifying → rectified → verified → closed (整改销号) as steps (the server's vocabulary), the
 * moves the item allows now (`item.next`, from the server) with who and a note (POST /api/ledger/:id/transitions),
 * and the history, which is only ever added to.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { LedgerItemDetail, LedgerStatus } from '../api.ts';
import { moveLedgerItem } from '../api.ts';
import { describeError, type QueryState } from '../query.ts';
import { chinaTime, daysPast, useRiskText } from '../text.ts';
import { LevelChip, QueryStatus, RouteLink, Section, StatusChip, VocabularyStatus } from '../ui.tsx';
import { rememberActor, rememberedActor } from './actor.ts';
import { useAreaName } from '../areaNames.ts';
import { useLedgerVocabulary } from './vocabulary.ts';

export interface LedgerItemPanelProps {
  id: number;
  item: QueryState<LedgerItemDetail> & { reload(): void };
  ruleTitle(rule: string): string | null;
  siteHref(item: LedgerItemDetail): string | null;
  onSite(item: LedgerItemDetail): void;
  onMoved(item: LedgerItemDetail): void;
}

export function LedgerItemPanel({ id, item: state, ruleTitle, siteHref, onSite, onMoved }: LedgerItemPanelProps) {
  const { r, l, lang } = useRiskText();
  const { vocabulary, statusName, levelName, statusIndex } = useLedgerVocabulary();
  const { areaName } = useAreaName();
  const item = state.data;
  // The moves the server allows from the item's status now.
  const next = item?.next ?? [];
  const [to, setTo] = useState<LedgerStatus | null>(null);
  const [actor, setActor] = useState(rememberedActor);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    setTo(next[0] ?? null);
    // A new status offers new moves.
  }, [item?.status, id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!item || !to) return;
    if (!actor.trim()) {
      setProblem(r('needActor'));
      return;
    }
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const moved = await moveLedgerItem(item.id, { to, actor: actor.trim(), note: note.trim() || undefined });
      rememberActor(actor);
      setNote('');
      setDone(r('moved', { status: statusName(moved.status) }));
      onMoved(moved);
    } catch (error) {
      const d = describeError(error);
      setProblem(`${r('moveFailed')}${lang === 'zh' ? '：' : ': '}${d.network ? r('errorNetwork') : d.message}`);
    } finally {
      setBusy(false);
    }
  };

  const reached = item ? statusIndex(item.status) : -1;
  const href = item ? siteHref(item) : null;
  const finding = item?.finding as { message?: string; messageEn?: string } | null | undefined;
  return (
    <div className="risk-detail" data-item={id} data-status={item?.status}>
      <header className="risk-detail-head">
        <p className="risk-kicker">
          {r('ledgerTitle')} · <span className="mono">#{id}</span>
        </p>
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {item ? item.siteName : r('itemTitle', { id })}
        </h2>
        {item && (
          <p className="risk-item-chips">
            <LevelChip level={item.level} /> <StatusChip status={item.status} />
            {item.overdue && <span className="risk-overdue-badge">{r('overdueDays', { n: daysPast(item.deadline) })}</span>}
          </p>
        )}
      </header>
      <QueryStatus state={state} what="whatItem" />
      {item && <VocabularyStatus />}
      {item && (
        <>
          {vocabulary && (
            <ol className="risk-steps" aria-label={r('lifecycle')}>
              {vocabulary.statuses.map((s, i) => (
                <li key={s.id} className={i < reached ? 'done' : i === reached ? 'current' : undefined} aria-current={i === reached ? 'step' : undefined}>
                  <span className="risk-step-mark" aria-hidden="true">
                    {i < reached || (i === reached && next.length === 0) ? '✓' : i + 1}
                  </span>
                  <span className="risk-step-label">{l(s.label)}</span>
                </li>
              ))}
            </ol>
          )}
          <dl className="risk-facts">
            <div>
              <dt>{r('itemSite')}</dt>
              <dd>
                {href ? (
                  <RouteLink href={href} onGo={() => onSite(item)}>
                    {item.siteName}
                  </RouteLink>
                ) : (
                  item.siteName
                )}{' '}
                <span className="mono">{item.siteId}</span>
              </dd>
            </div>
            <div>
              <dt>{r('itemCounty')}</dt>
              <dd>{(item.adminCode && item.adminName && areaName({ code: item.adminCode, name: item.adminName })) || '—'}</dd>
            </div>
            <div>
              <dt>{r('itemRule')}</dt>
              <dd>{item.sourceRule ? `${ruleTitle(item.sourceRule) ?? item.sourceRule}` : r('itemByHand')}</dd>
            </div>
            <div>
              <dt>{r('itemLevel')}</dt>
              <dd>{levelName(item.level)}</dd>
            </div>
            <div>
              <dt>{r('itemUnit')}</dt>
              <dd>{item.responsibleUnit}</dd>
            </div>
            <div className={item.overdue ? 'overdue' : undefined}>
              <dt>{r('itemDeadline')}</dt>
              <dd>
                {item.deadline}
                {item.overdue && ` · ${r('overdueDays', { n: daysPast(item.deadline) })}`}
              </dd>
            </div>
            <div>
              <dt>{r('itemCreated')}</dt>
              <dd>{chinaTime(item.createdAt)}</dd>
            </div>
          </dl>
          <Section id="risk-item-description" title={r('itemDescription')}>
            <p className="risk-description">{item.description}</p>
            {lang === 'en' && finding?.messageEn && finding.messageEn !== item.description && <p className="hint">{finding.messageEn}</p>}
          </Section>
          <Section id="risk-item-next" title={r('nextStep')}>
            {next.length === 0 ? (
              <p className="risk-note done">{r('finalStatus')}</p>
            ) : (
              <form className="risk-form" onSubmit={submit}>
                <fieldset>
                  <legend className="sr-only">{r('nextStep')}</legend>
                  {next.map((s) => (
                    <label key={s} className="risk-radio">
                      <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} />
                      {statusIndex(s) < reached ? r('sendBack') : r('moveTo', { status: statusName(s) })}
                    </label>
                  ))}
                </fieldset>
                <label className="risk-field">
                  <span>
                    {r('actor')} <span className="risk-required">*</span>
                  </span>
                  <input name="actor" value={actor} onChange={(e) => setActor(e.target.value)} placeholder={r('actorHint')} required maxLength={100} autoComplete="name" />
                </label>
                <label className="risk-field">
                  <span>{r('note')}</span>
                  <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} placeholder={r('noteHint')} rows={2} maxLength={2000} />
                </label>
                {problem && (
                  <p className="alert risk-alert" role="alert">
                    {problem}
                  </p>
                )}
                <button type="submit" className="risk-button" disabled={busy || !to}>
                  {busy ? r('moving') : to ? r('moveTo', { status: statusName(to) }) : r('submitMove')}
                </button>
              </form>
            )}
            <p className="risk-done" role="status">
              {done}
            </p>
          </Section>
          <Section id="risk-item-history" title={r('history')} hint={r('historyHint')}>
            <ol className="risk-history">
              {item.events.map((e) => (
                <li key={e.id} data-to={e.toStatus}>
                  <div className="risk-history-head">
                    <time dateTime={e.at}>{chinaTime(e.at)}</time>
                    <strong>{e.actor}</strong>
                  </div>
                  <div>
                    {e.fromStatus ? (
                      <>
                        <StatusChip status={e.fromStatus} /> → <StatusChip status={e.toStatus} />
                      </>
                    ) : (
                      <>
                        {r('recordedBy')} <StatusChip status={e.toStatus} />
                      </>
                    )}
                  </div>
                  {e.note && <p className="risk-history-note">{e.note}</p>}
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}
    </div>
  );
}

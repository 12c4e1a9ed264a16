/**
 * Recording a hazard (登记隐患): from an audit finding (POST /api/ledger/from-finding: the server re-checks the rule
 * at the site and keeps the finding) or by hand at a stored site (POST /api/ledger). What, how serious, who is
 * responsible, by when, and who records it; the server's refusal is shown in words, with the fields it names.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import type { Label } from '../../i18n/map.ts';
import { createFromFinding, createLedgerItem, type LedgerItemDetail, type LedgerLevel, type SiteLayer } from '../api.ts';
import { describeError } from '../query.ts';
import { chinaDate, useRiskText, type TextKey } from '../text.ts';
import { VocabularyStatus, WorstChip } from '../ui.tsx';
import { rememberActor, rememberedActor } from './actor.ts';
import { useLedgerVocabulary } from './vocabulary.ts';

export interface DraftSite {
  layer: SiteLayer;
  id: string;
  name: string;
  countyName?: string | null;
}

export type Draft =
  | { kind: 'finding'; site: DraftSite; finding: { rule: string; title: Label; status: 'fail' | 'warn'; message: string; messageEn?: string } }
  | { kind: 'manual'; site?: DraftSite };

export interface LedgerFormProps {
  draft: Draft;
  /** Sites to choose from when recording by hand without a site. */
  sites: DraftSite[];
  onCreated(item: LedgerItemDetail): void;
  onCancel(): void;
}

const DEFAULT_DAYS = 30;

export function LedgerForm({ draft, sites, onCreated, onCancel }: LedgerFormProps) {
  const { r, l, lang } = useRiskText();
  const { vocabulary } = useLedgerVocabulary();
  const fixedSite = draft.site;
  const [siteKey, setSiteKey] = useState(fixedSite ? `${fixedSite.layer}/${fixedSite.id}` : '');
  const site = fixedSite ?? sites.find((s) => `${s.layer}/${s.id}` === siteKey);
  const [description, setDescription] = useState(draft.kind === 'finding' ? draft.finding.message : '');
  const [level, setLevel] = useState<LedgerLevel>(draft.kind === 'finding' ? (draft.finding.status === 'fail' ? 'significant' : 'general') : 'general');
  const [unit, setUnit] = useState(fixedSite?.countyName ? `${fixedSite.countyName}应急管理局` : '');
  const [deadline, setDeadline] = useState(chinaDate(DEFAULT_DAYS));
  const [actor, setActor] = useState(rememberedActor);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);
  const sortedSites = useMemo(() => [...sites].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), [sites]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: TextKey[] = [];
    if (!site) missing.push('formSite');
    if (!description.trim()) missing.push('formDescription');
    if (!unit.trim()) missing.push('formUnit');
    if (!deadline) missing.push('formDeadline');
    if (!actor.trim()) missing.push('formActor');
    if (missing.length || !site) {
      setProblem({ message: r('formMissing', { fields: missing.map((k) => r(k)).join(lang === 'zh' ? '、' : ', ') }), details: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    const common = { level, responsibleUnit: unit.trim(), deadline, actor: actor.trim(), note: note.trim() || undefined, description: description.trim() };
    try {
      const item =
        draft.kind === 'finding'
          ? await createFromFinding({ rule: draft.finding.rule, layer: site.layer, id: site.id, ...common })
          : await createLedgerItem({ siteLayer: site.layer, siteId: site.id, ...common });
      rememberActor(actor);
      onCreated(item);
    } catch (error) {
      const d = describeError(error);
      const details = error instanceof ApiRequestError ? error.details.map((x) => (typeof x === 'object' && x ? Object.values(x as Record<string, unknown>).join(': ') : String(x))) : [];
      setProblem({ message: `${r('formFailed')}${lang === 'zh' ? '：' : ': '}${d.network ? r('errorNetwork') : d.message}`, details });
      setBusy(false);
    }
  };

  return (
    <div className="risk-detail">
      <header className="risk-detail-head">
        <p className="risk-kicker">{r('ledgerTitle')}</p>
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {r(draft.kind === 'finding' ? 'formTitleFinding' : 'formTitleManual')}
        </h2>
      </header>
      <form className="risk-form" onSubmit={submit} noValidate aria-describedby={problem ? 'risk-form-problem' : undefined}>
        {draft.kind === 'finding' && (
          <div className="risk-form-finding">
            <span className="risk-field-label">{r('formFinding')}</span>
            <p>
              <WorstChip worst={draft.finding.status} /> <strong>{l(draft.finding.title)}</strong>
            </p>
          </div>
        )}
        {fixedSite ? (
          <div className="risk-form-finding">
            <span className="risk-field-label">{r('formSite')}</span>
            <p>
              <strong>{fixedSite.name}</strong> <span className="mono">{fixedSite.id}</span>
            </p>
          </div>
        ) : (
          <label className="risk-field">
            <span>
              {r('formSite')} <span className="risk-required">*</span>
            </span>
            <select name="site" value={siteKey} onChange={(e) => setSiteKey(e.target.value)} required>
              <option value="">{r('formSitePick')}</option>
              {sortedSites.map((s) => (
                <option key={`${s.layer}/${s.id}`} value={`${s.layer}/${s.id}`}>
                  {s.name}（{s.id}）
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="risk-field">
          <span>
            {r('formDescription')} <span className="risk-required">*</span>
          </span>
          <textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={2000} required />
        </label>
        <div className="risk-field-row">
          <label className="risk-field">
            <span>{r('formLevel')}</span>
            <select name="level" value={level} onChange={(e) => setLevel(e.target.value as LedgerLevel)} disabled={!vocabulary}>
              {vocabulary?.levels.map((v) => (
                <option key={v.id} value={v.id}>
                  {l(v.label)}
                </option>
              ))}
            </select>
          </label>
          <label className="risk-field">
            <span>
              {r('formDeadline')} <span className="risk-required">*</span>
            </span>
            <input type="date" name="deadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
          </label>
        </div>
        <VocabularyStatus />
        <label className="risk-field">
          <span>
            {r('formUnit')} <span className="risk-required">*</span>
          </span>
          <input name="responsibleUnit" value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={200} required />
        </label>
        <label className="risk-field">
          <span>
            {r('formActor')} <span className="risk-required">*</span>
          </span>
          <input name="actor" value={actor} onChange={(e) => setActor(e.target.value)} placeholder={r('actorHint')} maxLength={100} required autoComplete="name" />
        </label>
        <label className="risk-field">
          <span>{r('formNote')}</span>
          <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        </label>
        {problem && (
          <div className="alert risk-alert" role="alert" id="risk-form-problem">
            <span className="alert-text">
              {problem.message}
              {problem.details.length > 0 && (
                <ul>
                  {problem.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </span>
          </div>
        )}
        <div className="risk-form-actions">
          <button type="submit" className="risk-button" disabled={busy}>
            {busy ? r('formSaving') : r('formSubmit')}
          </button>
          <button type="button" className="risk-button secondary" onClick={onCancel} disabled={busy}>
            {r('formCancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * The proposal's head (kind, saved state, save, status changes) and the list of saved proposals (reopen).
 * Proposals live in their own table (POST /api/proposals) until approved; each save stores a check with the rule
 * profile and rule versions it ran with.
 */
import { useI18n } from '../i18n/index.tsx';
import type { ProposalStatus } from './api.ts';
import { kindTitles, type ProposalKind } from './model.ts';
import { Problem } from './Problem.tsx';
import { statusText } from './results.ts';
import type { PlannerState, PlannerStore } from './store.ts';
import { proposalStatusText, T, transitionText } from './text.ts';

export interface ProposalHeadProps {
  state: PlannerState;
  store: PlannerStore;
  /** Why saving is not possible right now, if it is not. */
  blocked: string | null;
  onSave(): void;
}

export function ProposalHead({ state, store, blocked, onSave }: ProposalHeadProps) {
  const { l, lang } = useI18n();
  const { saved, kind } = state;
  const detail = saved.detail;
  const draft = !detail || detail.status === 'draft';
  const busy = saved.busy;
  return (
    <section className="panel planner-section proposal-head" aria-labelledby="proposal-heading">
      <div className="section-head">
        <h2 id="proposal-heading">{l(T.proposal)}</h2>
        <button type="button" className="link-button" onClick={() => store.newProposal()}>
          + {l(T.newProposal)}
        </button>
      </div>
      <fieldset className="kind-switch">
        <legend className="sr-only">{l(T.kind)}</legend>
        {(['mining_rights', 'tailings_ponds'] as ProposalKind[]).map((k) => (
          <label key={k} className={kind === k ? 'kind-option checked' : 'kind-option'}>
            <input type="radio" name="proposal-kind" value={k} checked={kind === k} disabled={!draft} onChange={() => store.setKind(k)} />
            <span>{l(kindTitles[k])}</span>
            {lang === 'zh' && <span className="label-en">{kindTitles[k].en}</span>}
          </label>
        ))}
      </fieldset>
      <p className="saved-line" data-testid="saved-line">
        {detail ? (
          <>
            {l(T.savedAs)} <span className="mono">{detail.id}</span> · <span className={`proposal-status status-${detail.status}`}>{l(proposalStatusText[detail.status])}</span>
            {saved.dirty && draft && <span className="dirty"> · {l({ zh: '有未保存的修改', en: 'unsaved changes' })}</span>}
          </>
        ) : (
          l(T.unsaved)
        )}
      </p>
      <div className="shape-tools">
        {draft && (
          <button type="button" className="tool-button primary" onClick={onSave} disabled={busy !== null} aria-describedby={blocked ? 'save-blocked' : undefined}>
            {busy === 'saving' ? (
              <>
                <span className="spinner" aria-hidden="true" /> {l(T.saving)}
              </>
            ) : detail ? (
              l(T.saveChanges)
            ) : (
              l(T.save)
            )}
          </button>
        )}
        {detail?.allowedTransitions.map((s) => (
          <button key={s} type="button" className="tool-button" disabled={busy !== null || (s !== 'draft' && saved.dirty)} onClick={() => void store.changeStatus(s as ProposalStatus, { status: T.errorStatus })}>
            {l(transitionText[s])}
          </button>
        ))}
        {detail && draft && (
          <button type="button" className="tool-button danger" disabled={busy !== null} onClick={() => void store.remove({ status: T.errorStatus })}>
            {l(T.deleteDraft)}
          </button>
        )}
      </div>
      {busy === 'saving' && (
        <p className="sr-only" role="status">
          {l(T.saving)}
        </p>
      )}
      {busy === 'status' && (
        <p className="hint" role="status">
          <span className="spinner" aria-hidden="true" /> {l({ zh: '正在更改状态…', en: 'Changing the status…' })}
        </p>
      )}
      {blocked && (
        <p className="field-error" id="save-blocked" role="note">
          {blocked}
        </p>
      )}
      {!draft && <p className="hint">{l(T.onlyDraft)}</p>}
      {saved.error && <Problem title={saved.error.title} problem={saved.error.problem} onDismiss={() => store.dismissSavedError()} />}
      {detail && detail.checks.length > 0 && (
        <details className="saved-checks">
          <summary>
            {l(T.checksSaved)} ({detail.checks.length})
          </summary>
          <ul>
            {detail.checks.map((c) => (
              <li key={c.id}>
                {new Date(c.checkedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })} · <span className={`status-chip status-${c.verdict}`}>{l(statusText[c.verdict])}</span> · {l(T.rulesUsed)} {c.profile} ·{' '}
                <span className="mono" title={Object.entries(c.ruleVersions).map(([r, v]) => `${r} v${v}`).join('\n')}>
                  {l(T.versions)} {Object.keys(c.ruleVersions).length}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function ProposalList({ state, store }: { state: PlannerState; store: PlannerStore }) {
  const { l, lang } = useI18n();
  const { list, saved } = state;
  return (
    <section className="panel planner-section" aria-labelledby="list-heading">
      <div className="section-head">
        <h2 id="list-heading">{l(T.list)}</h2>
        <button type="button" className="link-button" onClick={() => void store.loadList()} disabled={list.status === 'loading'}>
          {l(T.listRefresh)}
        </button>
      </div>
      {list.status === 'loading' && (
        <p className="hint" role="status">
          <span className="spinner" aria-hidden="true" /> {l(T.listLoading)}
        </p>
      )}
      {saved.busy === 'opening' && (
        <p className="hint" role="status">
          <span className="spinner" aria-hidden="true" /> {l(T.opening)}
        </p>
      )}
      {list.error && <Problem title={T.errorList} problem={list.error} onRetry={() => void store.loadList()} />}
      {list.status === 'done' && list.items.length === 0 && <p className="hint">{l(T.listEmpty)}</p>}
      <ul className="proposal-list">
        {list.items.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className={saved.detail?.id === p.id ? 'proposal-item current' : 'proposal-item'}
              aria-current={saved.detail?.id === p.id ? 'true' : undefined}
              data-proposal={p.id}
              onClick={() => void store.open(p.id, { open: T.errorOpen })}
            >
              <span className="proposal-name">{p.name}</span>
              <span className="proposal-meta">
                {l(kindTitles[p.layer])} · <span className={`proposal-status status-${p.status}`}>{l(proposalStatusText[p.status])}</span>
                {p.latestCheck && (
                  <>
                    {' '}
                    · <span className={`status-chip status-${p.latestCheck.verdict}`}>{l(statusText[p.latestCheck.verdict])}</span>
                  </>
                )}
              </span>
              <span className="proposal-date">{new Date(p.updatedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

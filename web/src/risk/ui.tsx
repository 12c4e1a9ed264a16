/**
 * Small pieces the risk panels share: grade and status chips (ledger names from the server's vocabulary), a loading
 * line, an error in words with a retry button, and a panel section.
 */
import type { ReactNode } from 'react';
import { css } from '../map/theme.ts';
import { gradeColour, worstColour } from '../map/layers/risk-common/index.ts';
import type { GradeId, LedgerLevel, LedgerStatus, Worst } from './api.ts';
import { useLedgerVocabulary } from './ledger/vocabulary.ts';
import type { QueryState } from './query.ts';
import { useRiskText, type TextKey } from './text.ts';

export const gradeNames: Record<GradeId, { zh: string; en: string }> = {
  major: { zh: '重大', en: 'Major' },
  significant: { zh: '较大', en: 'Significant' },
  general: { zh: '一般', en: 'General' },
  low: { zh: '低', en: 'Low' },
};
const gradeLong: Record<GradeId, { zh: string; en: string }> = {
  major: { zh: '重大风险', en: 'Major risk' },
  significant: { zh: '较大风险', en: 'Significant risk' },
  general: { zh: '一般风险', en: 'General risk' },
  low: { zh: '低风险', en: 'Low risk' },
};
const colourNames: Record<GradeId, { zh: string; en: string }> = {
  major: { zh: '红', en: 'red' },
  significant: { zh: '橙', en: 'orange' },
  general: { zh: '黄', en: 'yellow' },
  low: { zh: '蓝', en: 'blue' },
};

/** Readable text on a grade colour: dark on yellow, white on the others. */
export function inkOn(grade: GradeId): string {
  return grade === 'general' ? '#2b2100' : '#ffffff';
}

export function GradeChip({ grade, long = false }: { grade: GradeId; long?: boolean }) {
  const { l } = useRiskText();
  return (
    <span className="risk-grade-chip" data-grade={grade} style={{ background: css(gradeColour(grade)), color: inkOn(grade) }}>
      {l(long ? gradeLong[grade] : gradeNames[grade])}
    </span>
  );
}

export function GradeBadge({ grade, score }: { grade: GradeId; score: number }) {
  const { l, r } = useRiskText();
  return (
    <div className="risk-grade-badge" data-grade={grade} style={{ background: css(gradeColour(grade)), color: inkOn(grade) }}>
      <span className="risk-grade-name">{l(gradeLong[grade])}</span>
      <span className="risk-grade-colour">{l(colourNames[grade])}</span>
      <span className="risk-grade-score">{r('scoreOf', { score })}</span>
    </div>
  );
}

const worstNames: Record<Worst, { zh: string; en: string }> = {
  fail: { zh: '不符合', en: 'Fail' },
  warn: { zh: '需关注', en: 'Warning' },
  pass: { zh: '符合', en: 'Pass' },
};

export function WorstChip({ worst, active = true, children }: { worst: Worst; active?: boolean; children?: ReactNode }) {
  const { l } = useRiskText();
  return (
    <span className="risk-status-chip" data-worst={worst} style={{ borderColor: css(worstColour(worst, active)), color: css(worstColour(worst, active, 255)) }}>
      <span className="risk-dot" style={{ background: css(worstColour(worst, active)) }} aria-hidden="true" />
      {l(worstNames[worst])}
      {children}
    </span>
  );
}

export function worstName(worst: Worst, lang: 'zh' | 'en'): string {
  return worstNames[worst][lang];
}

export function LevelChip({ level }: { level: LedgerLevel }) {
  const { levelName } = useLedgerVocabulary();
  return (
    <span className="risk-level-chip" data-level={level} style={{ borderColor: css(gradeColour(level)), background: css(gradeColour(level, 40)) }}>
      {levelName(level)}
    </span>
  );
}

export function StatusChip({ status }: { status: LedgerStatus }) {
  const { statusName } = useLedgerVocabulary();
  return (
    <span className="risk-ledger-status" data-status={status}>
      {statusName(status)}
    </span>
  );
}

/** Loading (a spinner and words) or an error (in words, with retry) for one request; nothing once it has data. */
export function QueryStatus({ state, what }: { state: QueryState<unknown> & { reload(): void }; what: TextKey }) {
  const { r, lang } = useRiskText();
  if (state.error) {
    const reason = state.error.network ? r('errorNetwork') : state.error.message;
    return (
      <div className="alert risk-alert" role="alert">
        <span className="alert-text">
          {r('errorPrefix')}
          {lang === 'zh' ? '' : ' '}
          {r(what)}
          {lang === 'zh' ? '：' : ': '}
          {reason}
        </span>
        <button type="button" onClick={state.reload}>
          {r('retry')}
        </button>
      </div>
    );
  }
  if (state.loading && state.data === undefined) {
    return (
      <p className="risk-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {r('loading')}
      </p>
    );
  }
  return null;
}

/** Loading or failing to load the ledger vocabulary (statuses, levels), in words with a retry; nothing once loaded. */
export function VocabularyStatus() {
  const { state } = useLedgerVocabulary();
  return <QueryStatus state={state} what="whatVocabulary" />;
}

export function Section({ title, hint, children, id }: { title: string; hint?: string; children: ReactNode; id: string }) {
  return (
    <section className="risk-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}

/** A link to a place in the risk view: a real href (open in a new tab, share), followed in-page on a plain click. */
export function RouteLink({ href, onGo, children, className, title }: { href: string; onGo(): void; children: ReactNode; className?: string; title?: string }) {
  return (
    <a
      href={href}
      className={className}
      title={title}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        onGo();
      }}
    >
      {children}
    </a>
  );
}

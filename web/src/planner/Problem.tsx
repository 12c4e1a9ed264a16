/** A failed server call or file, in words: what failed, why (the server's message and each detail, by line). */
import { useI18n } from '../i18n/index.tsx';
import type { Label } from '../i18n/map.ts';
import type { ProblemInfo } from './store.ts';
import { colon, fill, T } from './text.ts';

export function problemLines(problem: ProblemInfo, l: (label: Label) => string, lang: 'zh' | 'en'): { lead: string; details: string[] } {
  const c = colon(lang);
  if (problem.kind === 'network') return { lead: l(T.errorNetwork), details: [] };
  if (problem.text) return { lead: l(problem.text), details: [] };
  const details = problem.details.map((d) => {
    const where = d.line !== undefined ? `${fill(l(T.line), { n: d.line })}${c}` : d.field && d.field !== 'ring' ? `${d.field}${c}` : '';
    return `${where}${d.problem}`;
  });
  const status = problem.status ? ` (HTTP ${problem.status})` : '';
  return { lead: `${l(T.errorServer)}${status}${c}${problem.message}`, details };
}

export function Problem({ title, problem, onRetry, onDismiss }: { title: Label; problem: ProblemInfo; onRetry?(): void; onDismiss?(): void }) {
  const { l, lang } = useI18n();
  const { lead, details } = problemLines(problem, l, lang);
  return (
    <div className="alert planner-alert" role="alert">
      <div className="alert-text">
        <strong>{l(title)}</strong>
        <span className="problem-lead">{lead}</span>
        {details.length > 0 && (
          <ul className="problem-details">
            {details.slice(0, 12).map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {l(T.retry)}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="icon-button" aria-label={l(T.dismiss)} onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

/**
 * 全部区域概况: before any area is chosen, how many counties each grade has, the people below head-top dams and the
 * overdue hazards in all of them, and the county at the top of the ranking.
 */
import type { AreasResponse, RankedArea } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import { chinaTime, people, useRiskText } from '../text.ts';
import { GradeChip, RouteLink, Section } from '../ui.tsx';

const grades = ['major', 'significant', 'general', 'low'] as const;

export function OverviewPanel({
  areas,
  audit,
  areaHref,
  onArea,
}: {
  areas: RankedArea[];
  /** When the stored findings behind the grades were last brought up to date (null before the first audit). */
  audit: AreasResponse['audit'];
  areaHref(code: string): string;
  onArea(code: string): void;
}) {
  const { r, lang } = useRiskText();
  const { areaName } = useAreaName();
  const top = areas[0];
  const below = areas.reduce((sum, a) => sum + a.counts.headTopPopulation, 0);
  const overdue = areas.reduce((sum, a) => sum + a.counts.ledgerOverdue.total, 0);
  return (
    <div className="risk-detail">
      <header className="risk-detail-head">
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {r('overviewTitle')}
        </h2>
        <p className="hint">{r('overviewHint')}</p>
        {audit && (
          <p className="hint" data-testid="audited-at">
            {r(audit.rebuilding ? 'auditRebuilding' : 'auditedAt', { time: chinaTime(audit.auditedAt) })}
          </p>
        )}
      </header>
      <Section id="risk-overview-grades" title={r('overviewGrades')}>
        <ul className="risk-grade-counts">
          {grades.map((g) => (
            <li key={g}>
              <GradeChip grade={g} long />
              <strong>{areas.filter((a) => a.grade === g).length}</strong>
            </li>
          ))}
        </ul>
      </Section>
      <dl className="risk-facts">
        <div>
          <dt>{r('overviewPeople')}</dt>
          <dd>{people(below, lang)}</dd>
        </div>
        <div>
          <dt>{r('overviewOverdue')}</dt>
          <dd className={overdue ? 'risk-overdue-count' : undefined}>{overdue}</dd>
        </div>
      </dl>
      {top && (
        <Section id="risk-overview-top" title={r('overviewTop')}>
          <RouteLink href={areaHref(top.code)} onGo={() => onArea(top.code)} className="risk-top-area">
            <span>{areaName(top)}</span> <GradeChip grade={top.grade} /> <span>{r('scoreOf', { score: top.score })}</span>
          </RouteLink>
          <ol className="risk-reasons compact">
            {top.reasons.slice(0, 4).map((x) => (
              <li key={x.key}>
                <span className="risk-reason-text">{lang === 'zh' ? x.zh : x.en}</span>
                <span className="risk-reason-points">+{x.points}</span>
              </li>
            ))}
          </ol>
        </Section>
      )}
    </div>
  );
}

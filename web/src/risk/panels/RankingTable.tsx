/**
 * 风险排名 the ranking table: the areas of the level being looked at (counties, or the towns of one county), sortable
 * by any column (a button in each header, `aria-sort` on the sorted one); an area's name opens it (drill-down).
 */
import { useMemo, useState } from 'react';
import type { RankedArea } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import { routeHref, type RiskRoute } from '../route.ts';
import { formatNumber, useRiskText, type TextKey } from '../text.ts';
import { GradeChip, RouteLink } from '../ui.tsx';

type Column = 'rank' | 'name' | 'grade' | 'score' | 'people' | 'overdue';
const gradeOrder = { major: 3, significant: 2, general: 1, low: 0 } as const;

const value = (a: RankedArea, c: Column, name: (a: RankedArea) => string): number | string => {
  switch (c) {
    case 'rank':
      return a.rank;
    case 'name':
      return name(a);
    case 'grade':
      return gradeOrder[a.grade] * 10_000 + a.score;
    case 'score':
      return a.score;
    case 'people':
      return a.counts.headTopPopulation;
    case 'overdue':
      return a.counts.ledgerOverdue.total;
  }
};

export interface RankingTableProps {
  areas: RankedArea[];
  current?: string;
  /** The route each row's link goes to. */
  routeTo(code: string): RiskRoute;
  onOpen(code: string): void;
}

export function RankingTable({ areas, current, routeTo, onOpen }: RankingTableProps) {
  const { r, lang } = useRiskText();
  const { areaName } = useAreaName();
  const [sort, setSort] = useState<{ by: Column; desc: boolean }>({ by: 'rank', desc: false });
  const sorted = useMemo(() => {
    const out = [...areas].sort((a, b) => {
      const va = value(a, sort.by, areaName);
      const vb = value(b, sort.by, areaName);
      const c = typeof va === 'string' ? va.localeCompare(vb as string, lang === 'zh' ? 'zh-CN' : 'en') : va - (vb as number);
      return c || a.rank - b.rank;
    });
    return sort.desc ? out.reverse() : out;
  }, [areas, sort, lang]);

  const header = (c: Column, key: TextKey, numeric = true, title?: TextKey) => {
    const active = sort.by === c;
    // Rank and name read best ascending; the measures read best largest first.
    const firstDesc = c !== 'rank' && c !== 'name';
    return (
      <th scope="col" aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined} className={numeric ? 'num' : undefined}>
        <button
          type="button"
          className="risk-sort"
          title={r('sortBy', { col: r(title ?? key) })}
          onClick={() => setSort((s) => (s.by === c ? { by: c, desc: !s.desc } : { by: c, desc: firstDesc }))}
        >
          {r(key)}
          <span className="risk-sort-mark" aria-hidden="true">
            {active ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  if (areas.length === 0) return <p className="hint">{r('noAreas')}</p>;
  return (
    <table className="risk-ranking">
      <thead>
        <tr>
          {header('rank', 'colRank')}
          {header('name', 'colArea', false)}
          {header('grade', 'colGrade', false)}
          {header('score', 'colScore')}
          {header('people', 'colPeopleShort', true, 'colPeople')}
          {header('overdue', 'colOverdueShort', true, 'colOverdue')}
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.code} data-code={a.code} aria-current={a.code === current ? 'true' : undefined}>
            <td className="num">{a.rank}</td>
            <th scope="row">
              <RouteLink href={routeHref(routeTo(a.code))} onGo={() => onOpen(a.code)}>
                {areaName(a)}
              </RouteLink>
            </th>
            <td>
              <GradeChip grade={a.grade} />
            </td>
            <td className="num">{a.score}</td>
            <td className="num">{a.counts.headTopPopulation ? formatNumber(a.counts.headTopPopulation, lang) : '—'}</td>
            <td className={a.counts.ledgerOverdue.total ? 'num risk-overdue-count' : 'num'}>{a.counts.ledgerOverdue.total || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The risk map's legend, over the map's lower left corner: the four grade colours with the score each starts at
 * (for the level shown), then what the current view adds — site colours, the density ramp with its numbers, or the
 * 头顶库 corridor and settlements.
 */
import { css } from '../map/theme.ts';
import { riskAreas } from '../map/layers/risk-areas/index.ts';
import { densityRamp } from '../map/layers/risk-density/index.ts';
import { riskHeadTop } from '../map/layers/risk-head-top/index.ts';
import { riskSites } from '../map/layers/risk-sites/index.ts';
import type { LegendEntry as SymbolEntry } from '../map/layers/types.ts';
import { LegendSymbol } from '../ui/LegendSymbol.tsx';
import type { LegendEntry } from './api.ts';
import { useRiskText } from './text.ts';

export interface RiskLegendProps {
  level: 'county' | 'town';
  grades: LegendEntry[] | undefined;
  sites: boolean;
  density: { domain: [number, number] | null; radiusKm: number } | null;
  headTop: boolean;
}

function Entries({ entries, extra, columns = 1 }: { entries: SymbolEntry[]; extra?: (i: number) => string | null; columns?: 1 | 2 }) {
  const { l } = useRiskText();
  return (
    <ul className={columns === 2 ? 'risk-legend-entries two' : 'risk-legend-entries'}>
      {entries.map((e, i) => (
        <li key={e.label.en}>
          <LegendSymbol symbol={e.symbol} />
          <span>{l(e.label)}</span>
          {extra?.(i) && <span className="risk-legend-extra">{extra(i)}</span>}
        </li>
      ))}
    </ul>
  );
}

export function RiskLegend({ level, grades, sites, density, headTop }: RiskLegendProps) {
  const { r, lang } = useRiskText();
  const order = ['major', 'significant', 'general', 'low'];
  const minOf = (i: number) => {
    const g = grades?.find((x) => x.grade === order[i]);
    if (!g) return null;
    return g.grade === 'low' ? (lang === 'zh' ? `<${grades?.find((x) => x.grade === 'general')?.minScore ?? ''}` : `< ${grades?.find((x) => x.grade === 'general')?.minScore ?? ''}`) : `≥${g.minScore}`;
  };
  return (
    <details className="risk-legend" open>
      <summary>
        <h2>{r('legend')}</h2>
      </summary>
      <h3>
        {r('legendAreas')}
        <span className="hint">
          {' '}
          ({r(level === 'town' ? 'levelTown' : 'levelCounty')} {r('legendScores')})
        </span>
      </h3>
      <Entries entries={riskAreas.legend} extra={minOf} />
      {sites && (
        <>
          <h3>{lang === 'zh' ? riskSites.title.zh : riskSites.title.en}</h3>
          <Entries entries={riskSites.legend} columns={2} />
        </>
      )}
      {density && (
        <>
          <h3>{r('legendDensity')}</h3>
          {density.domain ? (
            <div className="risk-ramp">
              <div className="risk-ramp-bar" aria-hidden="true">
                {densityRamp.map((c, i) => (
                  <span key={i} style={{ background: css(c as [number, number, number, number]) }} />
                ))}
              </div>
              <div className="risk-ramp-labels">
                <span>{Math.max(1, Math.floor(density.domain[0]))}</span>
                <span>{Math.ceil(density.domain[1])}</span>
              </div>
            </div>
          ) : (
            <p className="hint">{r('legendNoProblems')}</p>
          )}
          <p className="hint">
            {r('legendDensityNote')} {density.radiusKm} km
          </p>
        </>
      )}
      {headTop && (
        <>
          <h3>{lang === 'zh' ? riskHeadTop.title.zh : riskHeadTop.title.en}</h3>
          <Entries entries={riskHeadTop.legend} />
        </>
      )}
      <p className="risk-legend-note">{r('boundaryNote')}</p>
    </details>
  );
}

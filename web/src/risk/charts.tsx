/**
 * The area panel's two charts, plain SVG drawn by React (no chart library): findings by rule as horizontal stacked
 * bars (不符合 fail + 需关注 warn), and the ledger month by month (items recorded and closed as bars, items open and
 * overdue at month end as lines). Each has a text alternative for screen readers.
 */
import { css, status } from '../map/theme.ts';
import type { RuleCount, TrendMonth } from './api.ts';
import { useRiskText } from './text.ts';

const failColour = css(status.fail);
const warnColour = css(status.warn);

function Key({ items }: { items: { colour: string; label: string; line?: boolean }[] }) {
  return (
    <ul className="risk-chart-key" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <svg width="16" height="10" viewBox="0 0 16 10">
            {i.line ? <line x1="1" y1="5" x2="15" y2="5" stroke={i.colour} strokeWidth="2.5" /> : <rect x="2" y="1" width="12" height="8" rx="1.5" fill={i.colour} />}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function clip(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

export function RuleBarChart({ byRule }: { byRule: RuleCount[] }) {
  const { r, l, lang } = useRiskText();
  const rows = byRule.filter((b) => b.fail + b.warn > 0).sort((a, b) => b.fail - a.fail || b.warn - a.warn || a.rule.localeCompare(b.rule));
  if (rows.length === 0) return <p className="hint">{r('byRuleNone')}</p>;
  const W = 340;
  const labelW = lang === 'zh' ? 150 : 150;
  const numW = 40;
  const rowH = 21;
  const top = 4;
  const H = top + rows.length * rowH + 4;
  const max = Math.max(...rows.map((b) => b.fail + b.warn));
  const scale = (W - labelW - numW - 8) / max;
  const failWord = lang === 'zh' ? '不符合' : 'fail';
  const warnWord = lang === 'zh' ? '需关注' : 'warn';
  const summary = rows.map((b) => `${l(b.title)}: ${failWord} ${b.fail}, ${warnWord} ${b.warn}`).join('; ');
  return (
    <figure className="risk-chart" data-chart="by-rule">
      <Key items={[{ colour: failColour, label: lang === 'zh' ? '不符合' : 'Fail' }, { colour: warnColour, label: lang === 'zh' ? '需关注' : 'Warning' }]} />
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${r('byRule')}: ${summary}`}>
        {rows.map((b, i) => {
          const y = top + i * rowH;
          const title = l(b.title);
          const fw = b.fail * scale;
          const ww = b.warn * scale;
          return (
            <g key={b.rule} data-rule={b.rule}>
              <title>{`${title} (${b.rule}): ${failWord} ${b.fail}, ${warnWord} ${b.warn}`}</title>
              <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize="12" fill="#1f2933">
                {clip(title, lang === 'zh' ? 11 : 23)}
              </text>
              <rect x={labelW} y={y + 3} width={W - labelW - numW - 8} height={14} fill="#eef1f4" rx="2" />
              {fw > 0 && <rect x={labelW} y={y + 3} width={fw} height={14} fill={failColour} rx="2" />}
              {ww > 0 && <rect x={labelW + fw} y={y + 3} width={ww} height={14} fill={warnColour} rx="2" />}
              <text x={W - numW} y={y + 14} fontSize="12" fontWeight="700">
                <tspan fill={failColour}>{b.fail}</tspan>
                <tspan fill="#9aa5b1"> / </tspan>
                <tspan fill="#a15c00">{b.warn}</tspan>
              </text>
            </g>
          );
        })}
      </svg>
      {byRule.length > rows.length && <figcaption className="hint">{r('byRuleOthers', { n: byRule.length - rows.length })}</figcaption>}
    </figure>
  );
}

const monthNamesEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function LedgerTrendChart({ months }: { months: TrendMonth[] }) {
  const { r, lang } = useRiskText();
  const W = 340;
  const H = 150;
  const left = 26;
  const right = 8;
  const top = 10;
  const bottom = 22;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = Math.max(1, ...months.flatMap((m) => [m.opened, m.closed, m.open, m.overdue]));
  const step = plotW / Math.max(1, months.length);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const x = (i: number) => left + step * i + step / 2;
  const barW = Math.min(9, step / 3);
  const empty = months.every((m) => m.opened === 0 && m.closed === 0 && m.open === 0);
  const line = (key: 'open' | 'overdue') => months.map((m, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(m[key]).toFixed(1)}`).join(' ');
  const label = (month: string) => {
    const n = Number(month.slice(5, 7));
    return lang === 'zh' ? `${n}月` : monthNamesEn[n - 1];
  };
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const summary = months.map((m) => `${m.month}: ${r('trendOpened')} ${m.opened}, ${r('trendClosed')} ${m.closed}, ${r('trendOpen')} ${m.open}, ${r('trendOverdue')} ${m.overdue}`).join('; ');
  return (
    <figure className="risk-chart" data-chart="ledger-trend">
      <Key
        items={[
          { colour: '#6b8fb8', label: r('trendOpened') },
          { colour: '#2e7d32', label: r('trendClosed') },
          { colour: '#1f2933', label: r('trendOpen'), line: true },
          { colour: failColour, label: r('trendOverdue'), line: true },
        ]}
      />
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${r('trend')}: ${empty ? r('trendEmpty') : summary}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W - right} y1={y(t)} y2={y(t)} stroke={t === 0 ? '#9aa5b1' : '#e4e8ec'} />
            <text x={left - 5} y={y(t) + 4} fontSize="10" textAnchor="end" fill="#52606d">
              {t}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <g key={m.month} data-month={m.month}>
            <title>{`${m.month} · ${r('trendOpened')} ${m.opened} · ${r('trendClosed')} ${m.closed} · ${r('trendOpen')} ${m.open} · ${r('trendOverdue')} ${m.overdue}`}</title>
            {m.opened > 0 && <rect x={x(i) - barW - 0.5} y={y(m.opened)} width={barW} height={y(0) - y(m.opened)} fill="#6b8fb8" />}
            {m.closed > 0 && <rect x={x(i) + 0.5} y={y(m.closed)} width={barW} height={y(0) - y(m.closed)} fill="#2e7d32" />}
            <text x={x(i)} y={H - 7} fontSize="10" textAnchor="middle" fill="#52606d">
              {label(m.month)}
            </text>
          </g>
        ))}
        {!empty && (
          <>
            <path d={line('open')} fill="none" stroke="#1f2933" strokeWidth="2" />
            <path d={line('overdue')} fill="none" stroke={failColour} strokeWidth="2" strokeDasharray="4 2" />
            {months.map((m, i) => (
              <circle key={m.month} cx={x(i)} cy={y(m.open)} r="2.4" fill="#1f2933" />
            ))}
          </>
        )}
        {empty && (
          <text x={left + plotW / 2} y={top + plotH / 2} fontSize="12" textAnchor="middle" fill="#52606d">
            {r('trendEmpty')}
          </text>
        )}
      </svg>
    </figure>
  );
}

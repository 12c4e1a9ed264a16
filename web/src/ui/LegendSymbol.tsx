/** A legend swatch drawn as SVG from a layer module's legend entry. */
import { useId } from 'react';
import type { LegendSymbol as Symbol } from '../map/layers/types.ts';
import { css } from '../map/theme.ts';

const W = 26;
const H = 16;

const hatchLines: Record<string, string> = {
  diagonal: 'M-4 4 4 -4 M0 16 16 0 M12 20 28 4 M-4 20 12 4 M8 20 24 4 M20 20 30 10',
  back: 'M-4 12 4 20 M0 0 16 16 M12 -4 28 12 M-4 -4 12 12 M8 -4 24 12 M20 -4 30 6',
  horizontal: 'M0 3.5H26 M0 8H26 M0 12.5H26',
};

export function LegendSymbol({ symbol }: { symbol: Symbol }) {
  const clipId = `legend-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg className="legend-symbol" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      {symbol.kind === 'fill' && (
        <>
          <clipPath id={clipId}>
            <rect x={1} y={1} width={W - 2} height={H - 2} rx={2} />
          </clipPath>
          <rect x={1} y={1} width={W - 2} height={H - 2} rx={2} fill={css(symbol.fill)} />
          {symbol.hatch && (
            <g clipPath={`url(#${clipId})`} stroke={css(symbol.line ?? symbol.fill)} strokeWidth={1} opacity={0.8}>
              {(symbol.hatch === 'cross' ? [hatchLines.diagonal, hatchLines.back] : [hatchLines[symbol.hatch]]).map((d) => (
                <path key={d} d={d} />
              ))}
            </g>
          )}
          <rect
            x={1}
            y={1}
            width={W - 2}
            height={H - 2}
            rx={2}
            fill="none"
            stroke={symbol.line ? css(symbol.line) : 'none'}
            strokeWidth={symbol.lineWidth ?? 1.2}
          />
        </>
      )}
      {symbol.kind === 'line' && (
        <line x1={2} y1={H / 2} x2={W - 2} y2={H / 2} stroke={css(symbol.color)} strokeWidth={Math.min(symbol.width, 7)} strokeLinecap="round" />
      )}
      {symbol.kind === 'point' && (
        <circle cx={W / 2} cy={H / 2} r={Math.min(symbol.radius, 7)} fill={css(symbol.color)} stroke={symbol.line ? css(symbol.line) : 'none'} strokeWidth={1.2} />
      )}
      {symbol.kind === 'arrow' && (
        <g stroke={css(symbol.color)} strokeWidth={2} fill="none" strokeLinecap="round" strokeLinejoin="round">
          <circle cx={4} cy={H / 2} r={2.5} fill="#263238" stroke="#fff" strokeWidth={1} />
          <path d={`M6 ${H / 2}H${W - 3} M${W - 8} ${H / 2 - 4} ${W - 3} ${H / 2} ${W - 8} ${H / 2 + 4}`} />
        </g>
      )}
    </svg>
  );
}

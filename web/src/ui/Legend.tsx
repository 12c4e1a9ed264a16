import type { FeatureCollection } from 'geojson';
import type { LayerId } from '../api/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import { legendText } from '../i18n/map.ts';
import { countColour, densityLegend } from '../map/layers/density/index.ts';
import { evidence as evidenceModule, layerModules, layerOrder } from '../map/layers/index.ts';
import type { LegendEntry } from '../map/layers/types.ts';
import { darker, risk, status, withAlpha } from '../map/theme.ts';
import { LegendSymbol } from './LegendSymbol.tsx';

export interface LegendProps {
  visible: ReadonlySet<LayerId>;
  evidence: FeatureCollection | null;
  /** Layers drawn as counts per grid cell in the current view: their legend is the count shading. */
  dense: ReadonlySet<LayerId>;
}

function Entries({ entries }: { entries: LegendEntry[] }) {
  const { l } = useI18n();
  return (
    <ul className="legend-entries">
      {entries.map((e) => (
        <li key={e.label.en}>
          <LegendSymbol symbol={e.symbol} />
          <span>{l(e.label)}</span>
        </li>
      ))}
    </ul>
  );
}

const statusEntries: LegendEntry[] = (['fail', 'warn', 'pass'] as const).map((s) => ({
  label: legendText.status[s],
  symbol: { kind: 'fill', fill: withAlpha(status[s], 200), line: darker(status[s]) },
}));

const riskEntries: LegendEntry[] = (['major', 'significant', 'general', 'low'] as const).map((r) => ({
  label: legendText.risk[r],
  symbol: { kind: 'fill', fill: withAlpha(risk[r], 200), line: darker(risk[r]) },
}));

export function Legend({ visible, evidence, dense }: LegendProps) {
  const { t, l } = useI18n();
  const shown = layerOrder.filter((id) => visible.has(id));
  return (
    <section className="panel legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('legend')}</h2>
      {evidence && evidence.features.length > 0 && (
        <details open className="legend-group evidence-legend">
          <summary>{l(evidenceModule.title)}</summary>
          <Entries entries={evidenceModule.legend} />
        </details>
      )}
      {shown.length === 0 && <p className="hint">{t('legendEmpty')}</p>}
      {shown.map((id) => (
        <details open key={id} className="legend-group" data-legend={id}>
          <summary>
            {l(layerModules[id].title)}
            {id === 'admin_areas' && <span className="note-chip">{l(legendText.adminAreas.note)}</span>}
          </summary>
          {dense.has(id) ? (
            <>
              <p className="hint">{l(legendText.density.note)}</p>
              <Entries entries={densityLegend(countColour(layerModules[id]))} />
            </>
          ) : (
            <Entries entries={layerModules[id].legend} />
          )}
        </details>
      ))}
      <details className="legend-group">
        <summary>{t('riskColours')}</summary>
        <Entries entries={riskEntries} />
      </details>
      <details className="legend-group">
        <summary>{t('statusColours')}</summary>
        <Entries entries={statusEntries} />
      </details>
    </section>
  );
}

import type { LayerId, LayerSummary } from '../api/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import { layerModules, layerOrder } from '../map/layers/index.ts';
import { LegendSymbol } from './LegendSymbol.tsx';

export interface LayerPanelProps {
  summaries: LayerSummary[] | null;
  visible: ReadonlySet<LayerId>;
  loading: readonly LayerId[];
  failed: ReadonlySet<LayerId>;
  /** Layers drawn as counts per grid cell in the current view. */
  dense: ReadonlySet<LayerId>;
  onToggle(layer: LayerId, on: boolean): void;
}

export function LayerPanel({ summaries, visible, loading, failed, dense, onToggle }: LayerPanelProps) {
  const { t, l, lang } = useI18n();
  const byId = new Map(summaries?.map((s) => [s.layer, s]) ?? []);
  return (
    <section className="panel layer-panel" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{t('layers')}</h2>
      <p className="hint">{t('layersHint')}</p>
      <ul className="layer-list">
        {layerOrder.map((id) => {
          const module = layerModules[id];
          const summary = byId.get(id);
          const title = summary?.title ?? module.title;
          const count = summary?.count;
          return (
            <li key={id} className={failed.has(id) ? 'layer-row failed' : 'layer-row'}>
              <label>
                <input type="checkbox" checked={visible.has(id)} onChange={(e) => onToggle(id, e.target.checked)} data-layer={id} />
                <LegendSymbol symbol={module.legend[0].symbol} />
                <span className="layer-title">
                  <span className="layer-title-main">{l(title)}</span>
                  {lang === 'zh' && <span className="layer-title-en">{title.en}</span>}
                  {dense.has(id) && visible.has(id) && (
                    <span className="layer-dense" data-dense={id}>
                      {t('denseLayer')}
                    </span>
                  )}
                </span>
                <span className="layer-count" aria-label={count === undefined ? undefined : `${count} ${t('features')}`}>
                  {loading.includes(id) ? <span className="spinner" aria-hidden="true" /> : count === undefined ? '–' : count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

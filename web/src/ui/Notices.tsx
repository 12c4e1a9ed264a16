/** Loading indicator and error messages over the map, in words (role="status" / role="alert"). */
import type { LayerSummary } from '../api/layers.ts';
import type { LoadError } from '../data/layerStore.ts';
import { useI18n } from '../i18n/index.tsx';
import { layerModules } from '../map/layers/index.ts';

export interface NoticesProps {
  loading: boolean;
  loadingTitles: string[];
  errors: LoadError[];
  mapErrors: string[];
  summaries: LayerSummary[] | null;
  onRetry(): void;
  onDismiss(key: string): void;
  onDismissMapError(message: string): void;
}

export function errorText(e: LoadError, summaries: LayerSummary[] | null, i18n: ReturnType<typeof useI18n>): string {
  const { t, l, lang } = i18n;
  const reason = e.network ? t('errorNetwork') : e.message;
  const colon = lang === 'zh' ? '：' : ': ';
  if (e.kind === 'summaries') return `${t('errorSummaries')}${colon}${reason}`;
  const title = l(summaries?.find((s) => s.layer === e.layer)?.title ?? layerModules[e.layer].title);
  return lang === 'zh' ? `${t('errorLayer')}「${title}」：${reason}` : `${t('errorLayer')} "${title}": ${reason}`;
}

export function Notices({ loading, loadingTitles, errors, mapErrors, summaries, onRetry, onDismiss, onDismissMapError }: NoticesProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="notices">
      <div className="loading-pill" role="status" aria-live="polite" hidden={!loading}>
        {loading && (
          <>
            <span className="spinner" aria-hidden="true" />
            {t('loading')}
            {loadingTitles.length > 0 && loadingTitles.length <= 3 && <span className="loading-detail">{loadingTitles.join('、')}</span>}
          </>
        )}
      </div>
      {errors.map((e) => (
        <div className="alert" role="alert" key={e.key}>
          <strong>{t('errorTitle')}</strong>
          <span className="alert-text">{errorText(e, summaries, i18n)}</span>
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
          <button type="button" className="icon-button" aria-label={t('dismiss')} onClick={() => onDismiss(e.key)}>
            ×
          </button>
        </div>
      ))}
      {mapErrors.map((m) => (
        <div className="alert" role="alert" key={m}>
          <strong>{t('errorTitle')}</strong>
          <span className="alert-text">{m}</span>
          <button type="button" className="icon-button" aria-label={t('dismiss')} onClick={() => onDismissMapError(m)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

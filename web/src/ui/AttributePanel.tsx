/**
 * 要素属性: the clicked feature's properties with the labels, units and value names the API gives for the layer
 * (GET /api/layers → fields), then any other properties it carries.
 */
import { useEffect, useRef } from 'react';
import type { FieldMeta, LayerSummary } from '../api/layers.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { extraProps, mineralNames } from '../i18n/map.ts';
import { layerModules } from '../map/layers/index.ts';
import type { Selection } from '../map/MapView.tsx';

export interface AttributePanelProps {
  selection: Selection;
  summary: LayerSummary | undefined;
  onClose(): void;
}

function number(value: number, lang: string): string {
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 });
}

export function formatValue(value: unknown, field: Pick<FieldMeta, 'unit' | 'values'> | undefined, prop: string, i18n: Pick<I18n, 'l' | 't' | 'lang'>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? i18n.t('yes') : i18n.t('no');
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'number') ? (value as number[]).map((v) => v.toFixed(5)).join(', ') : value.join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const values = field?.values as Record<string, { zh: string; en: string }> | null | undefined;
  if (values && typeof value === 'string' && values[value]) return i18n.l(values[value]);
  if (prop === 'mineral' && typeof value === 'string' && mineralNames[value]) return i18n.l(mineralNames[value]);
  // Years and codes read better without grouping separators.
  const text = typeof value === 'number' && !/year|since|code/i.test(prop) ? number(value, i18n.lang) : String(value);
  return field?.unit ? `${text} ${field.unit}` : text;
}

export function AttributePanel({ selection, summary, onClose }: AttributePanelProps) {
  const i18n = useI18n();
  const { t, l } = i18n;
  const closeRef = useRef<HTMLButtonElement>(null);
  const props = selection.feature.properties ?? {};
  const id = String(props.id ?? selection.feature.id ?? '');
  const fields = (summary?.fields ?? []) as FieldMeta[];
  const known = new Set(['id', 'name', ...fields.map((f) => f.prop)]);
  const extras = Object.keys(props).filter((k) => !known.has(k) && props[k] !== null && typeof props[k] !== 'object');
  // Known extras in a fixed order, the data source last.
  extras.sort((a, b) => Number(a === 'source') - Number(b === 'source') || Number(!(a in extraProps)) - Number(!(b in extraProps)));

  useEffect(() => {
    closeRef.current?.focus({ preventScroll: true });
  }, [id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="panel attribute-panel" aria-labelledby="attr-heading" data-layer={selection.layer} data-id={id}>
      <div className="attr-head">
        <div>
          <p className="attr-layer">
            {t('attributes')} · {l(summary?.title ?? layerModules[selection.layer].title)}
          </p>
          <h2 id="attr-heading">{String(props.name ?? id)}</h2>
        </div>
        <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label={t('close')} title={`${t('close')} (Esc)`}>
          ×
        </button>
      </div>
      <dl className="attr-table">
        <div className="attr-row">
          <dt>{t('id')}</dt>
          <dd className="mono">{id}</dd>
        </div>
        <div className="attr-row">
          <dt>{t('name')}</dt>
          <dd>{String(props.name ?? '—')}</dd>
        </div>
        {fields
          .filter((f) => props[f.prop] !== undefined && props[f.prop] !== null)
          .map((f) => (
            <div className="attr-row" key={f.prop} data-prop={f.prop}>
              <dt>{l(f.label)}</dt>
              <dd className={f.prop === 'licenseNo' ? 'mono' : undefined}>{formatValue(props[f.prop], f, f.prop, i18n)}</dd>
            </div>
          ))}
        {extras.map((k) => (
          <div className={k === 'source' ? 'attr-row muted' : 'attr-row'} key={k} data-prop={k}>
            <dt>{extraProps[k] ? l(extraProps[k].label) : k}</dt>
            <dd>{formatValue(props[k], extraProps[k] ? { unit: extraProps[k].unit, values: undefined } : undefined, k, i18n)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

/**
 * 属性 the proposal's attributes: Chinese labels (from the layer catalogue when it has them), units, validation as
 * you type (errors named under the field, announced to screen readers). For a pond, the dam toe and downstream
 * direction can also be set on the map (DamTool).
 */
import type { LayerSummary } from '../api/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Label } from '../i18n/map.ts';
import { errorText, validate, visibleFields, type FieldDef, type FormValues, type ProposalKind } from './model.ts';
import type { Tool } from './store.ts';
import { T } from './text.ts';

export interface ProposalFormProps {
  kind: ProposalKind;
  values: FormValues;
  summaries: LayerSummary[] | null;
  tool: Tool;
  /** Show errors for every field (after a save attempt), not only for touched ones. */
  showAll: boolean;
  touched: ReadonlySet<string>;
  onChange(key: string, value: string | boolean): void;
  onTouch(key: string): void;
  onDamTool(on: boolean): void;
  /** Read-only (a saved proposal past draft). */
  locked?: boolean;
}

const CHOOSE: Label = { zh: '请选择', en: 'Choose' };

export function ProposalForm({ kind, values, summaries, tool, showAll, touched, onChange, onTouch, onDamTool, locked = false }: ProposalFormProps) {
  const { l, lang } = useI18n();
  const catalogue = summaries?.find((s) => s.layer === kind)?.fields ?? [];
  const errors = validate(kind, values);
  const labelOf = (f: FieldDef) => {
    const meta = catalogue.find((c) => c.prop === f.key);
    return { label: f.key === 'name' ? f.label : (meta?.label ?? f.label), unit: meta?.unit ?? f.unit };
  };

  const field = (f: FieldDef) => {
    const id = `pf-${f.key}`;
    const { label, unit } = labelOf(f);
    const error = errors[f.key] && (showAll || touched.has(f.key)) ? errors[f.key] : undefined;
    const described = [error ? `${id}-error` : '', f.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
    const common = {
      id,
      name: f.key,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': described,
      'aria-required': f.required || undefined,
      onBlur: () => onTouch(f.key),
    };
    if (f.type === 'checkbox') {
      return (
        <div className="form-row form-check" key={f.key}>
          <label htmlFor={id}>
            <input type="checkbox" {...common} checked={values[f.key] === true} onChange={(e) => onChange(f.key, e.target.checked)} />
            {l(label)}
          </label>
        </div>
      );
    }
    const value = String(values[f.key] ?? '');
    const input =
      f.type === 'select' ? (
        <select {...common} value={value} onChange={(e) => onChange(f.key, e.target.value)}>
          <option value="">{l(CHOOSE)}</option>
          {f.options!.map((o) => (
            <option key={o.value} value={o.value}>
              {l(o.label)}
              {lang === 'zh' && o.label.en && !/[\u4e00-\u9fff]/.test(o.label.en) ? ` ${o.label.en}` : ''}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          inputMode={f.type === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(f.key, e.target.value)}
        />
      );
    return (
      <div className={error ? 'form-row invalid' : 'form-row'} key={f.key}>
        <label htmlFor={id}>
          {l(label)}
          {f.required && <span className="required" aria-hidden="true"> *</span>}
          {lang === 'zh' && <span className="label-en">{label.en}</span>}
        </label>
        <div className="input-unit">
          {input}
          {unit && <span className="unit">{unit}</span>}
        </div>
        {f.hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {l(f.hint)}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {errorText(error, lang)}
          </p>
        )}
      </div>
    );
  };

  const fields = visibleFields(kind, values);
  const damFields = new Set(['damLon', 'damLat', 'downstreamAzimuthDeg']);
  return (
    <section className="panel planner-section" aria-labelledby="pf-heading">
      <h2 id="pf-heading">{l(T.attributes)}</h2>
      <fieldset className="planner-form" disabled={locked}>
        <legend className="sr-only">{l(T.attributes)}</legend>
        {fields.filter((f) => !damFields.has(f.key)).map(field)}
        {kind === 'tailings_ponds' && (
          <fieldset className="dam-fields">
            <legend>{l({ zh: '初期坝坡脚与下游方向', en: 'Starter-dam toe and downstream direction' })}</legend>
            <button type="button" className={tool === 'dam' ? 'tool-button active' : 'tool-button'} aria-pressed={tool === 'dam'} onClick={() => onDamTool(tool !== 'dam')}>
              {tool === 'dam' ? l(T.damCancel) : l(T.damTool)}
            </button>
            {tool === 'dam' && (
              <p className="hint" role="status">
                {l(T.damToolActive)}
              </p>
            )}
            {fields.filter((f) => damFields.has(f.key)).map(field)}
          </fieldset>
        )}
      </fieldset>
    </section>
  );
}

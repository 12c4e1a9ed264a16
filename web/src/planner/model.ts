/**
 * The proposal under review (拟设方案) as a form: its kind (采矿权 mining right / 尾矿库 tailings pond), the attribute
 * fields each kind has (labels, units, validation), and the GeoJSON Feature sent to POST /api/checks and
 * /api/proposals. Pure: no React, no I/O. Field labels and units follow the layer catalogue (GET /api/layers →
 * fields); the ones here are used before it answers and for fields the catalogue does not type.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Label } from '../i18n/map.ts';
import { mineralNames } from '../i18n/map.ts';

export type ProposalKind = 'mining_rights' | 'tailings_ponds';
export type ShapeGeometry = Polygon | MultiPolygon;

export const kindTitles: Record<ProposalKind, Label> = {
  mining_rights: { zh: '采矿权', en: 'Mining right' },
  tailings_ponds: { zh: '尾矿库', en: 'Tailings pond' },
};

/** Form values as typed: numbers stay strings until validated; checkboxes are booleans. */
export type FormValues = Record<string, string | boolean>;

export interface FieldOption {
  value: string;
  label: Label;
}

export interface FieldDef {
  key: string;
  label: Label;
  unit?: string;
  type: 'text' | 'number' | 'select' | 'checkbox';
  options?: FieldOption[];
  required?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
  /** A short hint under the field. */
  hint?: Label;
  /** Shown only when this holds (e.g. slope fields for open pits). */
  when?(values: FormValues): boolean;
  /** Not sent as its own property (dam point lon/lat are sent as `damPoint`). */
  virtual?: true;
}

const opt = (value: string, zh: string, en: string): FieldOption => ({ value, label: { zh, en } });

export const OTHER_MINERAL = '__other';

/** Mineral → mineral group, to pre-fill 矿种类别 (the planner may change it). */
export const mineralGroupOf: Record<string, string> = {
  iron: 'metal',
  copper: 'metal',
  lead: 'metal',
  zinc: 'metal',
  gold: 'metal',
  bauxite: 'metal',
  limestone: 'nonmetal',
  dolomite: 'nonmetal',
  gypsum: 'nonmetal',
  clay: 'nonmetal',
  granite: 'building_stone',
  sand_gravel: 'construction_sand_gravel',
};

const openPitLike = (v: FormValues) => v.method === 'open_pit' || v.method === 'mixed';

export const fieldDefs: Record<ProposalKind, FieldDef[]> = {
  mining_rights: [
    { key: 'name', label: { zh: '方案名称', en: 'Proposal name' }, type: 'text', required: true },
    { key: 'holder', label: { zh: '采矿权人', en: 'Holder' }, type: 'text' },
    { key: 'licenseNo', label: { zh: '许可证号', en: 'Licence no.' }, type: 'text', hint: { zh: '新设可留空', en: 'May be empty for a new right' } },
    {
      key: 'mineral',
      label: { zh: '矿种', en: 'Mineral' },
      type: 'select',
      required: true,
      options: [
        ...Object.entries(mineralNames)
          .filter(([k]) => k !== 'coal')
          .map(([value, label]) => ({ value, label })),
        opt(OTHER_MINERAL, '其他（填写）', 'Other (type it)'),
      ],
    },
    { key: 'mineralOther', label: { zh: '其他矿种', en: 'Other mineral' }, type: 'text', required: true, virtual: true, when: (v) => v.mineral === OTHER_MINERAL },
    {
      key: 'mineralGroup',
      label: { zh: '矿种类别', en: 'Mineral group' },
      type: 'select',
      required: true,
      options: [
        opt('metal', '金属', 'Metal'),
        opt('nonmetal', '非金属', 'Non-metal'),
        opt('construction_sand_gravel', '建筑用砂石', 'Construction sand & gravel'),
        opt('building_stone', '建筑石料', 'Building stone'),
      ],
    },
    {
      key: 'method',
      label: { zh: '开采方式', en: 'Method' },
      type: 'select',
      required: true,
      options: [opt('underground', '地下开采', 'Underground'), opt('open_pit', '露天开采', 'Open pit'), opt('mixed', '露天/地下联合', 'Mixed')],
    },
    { key: 'capacityWanTpa', label: { zh: '生产规模', en: 'Capacity' }, unit: '万吨/年', type: 'number', required: true, min: 0, max: 100000 },
    { key: 'elevationTop', label: { zh: '开采标高上限', en: 'Top elevation' }, unit: 'm', type: 'number', min: -2000, max: 9000 },
    { key: 'elevationBottom', label: { zh: '开采标高下限', en: 'Bottom elevation' }, unit: 'm', type: 'number', min: -3000, max: 9000 },
    { key: 'slopeHeightM', label: { zh: '边坡高度', en: 'Slope height' }, unit: 'm', type: 'number', min: 0, max: 2000, when: openPitLike },
    {
      key: 'slopeMonitoring',
      label: { zh: '边坡监测', en: 'Slope monitoring' },
      type: 'select',
      options: [opt('none', '无', 'None'), opt('system', '监测系统', 'Monitoring system'), opt('online', '在线监测', 'Online monitoring')],
      when: openPitLike,
    },
  ],
  tailings_ponds: [
    { key: 'name', label: { zh: '方案名称', en: 'Proposal name' }, type: 'text', required: true },
    { key: 'operator', label: { zh: '运营单位', en: 'Operator' }, type: 'text' },
    { key: 'damHeightM', label: { zh: '总坝高', en: 'Dam height' }, unit: 'm', type: 'number', required: true, min: 0, max: 500 },
    { key: 'capacityWanM3', label: { zh: '总库容', en: 'Capacity' }, unit: '万m³', type: 'number', required: true, min: 0, max: 1_000_000 },
    {
      key: 'grade',
      label: { zh: '等别', en: 'Grade' },
      type: 'select',
      required: true,
      options: [opt('1', '一等', 'Grade 1'), opt('2', '二等', 'Grade 2'), opt('3', '三等', 'Grade 3'), opt('4', '四等', 'Grade 4'), opt('5', '五等', 'Grade 5')],
    },
    { key: 'oneTimeDam', label: { zh: '一次性筑坝', en: 'One-time dam' }, type: 'checkbox' },
    { key: 'damLon', label: { zh: '坝址经度', en: 'Dam toe longitude' }, unit: '°', type: 'number', min: 73, max: 136, virtual: true },
    { key: 'damLat', label: { zh: '坝址纬度', en: 'Dam toe latitude' }, unit: '°', type: 'number', min: 3, max: 54, virtual: true },
    {
      key: 'downstreamAzimuthDeg',
      label: { zh: '下游方位角', en: 'Downstream azimuth' },
      unit: '°',
      type: 'number',
      min: 0,
      max: 360,
      hint: { zh: '正北为 0°，顺时针', en: '0° = north, clockwise' },
    },
  ],
};

export function defaultValues(kind: ProposalKind): FormValues {
  return kind === 'mining_rights'
    ? { name: '', holder: '', licenseNo: '', mineral: '', mineralOther: '', mineralGroup: '', method: '', capacityWanTpa: '', elevationTop: '', elevationBottom: '', slopeHeightM: '', slopeMonitoring: '' }
    : { name: '', operator: '', damHeightM: '', capacityWanM3: '', grade: '', oneTimeDam: false, damLon: '', damLat: '', downstreamAzimuthDeg: '' };
}

export const validationText = {
  required: { zh: '必填', en: 'Required' },
  number: { zh: '须为数字', en: 'Must be a number' },
  integer: { zh: '须为整数', en: 'Must be a whole number' },
  min: { zh: '不得小于 {n}', en: 'Must be at least {n}' },
  max: { zh: '不得大于 {n}', en: 'Must be at most {n}' },
  elevation: { zh: '上限须高于下限', en: 'Top must be above bottom' },
  damPair: { zh: '经度和纬度须同时填写', en: 'Give both longitude and latitude' },
} satisfies Record<string, Label>;

export type FieldErrors = Record<string, { label: Label; n?: number }>;

function parseNumber(raw: string): number | null {
  const text = raw.trim().replace(/，/g, ',').replace(/,/g, '');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

export function visibleFields(kind: ProposalKind, values: FormValues): FieldDef[] {
  return fieldDefs[kind].filter((f) => !f.when || f.when(values));
}

/** Problems per field key (empty when the form is valid). */
export function validate(kind: ProposalKind, values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of visibleFields(kind, values)) {
    const raw = values[f.key];
    if (f.type === 'checkbox') continue;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) {
      if (f.required) errors[f.key] = { label: validationText.required };
      continue;
    }
    if (f.type !== 'number') continue;
    const n = parseNumber(text);
    if (n === null) continue;
    if (Number.isNaN(n)) errors[f.key] = { label: validationText.number };
    else if (f.integer && !Number.isInteger(n)) errors[f.key] = { label: validationText.integer };
    else if (f.min !== undefined && n < f.min) errors[f.key] = { label: validationText.min, n: f.min };
    else if (f.max !== undefined && n > f.max) errors[f.key] = { label: validationText.max, n: f.max };
  }
  if (kind === 'mining_rights' && !errors.elevationTop && !errors.elevationBottom) {
    const top = parseNumber(String(values.elevationTop ?? ''));
    const bottom = parseNumber(String(values.elevationBottom ?? ''));
    if (top !== null && bottom !== null && top <= bottom) errors.elevationTop = { label: validationText.elevation };
  }
  if (kind === 'tailings_ponds' && !errors.damLon && !errors.damLat) {
    const hasLon = String(values.damLon ?? '').trim() !== '';
    const hasLat = String(values.damLat ?? '').trim() !== '';
    if (hasLon !== hasLat) errors[hasLon ? 'damLat' : 'damLon'] = { label: validationText.damPair };
  }
  return errors;
}

export function errorText(e: { label: Label; n?: number }, lang: 'zh' | 'en'): string {
  return e.label[lang].replace('{n}', String(e.n ?? ''));
}

/**
 * The properties sent with the feature: every valid, non-empty field as its contract type, plus `extra` (properties a
 * file or a reopened proposal carried that the form does not edit). Invalid fields are left out so the live check
 * still runs while the planner types.
 */
export function toProperties(kind: ProposalKind, values: FormValues, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const errors = validate(kind, values);
  const out: Record<string, unknown> = { ...extra, status: 'proposed' };
  for (const f of fieldDefs[kind]) delete out[f.key];
  delete out.damPoint;
  for (const f of visibleFields(kind, values)) {
    if (f.virtual || errors[f.key]) continue;
    const raw = values[f.key];
    if (f.type === 'checkbox') {
      out[f.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) continue;
    if (f.type === 'number') out[f.key] = parseNumber(text);
    else if (f.key === 'grade') out.grade = Number(text);
    else out[f.key] = text;
  }
  if (kind === 'mining_rights' && values.mineral === OTHER_MINERAL) {
    const other = String(values.mineralOther ?? '').trim();
    if (other) out.mineral = other;
    else delete out.mineral;
  }
  if (kind === 'tailings_ponds' && !errors.damLon && !errors.damLat) {
    const lon = parseNumber(String(values.damLon ?? ''));
    const lat = parseNumber(String(values.damLat ?? ''));
    if (lon !== null && lat !== null && !Number.isNaN(lon) && !Number.isNaN(lat)) out.damPoint = [lon, lat];
  }
  return out;
}

export function toFeature(kind: ProposalKind, values: FormValues, geometry: ShapeGeometry, extra: Record<string, unknown> = {}): Feature<ShapeGeometry> {
  return { type: 'Feature', properties: toProperties(kind, values, extra), geometry };
}

/** Form values and leftover properties from a feature's properties (an uploaded file, a reopened proposal). */
export function fromProperties(kind: ProposalKind, properties: Record<string, unknown> | null | undefined): { values: FormValues; extra: Record<string, unknown> } {
  const values = defaultValues(kind);
  const extra: Record<string, unknown> = {};
  const keys = new Set(fieldDefs[kind].map((f) => f.key));
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (value === null || value === undefined) continue;
    if (key === 'damPoint' && kind === 'tailings_ponds' && Array.isArray(value) && value.length >= 2) {
      values.damLon = String(value[0]);
      values.damLat = String(value[1]);
      continue;
    }
    if (key === 'status' || key === 'proposalId') continue;
    if (!keys.has(key)) {
      extra[key] = value;
      continue;
    }
    const def = fieldDefs[kind].find((f) => f.key === key)!;
    if (def.type === 'checkbox') values[key] = value === true || value === 'true';
    else values[key] = String(value);
  }
  if (kind === 'mining_rights' && typeof values.mineral === 'string' && values.mineral && !(values.mineral in mineralNames)) {
    values.mineralOther = values.mineral;
    values.mineral = OTHER_MINERAL;
  }
  return { values, extra };
}

/** Which kind a file's feature most likely is: a `layer` foreign member, else pond-only properties. */
export function guessKind(feature: { properties?: Record<string, unknown> | null; layer?: unknown }): ProposalKind | null {
  if (feature.layer === 'tailings_ponds' || feature.layer === 'mining_rights') return feature.layer;
  const p = feature.properties ?? {};
  if ('damHeightM' in p || 'capacityWanM3' in p || 'damPoint' in p || 'grade' in p) return 'tailings_ponds';
  if ('licenseNo' in p || 'mineral' in p || 'capacityWanTpa' in p || 'method' in p) return 'mining_rights';
  return null;
}

/** The dam toe point from the form, when both coordinates are valid. */
export function damPointOf(values: FormValues): [number, number] | null {
  const lon = parseNumber(String(values.damLon ?? ''));
  const lat = parseNumber(String(values.damLat ?? ''));
  if (lon === null || lat === null || Number.isNaN(lon) || Number.isNaN(lat)) return null;
  return [lon, lat];
}

export function azimuthOf(values: FormValues): number | null {
  const a = parseNumber(String(values.downstreamAzimuthDeg ?? ''));
  return a === null || Number.isNaN(a) ? null : a;
}

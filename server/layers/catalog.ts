/**
 * The contract layers as data (CONTRACT.md "Layers"): table, allowed geometry types, and every typed property with
 * its column, its validation schema, and its label and unit for people (zh-CN first). Properties not listed here are
 * kept as they come in the `props` jsonb column.
 */
import { z } from 'zod';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../db/schema.ts';

export const layerIds = [
  'mining_rights',
  'tailings_ponds',
  'settlements',
  'rivers',
  'ridge_lines',
  'hazard_zones',
  'restricted_zones',
  'ore_bodies',
  'admin_areas',
] as const;
export type LayerId = (typeof layerIds)[number];

export interface Label {
  zh: string;
  en: string;
}

export interface FieldDef {
  /** GeoJSON property name (camelCase, as in CONTRACT.md). */
  prop: string;
  /** Key of the drizzle column holding it. */
  column: string;
  schema: z.ZodType;
  label: Label;
  unit?: string;
  /** Labels of enumerated values, for legends and attribute panels. */
  values?: Record<string, Label>;
  /** A [lon, lat] property stored as a PostGIS point column. */
  point?: true;
}

export interface LayerDef {
  id: LayerId;
  table: PgTable;
  title: Label;
  geometryTypes: readonly string[];
  fields: readonly FieldDef[];
}

const POLYGONAL = ['Polygon', 'MultiPolygon'] as const;
const finite = z.number().finite();
const text = z.string();

function enumField(prop: string, column: string, label: Label, values: Record<string, Label>, open = false): FieldDef {
  const keys = Object.keys(values) as [string, ...string[]];
  // Open vocabularies (CONTRACT.md lists them with "...") accept other values; closed ones do not.
  return { prop, column, label, values, schema: open ? text.min(1) : z.enum(keys) };
}

const miningRights: LayerDef = {
  id: 'mining_rights',
  table: t.miningRights,
  title: { zh: '采矿权', en: 'Mining rights' },
  geometryTypes: POLYGONAL,
  fields: [
    { prop: 'licenseNo', column: 'licenseNo', schema: text, label: { zh: '许可证号', en: 'Licence no.' } },
    { prop: 'holder', column: 'holder', schema: text, label: { zh: '采矿权人', en: 'Holder' } },
    { prop: 'mineral', column: 'mineral', schema: text.min(1), label: { zh: '矿种', en: 'Mineral' } },
    enumField('mineralGroup', 'mineralGroup', { zh: '矿种类别', en: 'Mineral group' }, {
      metal: { zh: '金属', en: 'Metal' },
      nonmetal: { zh: '非金属', en: 'Non-metal' },
      construction_sand_gravel: { zh: '建筑用砂石', en: 'Construction sand & gravel' },
      building_stone: { zh: '建筑石料', en: 'Building stone' },
    }, true),
    enumField('method', 'method', { zh: '开采方式', en: 'Method' }, {
      underground: { zh: '地下开采', en: 'Underground' },
      open_pit: { zh: '露天开采', en: 'Open pit' },
      mixed: { zh: '露天/地下联合', en: 'Mixed' },
    }),
    enumField('status', 'status', { zh: '状态', en: 'Status' }, {
      producing: { zh: '生产', en: 'Producing' },
      construction: { zh: '基建', en: 'Construction' },
      suspended: { zh: '停产', en: 'Suspended' },
      closed: { zh: '关闭', en: 'Closed' },
      proposed: { zh: '拟设', en: 'Proposed' },
    }),
    { prop: 'capacityWanTpa', column: 'capacityWanTpa', schema: finite.nonnegative(), label: { zh: '生产规模', en: 'Capacity' }, unit: '万吨/年' },
    { prop: 'elevationTop', column: 'elevationTop', schema: finite, label: { zh: '开采标高上限', en: 'Top elevation' }, unit: 'm' },
    { prop: 'elevationBottom', column: 'elevationBottom', schema: finite, label: { zh: '开采标高下限', en: 'Bottom elevation' }, unit: 'm' },
    { prop: 'slopeHeightM', column: 'slopeHeightM', schema: finite.nonnegative(), label: { zh: '边坡高度', en: 'Slope height' }, unit: 'm' },
    enumField('slopeMonitoring', 'slopeMonitoring', { zh: '边坡监测', en: 'Slope monitoring' }, {
      none: { zh: '无', en: 'None' },
      system: { zh: '监测系统', en: 'Monitoring system' },
      online: { zh: '在线监测', en: 'Online monitoring' },
    }),
  ],
};

const tailingsPonds: LayerDef = {
  id: 'tailings_ponds',
  table: t.tailingsPonds,
  title: { zh: '尾矿库', en: 'Tailings ponds' },
  geometryTypes: ['Polygon'],
  fields: [
    { prop: 'grade', column: 'grade', schema: z.number().int().min(1).max(5), label: { zh: '等别', en: 'Grade' } },
    { prop: 'damHeightM', column: 'damHeightM', schema: finite.nonnegative(), label: { zh: '总坝高', en: 'Dam height' }, unit: 'm' },
    { prop: 'capacityWanM3', column: 'capacityWanM3', schema: finite.nonnegative(), label: { zh: '总库容', en: 'Capacity' }, unit: '万m³' },
    enumField('status', 'status', { zh: '状态', en: 'Status' }, {
      operating: { zh: '运行', en: 'Operating' },
      idle: { zh: '停用', en: 'Idle' },
      closed: { zh: '已闭库', en: 'Closed' },
      delisted: { zh: '已销号', en: 'Delisted' },
      proposed: { zh: '拟建', en: 'Proposed' },
    }),
    { prop: 'downstreamAzimuthDeg', column: 'downstreamAzimuthDeg', schema: finite.min(0).max(360), label: { zh: '下游方位角', en: 'Downstream azimuth' }, unit: '°' },
    { prop: 'oneTimeDam', column: 'oneTimeDam', schema: z.boolean(), label: { zh: '一次性筑坝', en: 'One-time dam' } },
    { prop: 'finalElevationReached', column: 'finalElevationReached', schema: z.boolean(), label: { zh: '已到设计最终标高', en: 'Final elevation reached' } },
    { prop: 'idleSince', column: 'idleSince', schema: z.number().int().min(1900).max(2100), label: { zh: '停用年份', en: 'Idle since' } },
    { prop: 'operator', column: 'operator', schema: text, label: { zh: '运营单位', en: 'Operator' } },
    {
      prop: 'damPoint',
      column: 'damPoint',
      schema: z.tuple([finite.min(-180).max(180), finite.min(-90).max(90)]),
      label: { zh: '初期坝坡脚', en: 'Dam toe point' },
      point: true,
    },
  ],
};

const settlements: LayerDef = {
  id: 'settlements',
  table: t.settlements,
  title: { zh: '居民点', en: 'Settlements' },
  geometryTypes: ['Point', 'Polygon', 'MultiPolygon'],
  fields: [
    { prop: 'population', column: 'population', schema: z.number().int().nonnegative(), label: { zh: '人口', en: 'Population' }, unit: '人' },
    enumField('kind', 'kind', { zh: '类型', en: 'Kind' }, {
      village: { zh: '村庄', en: 'Village' },
      town: { zh: '城镇', en: 'Town' },
      school: { zh: '学校', en: 'School' },
      hospital: { zh: '医院', en: 'Hospital' },
      facility: { zh: '重要设施', en: 'Facility' },
    }),
  ],
};

const rivers: LayerDef = {
  id: 'rivers',
  table: t.rivers,
  title: { zh: '河流', en: 'Rivers' },
  geometryTypes: ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
  fields: [
    enumField('riverClass', 'riverClass', { zh: '河流等级', en: 'River class' }, {
      yellow_main: { zh: '黄河干流', en: 'Yellow River main stem' },
      yellow_tributary: { zh: '黄河重要支流', en: 'Yellow River tributary' },
      yangtze_main: { zh: '长江干流', en: 'Yangtze main stem' },
      yangtze_tributary: { zh: '长江重要支流', en: 'Yangtze tributary' },
      other: { zh: '其他河流', en: 'Other' },
    }),
  ],
};

const ridgeLines: LayerDef = {
  id: 'ridge_lines',
  table: t.ridgeLines,
  title: { zh: '山脊线', en: 'Ridge lines' },
  geometryTypes: ['LineString', 'MultiLineString'],
  fields: [],
};

const hazardZones: LayerDef = {
  id: 'hazard_zones',
  table: t.hazardZones,
  title: { zh: '隐蔽致灾区', en: 'Hidden-hazard zones' },
  geometryTypes: POLYGONAL,
  fields: [
    enumField('hazardType', 'hazardType', { zh: '致灾因素', en: 'Hazard type' }, {
      goaf: { zh: '采空区', en: 'Goaf' },
      old_workings: { zh: '老窑', en: 'Old workings' },
      closed_mine: { zh: '废弃矿井', en: 'Closed mine' },
      water: { zh: '水体', en: 'Water body' },
      karst: { zh: '岩溶', en: 'Karst' },
      fault: { zh: '断层', en: 'Fault' },
      landslide: { zh: '滑坡', en: 'Landslide' },
    }, true),
    enumField('surveyStatus', 'surveyStatus', { zh: '普查状态', en: 'Survey status' }, {
      unsurveyed: { zh: '未普查', en: 'Unsurveyed' },
      surveyed: { zh: '已普查', en: 'Surveyed' },
      treated: { zh: '已治理', en: 'Treated' },
    }),
    enumField('level', 'level', { zh: '风险等级', en: 'Level' }, {
      major: { zh: '重大', en: 'Major' },
      significant: { zh: '较大', en: 'Significant' },
      general: { zh: '一般', en: 'General' },
      low: { zh: '低', en: 'Low' },
    }),
  ],
};

const restrictedZones: LayerDef = {
  id: 'restricted_zones',
  table: t.restrictedZones,
  title: { zh: '禁止/限制开采区', en: 'Restricted zones' },
  geometryTypes: POLYGONAL,
  fields: [
    enumField('zoneType', 'zoneType', { zh: '区域类型', en: 'Zone type' }, {
      ecological_red_line: { zh: '生态保护红线', en: 'Ecological red line' },
      nature_reserve: { zh: '自然保护区', en: 'Nature reserve' },
      water_source: { zh: '水源保护区', en: 'Water-source area' },
      no_mining: { zh: '禁止开采区', en: 'No-mining zone' },
    }, true),
  ],
};

const oreBodies: LayerDef = {
  id: 'ore_bodies',
  table: t.oreBodies,
  title: { zh: '矿体', en: 'Ore bodies' },
  geometryTypes: POLYGONAL,
  fields: [{ prop: 'mineral', column: 'mineral', schema: text.min(1), label: { zh: '矿种', en: 'Mineral' } }],
};

const adminAreas: LayerDef = {
  id: 'admin_areas',
  table: t.adminAreas,
  title: { zh: '行政区', en: 'Admin areas' },
  geometryTypes: POLYGONAL,
  fields: [
    { prop: 'code', column: 'code', schema: z.string().regex(/^\d{6}(\d{3})?$/), label: { zh: '区划代码', en: 'Division code' } },
    enumField('level', 'level', { zh: '级别', en: 'Level' }, {
      province: { zh: '省', en: 'Province' },
      city: { zh: '市', en: 'City' },
      county: { zh: '县', en: 'County' },
      town: { zh: '乡镇', en: 'Town' },
    }),
    { prop: 'parentCode', column: 'parentCode', schema: z.string().regex(/^\d{6}(\d{3})?$/), label: { zh: '上级代码', en: 'Parent code' } },
    // Optional: the English UI and map labels use it when present (河津市 → Hejin, 僧楼镇 → Senglou Town).
    { prop: 'nameEn', column: 'nameEn', schema: z.string().trim().min(1).max(200), label: { zh: '英文名', en: 'English name' } },
  ],
};

export const layers: Record<LayerId, LayerDef> = {
  mining_rights: miningRights,
  tailings_ponds: tailingsPonds,
  settlements,
  rivers,
  ridge_lines: ridgeLines,
  hazard_zones: hazardZones,
  restricted_zones: restrictedZones,
  ore_bodies: oreBodies,
  admin_areas: adminAreas,
};

export function isLayerId(value: string): value is LayerId {
  return (layerIds as readonly string[]).includes(value);
}

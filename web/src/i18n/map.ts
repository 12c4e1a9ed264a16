/**
 * Map vocabulary (zh / en): layer titles, legend entries, values the API does not label (free-text minerals), and
 * labels of properties outside the catalogue's typed fields. Field labels, units and enum values of typed fields come
 * from GET /api/layers (server/layers/catalog.ts), not from here.
 */
export interface Label {
  zh: string;
  en: string;
}

/** Layer titles, as in server/layers/catalog.ts (used before /api/layers answers). */
export const layerTitles = {
  mining_rights: { zh: '采矿权', en: 'Mining rights' },
  tailings_ponds: { zh: '尾矿库', en: 'Tailings ponds' },
  settlements: { zh: '居民点', en: 'Settlements' },
  rivers: { zh: '河流', en: 'Rivers' },
  ridge_lines: { zh: '山脊线', en: 'Ridge lines' },
  hazard_zones: { zh: '隐蔽致灾区', en: 'Hidden-hazard zones' },
  restricted_zones: { zh: '禁止/限制开采区', en: 'Restricted zones' },
  ore_bodies: { zh: '矿体', en: 'Ore bodies' },
  admin_areas: { zh: '行政区', en: 'Admin areas' },
  evidence: { zh: '审查证据', en: 'Review evidence' },
} satisfies Record<string, Label>;

export const legendText = {
  miningRights: {
    metal: { zh: '金属矿', en: 'Metal' },
    nonmetal: { zh: '非金属矿', en: 'Non-metal' },
    sandGravel: { zh: '建筑用砂石', en: 'Construction sand & gravel' },
    buildingStone: { zh: '建筑石料', en: 'Building stone' },
    other: { zh: '其他矿种', en: 'Other minerals' },
    inactive: { zh: '停产/关闭', en: 'Suspended / closed' },
    proposed: { zh: '拟设', en: 'Proposed' },
  },
  tailings: {
    pond: { zh: '尾矿库（运行/停用）', en: 'Tailings pond (operating / idle)' },
    closed: { zh: '已闭库/已销号', en: 'Closed / delisted' },
    dam: { zh: '初期坝坡脚', en: 'Starter-dam toe' },
    downstream: { zh: '下游方向', en: 'Downstream direction' },
  },
  settlements: {
    town: { zh: '城镇', en: 'Town' },
    village: { zh: '村庄（按人口大小）', en: 'Village (sized by population)' },
    school: { zh: '学校', en: 'School' },
    hospital: { zh: '医院', en: 'Hospital' },
    facility: { zh: '重要设施', en: 'Facility' },
    area: { zh: '建成区范围', en: 'Built-up area' },
  },
  rivers: {
    yellowMain: { zh: '黄河干流', en: 'Yellow River main stem' },
    yellowTributary: { zh: '黄河重要支流', en: 'Yellow River important tributary' },
    yangtze: { zh: '长江干流/重要支流', en: 'Yangtze main stem / tributary' },
    other: { zh: '其他河流', en: 'Other river' },
  },
  ridgeLines: { ridge: { zh: '山脊线', en: 'Ridge line' } },
  hazardZones: {
    major: { zh: '重大', en: 'Major' },
    significant: { zh: '较大', en: 'Significant' },
    general: { zh: '一般', en: 'General' },
    low: { zh: '低', en: 'Low' },
    unsurveyed: { zh: '未普查（实填、粗边）', en: 'Unsurveyed (solid, bold edge)' },
    surveyed: { zh: '已普查（半透明）', en: 'Surveyed (translucent)' },
    treated: { zh: '已治理（仅边线）', en: 'Treated (outline only)' },
  },
  restrictedZones: {
    ecological_red_line: { zh: '生态保护红线', en: 'Ecological red line' },
    nature_reserve: { zh: '自然保护区', en: 'Nature reserve' },
    water_source: { zh: '水源保护区', en: 'Water-source area' },
    no_mining: { zh: '禁止开采区', en: 'No-mining zone' },
  },
  oreBodies: { body: { zh: '矿体范围', en: 'Ore body' } },
  adminAreas: {
    province: { zh: '省界', en: 'Province boundary' },
    county: { zh: '县（市）界', en: 'County boundary' },
    town: { zh: '乡镇界', en: 'Town boundary' },
    note: { zh: '边界示意', en: 'Approximate (边界示意)' },
  },
  evidence: {
    overlap: { zh: '重叠范围', en: 'Overlap' },
    gap: { zh: '最近间距', en: 'Shortest gap' },
    buffer: { zh: '缓冲范围', en: 'Buffer' },
    ridge: { zh: '沿山脊段', en: 'Stretch along a ridge' },
    corridor: { zh: '下游流经走廊', en: 'Downstream corridor' },
    hit: { zh: '涉及要素', en: 'Feature concerned' },
  },
  risk: {
    major: { zh: '重大（红）', en: 'Major (red)' },
    significant: { zh: '较大（橙）', en: 'Significant (orange)' },
    general: { zh: '一般（黄）', en: 'General (yellow)' },
    low: { zh: '低（蓝）', en: 'Low (blue)' },
  },
  density: {
    fewer: { zh: '网格计数：要素较少', en: 'Grid count: fewer features' },
    more: { zh: '网格计数：要素较多', en: 'Grid count: more features' },
    note: { zh: '视野内要素过多，按网格计数显示；点击网格或放大查看各要素', en: 'Too many features in view: counted per grid cell; click a cell or zoom in to see them' },
    tooltip: { zh: '个要素 · 点击放大', en: 'features · click to zoom in' },
  },
  status: {
    fail: { zh: '不符合', en: 'Fail' },
    warn: { zh: '需关注', en: 'Warning' },
    pass: { zh: '符合', en: 'Pass' },
  },
} satisfies Record<string, Record<string, Label>>;

/** `mineral` is free text in the contract; the demo uses these English keys. Unknown values are shown as they are. */
export const mineralNames: Record<string, Label> = {
  iron: { zh: '铁矿', en: 'Iron' },
  copper: { zh: '铜矿', en: 'Copper' },
  lead: { zh: '铅矿', en: 'Lead' },
  zinc: { zh: '锌矿', en: 'Zinc' },
  gold: { zh: '金矿', en: 'Gold' },
  bauxite: { zh: '铝土矿', en: 'Bauxite' },
  limestone: { zh: '石灰岩', en: 'Limestone' },
  dolomite: { zh: '白云岩', en: 'Dolomite' },
  granite: { zh: '花岗岩', en: 'Granite' },
  sand_gravel: { zh: '建筑用砂石', en: 'Sand and gravel' },
  clay: { zh: '砖瓦用粘土', en: 'Brick clay' },
  gypsum: { zh: '石膏', en: 'Gypsum' },
  coal: { zh: '煤', en: 'Coal' },
};

/** Properties kept in `props` (not typed fields of the catalogue) that the demo and common uploads carry. */
export const extraProps: Record<string, { label: Label; unit?: string }> = {
  adminCode: { label: { zh: '所在行政区代码', en: 'Admin code' } },
  areaKm2: { label: { zh: '面积', en: 'Area' }, unit: 'km²' },
  resourceWanT: { label: { zh: '资源量', en: 'Resources' }, unit: '万吨' },
  damType: { label: { zh: '筑坝方式', en: 'Dam type' } },
  nameEn: { label: { zh: '英文名', en: 'English name' } },
  remark: { label: { zh: '备注', en: 'Remark' } },
  source: { label: { zh: '数据来源', en: 'Source' } },
};

/**
 * Words of the regional risk view (区域风险) and the hazard ledger (隐患排查治理台账), zh-CN first. Grade names,
 * reasons, rule titles and finding messages come from the API; these are the chrome around them.
 */
import type { Label } from '../i18n/map.ts';
import { useI18n } from '../i18n/index.tsx';

export const text = {
  viewTitle: { zh: '区域风险', en: 'Regional risk' },
  mapLabel: { zh: '区域风险地图', en: 'Regional risk map' },
  where: { zh: '当前位置', en: 'You are here' },
  allAreas: { zh: '全部区域', en: 'All areas' },
  county: { zh: '县（市、区）', en: 'County' },
  town: { zh: '乡镇（街道）', en: 'Town' },
  mapShow: { zh: '地图显示', en: 'Map shows' },
  showAreas: { zh: '分区着色', en: 'Areas' },
  showSites: { zh: '点位', en: 'Sites' },
  showDensity: { zh: '密度', en: 'Density' },
  showAreasTitle: { zh: '按风险等级为县、乡镇着四色', en: 'Counties and towns in the four risk colours' },
  showSitesTitle: { zh: '每个采矿权、尾矿库按其最严重的审查问题着色', en: 'Each mining right and tailings pond in the colour of its worst finding' },
  showDensityTitle: { zh: '问题（不符合、需关注）数量的六边形密度', en: 'Hexagon density of problems (fail and warn findings)' },
  sideLists: { zh: '列表', en: 'Lists' },
  tabRanking: { zh: '风险排名', en: 'Ranking' },
  tabHeadTop: { zh: '头顶库', en: 'Head-top' },
  tabLedger: { zh: '隐患台账', en: 'Ledger' },
  tabClosure: { zh: '闭库销号', en: 'Closure' },
  legend: { zh: '图例', en: 'Legend' },
  legendAreas: { zh: '风险等级', en: 'Risk grade' },
  legendScores: { zh: '分值门槛', en: 'score from' },
  legendDensity: { zh: '每个六边形内的问题数', en: 'Problems per hexagon' },
  legendDensityNote: { zh: '问题 = 不符合 + 需关注审查结果；六边形半径', en: 'Problems = fail + warn findings; hexagon radius' },
  legendNoProblems: { zh: '范围内没有问题点位', en: 'No site with problems here' },
  boundaryNote: { zh: '行政区划界线为示意（边界示意）', en: 'Boundaries are approximate (边界示意)' },
  loadingAreas: { zh: '正在计算区域风险…', en: 'Grading the areas…' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  errorPrefix: { zh: '无法加载', en: 'Could not load' },
  errorNetwork: { zh: '无法连接服务器，请检查网络或服务是否运行。', en: 'Cannot reach the server: check the network or whether the service is running.' },
  whatAreas: { zh: '区域风险分级', en: 'the area grades' },
  whatArea: { zh: '区域详情', en: 'the area details' },
  whatAdmin: { zh: '行政区边界', en: 'the admin boundaries' },
  whatSites: { zh: '点位', en: 'the sites' },
  whatHeadTop: { zh: '头顶库', en: 'the head-top ponds' },
  whatClosure: { zh: '闭库销号清单', en: 'the closure list' },
  whatLedger: { zh: '隐患台账', en: 'the hazard ledger' },
  whatItem: { zh: '台账条目', en: 'the ledger item' },
  whatVocabulary: { zh: '台账状态与等级', en: 'the ledger statuses and levels' },
  areaNotFound: { zh: '没有找到该区域（代码 {code}），已回到全部区域。', en: 'No area with code {code}; showing all areas.' },
  siteNotFound: { zh: '该区域内没有找到点位 {id}。', en: 'No site {id} in this area.' },
  // Ranking
  rankingOf: { zh: '{what}风险排名', en: 'Ranking of {what}' },
  rankingCounties: { zh: '县（市、区）', en: 'counties' },
  rankingTowns: { zh: '{county}各乡镇', en: 'towns of {county}' },
  rankingHint: { zh: '点击表头排序，点击区域名称下钻', en: 'Sort by a column header; open an area by its name' },
  colRank: { zh: '序', en: '#' },
  colArea: { zh: '区域', en: 'Area' },
  colGrade: { zh: '等级', en: 'Grade' },
  colScore: { zh: '分值', en: 'Score' },
  colPeople: { zh: '头顶库下游人口', en: 'People below dams' },
  colPeopleShort: { zh: '下游人口', en: 'People below' },
  colOverdue: { zh: '逾期隐患', en: 'Overdue hazards' },
  colOverdueShort: { zh: '逾期', en: 'Overdue' },
  sortBy: { zh: '按{col}排序', en: 'Sort by {col}' },
  noAreas: { zh: '没有可分级的区域', en: 'No areas to grade' },
  // Area panel
  areaCode: { zh: '代码', en: 'Code' },
  score: { zh: '分', en: 'points' },
  scoreOf: { zh: '{score} 分', en: '{score} points' },
  threshold: { zh: '{level}≥{min} 分为{grade}', en: '{grade} from {min} points ({level})' },
  levelCounty: { zh: '县级', en: 'county' },
  levelTown: { zh: '乡镇级', en: 'town' },
  escalatedFrom: { zh: '按分值为「{from}」，因下列升级条件提升为「{to}」', en: 'The score alone gives "{from}"; raised to "{to}" by the escalation below' },
  escalations: { zh: '升级条件', en: 'Escalations' },
  escalationNoChange: { zh: '（已满足，未改变等级）', en: ' (applies; grade unchanged)' },
  reasons: { zh: '风险原因', en: 'Reasons' },
  reasonsHint: { zh: '各项得分之和为总分；点击一项只看它涉及的点位', en: 'The points add up to the score; pick a reason to see only its sites' },
  capped: { zh: '封顶', en: 'capped' },
  noReasons: { zh: '没有扣分项：低风险', en: 'Nothing counts against this area: low risk' },
  sitesBehind: { zh: '涉及点位', en: 'Sites behind them' },
  sitesOfReason: { zh: '「{reason}」涉及的点位', en: 'Sites behind "{reason}"' },
  showAllSites: { zh: '显示全部', en: 'Show all' },
  sitesTruncated: { zh: '仅列出前 {shown} 个（按编号），共 {count} 个', en: 'Only the first {shown} (by id) of {count} are listed' },
  noSites: { zh: '没有涉及具体点位', en: 'No sites behind these reasons' },
  byRule: { zh: '按规则统计问题数', en: 'Findings by rule' },
  byRuleNone: { zh: '所有规则均未发现问题', en: 'No rule found a problem' },
  byRuleOthers: { zh: '其余 {n} 条规则无问题', en: '{n} other rules found nothing' },
  trend: { zh: '隐患台账趋势（近 12 个月）', en: 'Hazard ledger, last 12 months' },
  trendOpened: { zh: '新登记', en: 'Recorded' },
  trendClosed: { zh: '销号', en: 'Closed' },
  trendOpen: { zh: '月末在办', en: 'Open at month end' },
  trendOverdue: { zh: '其中逾期', en: 'of which overdue' },
  trendEmpty: { zh: '该区域尚无台账记录', en: 'No ledger items in this area yet' },
  ledgerSummary: { zh: '台账：在办 {open} 项，逾期 {overdue} 项', en: 'Ledger: {open} open, {overdue} overdue' },
  openLedger: { zh: '查看台账', en: 'Open the ledger' },
  towns: { zh: '下辖乡镇', en: 'Towns' },
  // Overview
  overviewTitle: { zh: '全部区域概况', en: 'All areas at a glance' },
  auditedAt: { zh: '审查结果更新于 {time}（随数据变更自动更新）', en: 'Findings as of {time} (brought up to date on every change)' },
  auditRebuilding: {
    zh: '正在重新审查全部对象（规则、参数或年度有变，或批量导入后）；完成前显示 {time} 的审查结果',
    en: 'Everything is being audited again (new rules, parameters or year, or a bulk load); until then these are the findings of {time}',
  },
  overviewHint: { zh: '点击地图上的区域或排名表中的名称，查看风险等级、原因和涉及点位。', en: 'Click an area on the map or a name in the ranking to see its grade, reasons and sites.' },
  overviewGrades: { zh: '各等级县（市、区）数', en: 'Counties per grade' },
  overviewPeople: { zh: '头顶库下游人口合计', en: 'People below head-top dams' },
  overviewOverdue: { zh: '逾期隐患合计', en: 'Overdue hazards' },
  overviewTop: { zh: '风险最高', en: 'Highest risk' },
  // Site
  siteMiningRight: { zh: '采矿权', en: 'Mining right' },
  siteTailingsPond: { zh: '尾矿库', en: 'Tailings pond' },
  siteStatus: { zh: '状态', en: 'Status' },
  siteWhere: { zh: '所在区域', en: 'Location' },
  siteWorst: { zh: '最严重问题', en: 'Worst finding' },
  findings: { zh: '审查问题', en: 'Findings' },
  noFindings: { zh: '全部规则符合', en: 'Every rule passes' },
  inactiveNote: { zh: '该点位已关闭或销号，不计入风险分级', en: 'Closed or delisted: not counted in the grade' },
  measured: { zh: '实测', en: 'Measured' },
  limit: { zh: '限值', en: 'Limit' },
  record: { zh: '登记隐患', en: 'Record hazard' },
  recorded: { zh: '已登记 #{id}', en: 'Recorded #{id}' },
  recordByHand: { zh: '手工登记隐患', en: 'Record a hazard by hand' },
  siteLedger: { zh: '该点位的台账', en: 'Ledger items of this site' },
  siteLedgerNone: { zh: '暂无台账记录', en: 'No ledger items' },
  headTopCallout: { zh: '头顶库：下游 {n} 处居民点，共 {people}', en: 'Head-top pond: {n} settlements below the dam, {people}' },
  headTopOpen: { zh: '查看下游居民', en: 'See who lives below' },
  backTo: { zh: '返回{name}', en: 'Back to {name}' },
  // Head-top
  headTopTitle: { zh: '头顶库及下游居民', en: 'Head-top ponds and the people below them' },
  headTopTotal: { zh: '头顶库 {ponds} 座，下游居民点 {settlements} 处，人口 {people}', en: '{ponds} head-top ponds, {settlements} settlements below, {people}' },
  headTopByArea: { zh: '按区域统计下游人口', en: 'People below dams per area' },
  headTopNone: { zh: '没有头顶库', en: 'No head-top ponds' },
  headTopUndetermined: { zh: '无法判定（缺少坝址或下游方位）', en: 'Cannot tell (dam point or azimuth missing)' },
  ponds: { zh: '座', en: 'ponds' },
  settlementsCount: { zh: '居民点', en: 'Settlements' },
  population: { zh: '人口', en: 'Population' },
  distance: { zh: '距坝', en: 'From dam' },
  kind: { zh: '类型', en: 'Kind' },
  name: { zh: '名称', en: 'Name' },
  method: { zh: '判定方法', en: 'Method' },
  methodSector: { zh: '下游方位角扇形（1 km，±30°）', en: 'Downstream sector (1 km, ±30°)' },
  methodD8: { zh: '数字高程 D8 流径（1 km）', en: 'DEM D8 flow path (1 km)' },
  belowDam: { zh: '坝下游居民', en: 'Living below the dam' },
  totalPeople: { zh: '合计', en: 'Total' },
  viewSite: { zh: '查看点位详情', en: 'Open the site' },
  nearest: { zh: '最近 {m}', en: 'nearest {m}' },
  // Closure
  closureTitle: { zh: '闭库销号候选尾矿库', en: 'Ponds to close and delist (闭库销号)' },
  closureHint: { zh: '到达设计最终标高、停用超过 3 年或无主的尾矿库', en: 'Ponds at final elevation, idle over 3 years, or without an operator' },
  closureNone: { zh: '没有需闭库销号的尾矿库', en: 'No pond needs closing' },
  idleSince: { zh: '{year} 年起停用', en: 'idle since {year}' },
  noOperator: { zh: '无主库', en: 'no operator' },
  finalElevation: { zh: '已到最终标高', en: 'at final elevation' },
  grade: { zh: '{n} 等库', en: 'grade {n}' },
  // Ledger
  ledgerTitle: { zh: '隐患排查治理台账', en: 'Hazard ledger' },
  ledgerScope: { zh: '范围', en: 'Scope' },
  ledgerSiteMine: { zh: '本矿山', en: 'This mine' },
  ledgerSitePond: { zh: '本尾矿库', en: 'This tailings pond' },
  ledgerSiteClear: { zh: '清除筛选，显示所在区域的全部条目', en: 'Clear the filter: show every item of the area' },
  ledgerAll: { zh: '全部', en: 'All' },
  ledgerTotal: { zh: '共 {n} 项', en: '{n} items' },
  ledgerOverdueCount: { zh: '逾期 {n} 项', en: '{n} overdue' },
  ledgerFilter: { zh: '按状态筛选', en: 'Filter by status' },
  ledgerFilterAll: { zh: '全部', en: 'All' },
  ledgerFilterOverdue: { zh: '逾期', en: 'Overdue' },
  ledgerEmpty: { zh: '没有台账记录', en: 'No ledger items' },
  ledgerEmptyFilter: { zh: '没有符合条件的条目', en: 'No items match' },
  ledgerNew: { zh: '新增隐患', en: 'New item' },
  ledgerExport: { zh: '导出 CSV', en: 'Export CSV' },
  ledgerExportTitle: { zh: '导出当前范围的台账（UTF-8，可用 Excel 打开）', en: 'Download this ledger (UTF-8 with BOM, opens in Excel)' },
  overdueDays: { zh: '逾期 {n} 天', en: '{n} days overdue' },
  overdue: { zh: '逾期', en: 'Overdue' },
  dueIn: { zh: '期限 {date}', en: 'due {date}' },
  itemTitle: { zh: '台账条目 #{id}', en: 'Ledger item #{id}' },
  itemSite: { zh: '对象', en: 'Site' },
  itemCounty: { zh: '所在县（市、区）', en: 'County' },
  itemRule: { zh: '来源', en: 'Source' },
  itemByHand: { zh: '人工登记', en: 'Recorded by hand' },
  itemLevel: { zh: '隐患等级', en: 'Level' },
  itemUnit: { zh: '责任单位', en: 'Responsible unit' },
  itemDeadline: { zh: '整改期限', en: 'Deadline' },
  itemStatus: { zh: '状态', en: 'Status' },
  itemCreated: { zh: '登记时间', en: 'Recorded' },
  itemDescription: { zh: '隐患描述', en: 'Description' },
  lifecycle: { zh: '整改流程', en: 'Lifecycle' },
  nextStep: { zh: '下一步', en: 'Next step' },
  moveTo: { zh: '转为「{status}」', en: 'Move to "{status}"' },
  sendBack: { zh: '验收不合格，退回整改', en: 'Failed verification: back to rectification' },
  actor: { zh: '处理人', en: 'Actor' },
  actorHint: { zh: '姓名及单位', en: 'Name and unit' },
  note: { zh: '说明', en: 'Note' },
  noteHint: { zh: '整改措施、验收意见等', en: 'Measures taken, verification remarks…' },
  submitMove: { zh: '提交', en: 'Submit' },
  moving: { zh: '正在提交…', en: 'Submitting…' },
  moved: { zh: '已转为「{status}」', en: 'Moved to "{status}"' },
  finalStatus: { zh: '已销号，流程结束', en: 'Closed: the lifecycle is complete' },
  history: { zh: '处理记录', en: 'History' },
  historyHint: { zh: '记录只追加，不可修改', en: 'Entries are only ever added, never changed' },
  recordedBy: { zh: '登记', en: 'Recorded' },
  needActor: { zh: '请填写处理人', en: 'Enter who is acting' },
  // Form
  formTitleFinding: { zh: '由审查问题登记隐患', en: 'Record a hazard from a finding' },
  formTitleManual: { zh: '手工登记隐患', en: 'Record a hazard by hand' },
  formFinding: { zh: '审查问题', en: 'Finding' },
  formSite: { zh: '对象（采矿权/尾矿库）', en: 'Site (mining right / tailings pond)' },
  formSitePick: { zh: '请选择点位', en: 'Choose a site' },
  formDescription: { zh: '隐患描述', en: 'Description' },
  formLevel: { zh: '隐患等级', en: 'Level' },
  formUnit: { zh: '责任单位', en: 'Responsible unit' },
  formDeadline: { zh: '整改期限', en: 'Deadline' },
  formActor: { zh: '登记人', en: 'Recorded by' },
  formNote: { zh: '备注', en: 'Note' },
  formSubmit: { zh: '登记', en: 'Record' },
  formCancel: { zh: '取消', en: 'Cancel' },
  formSaving: { zh: '正在登记…', en: 'Recording…' },
  formRequired: { zh: '必填', en: 'required' },
  formMissing: { zh: '请填写：{fields}', en: 'Please fill in: {fields}' },
  formFailed: { zh: '登记失败', en: 'Could not record' },
  moveFailed: { zh: '提交失败', en: 'Could not move the item' },
  close: { zh: '关闭', en: 'Close' },
  selected: { zh: '已选择：{what}', en: 'Selected: {what}' },
} satisfies Record<string, Label>;

export type TextKey = keyof typeof text;

/** `r('key', { n: 3 })`: the risk view's text in the current language, `{name}` filled in. */
export function useRiskText() {
  const i18n = useI18n();
  const r = (key: TextKey, values: Record<string, string | number> = {}) =>
    i18n.l(text[key]).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  return { ...i18n, r };
}

export function formatNumber(n: number, lang: 'zh' | 'en'): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}

export function people(n: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${formatNumber(n, lang)} 人` : `${formatNumber(n, lang)} people`;
}

export function metres(m: number | null | undefined, lang: 'zh' | 'en'): string {
  if (m === null || m === undefined) return '—';
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${formatNumber(Math.round(m), lang)} m`;
}

/** "2026-03-01T02:03:04.000Z" → "2026-03-01 10:03" (China time, as the ledger's deadlines are). */
export function chinaTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

/** Today in China (YYYY-MM-DD), plus `days`. */
export function chinaDate(days = 0, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `deadline` (YYYY-MM-DD) to today in China. */
export function daysPast(deadline: string, today = chinaDate()): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
}

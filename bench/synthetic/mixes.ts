/**
 * Attribute mixes of the synthetic province (weights, not probabilities: `pick` normalises them). Plausible for a
 * North-China non-coal mining province; shared by the stored features and the proposals so both look alike.
 */
import { sql, type SQL } from 'drizzle-orm';
import { logNormal, lookup, pick } from './sql.ts';

export const MINERALS = [
  ['iron', 14], ['copper', 5], ['lead', 3], ['zinc', 3], ['gold', 4], ['bauxite', 7],
  ['limestone', 14], ['dolomite', 4], ['gypsum', 3], ['fluorite', 2], ['clay', 4],
  ['sand_gravel', 17], ['granite', 12], ['marble', 8],
] as const;

export const MINERAL_GROUP: Record<string, string> = {
  iron: 'metal', copper: 'metal', lead: 'metal', zinc: 'metal', gold: 'metal', bauxite: 'metal',
  limestone: 'nonmetal', dolomite: 'nonmetal', gypsum: 'nonmetal', fluorite: 'nonmetal', clay: 'nonmetal',
  sand_gravel: 'construction_sand_gravel', granite: 'building_stone', marble: 'building_stone',
};

export const MINERAL_ZH: Record<string, string> = {
  iron: '铁', copper: '铜', lead: '铅', zinc: '锌', gold: '金', bauxite: '铝土', limestone: '石灰岩', dolomite: '白云岩',
  gypsum: '石膏', fluorite: '萤石', clay: '黏土', sand_gravel: '砂石', granite: '花岗岩', marble: '大理岩',
};

/** Metal mines are mostly underground; sand, gravel and stone almost always open pits. */
const METHODS_BY_GROUP: Record<string, readonly (readonly [string, number])[]> = {
  metal: [['underground', 70], ['open_pit', 20], ['mixed', 10]],
  nonmetal: [['underground', 40], ['open_pit', 50], ['mixed', 10]],
  construction_sand_gravel: [['open_pit', 96], ['mixed', 4]],
  building_stone: [['open_pit', 92], ['underground', 4], ['mixed', 4]],
};

export const RIGHT_STATUS = [['producing', 62], ['construction', 8], ['suspended', 18], ['closed', 10], ['proposed', 2]] as const;
export const SLOPE_MONITORING = [['none', 50], ['system', 30], ['online', 20]] as const;
export const HOLDER_PREFIXES = ['晋', '汾', '并', '潞', '忻', '吕', '泽', '云', '绛', '代', '沁', '漳'];

export const POND_STATUS = [['operating', 45], ['idle', 25], ['closed', 15], ['delisted', 10], ['proposed', 5]] as const;
export const POND_GRADE = [['2', 5], ['3', 20], ['4', 40], ['5', 35]] as const;

export const SETTLEMENT_KIND = [['village', 85], ['town', 5], ['school', 6], ['hospital', 2], ['facility', 2]] as const;

export const HAZARD_TYPE = [['goaf', 35], ['old_workings', 20], ['closed_mine', 10], ['water', 10], ['karst', 8], ['fault', 10], ['landslide', 7]] as const;
export const SURVEY_STATUS = [['unsurveyed', 30], ['surveyed', 45], ['treated', 25]] as const;
export const HAZARD_LEVEL = [['major', 10], ['significant', 25], ['general', 40], ['low', 25]] as const;

export const ZONE_TYPE = [['ecological_red_line', 40], ['nature_reserve', 20], ['water_source', 25], ['no_mining', 15]] as const;

/** The method of a right of mineral group `group`, from a uniform draw `u`. */
export function methodFor(group: SQL, u: SQL): SQL {
  const arms = Object.entries(METHODS_BY_GROUP).map(([g, mix]) => sql`WHEN ${g}::text THEN ${pick(u, mix)}`);
  return sql`(CASE ${group} ${sql.join(arms, sql` `)} END)`;
}

export const groupOf = (mineral: SQL) => lookup(mineral, MINERAL_GROUP);
export const mineralZh = (mineral: SQL) => lookup(mineral, MINERAL_ZH);

/** 万t/a: most small, a long tail (some below the Shanxi minimums of 10 / 20 / 30). */
export const capacityWanTpa = sql`round(${logNormal(8, 0.9, 0.5, 500)}::numeric, 1)::float8`;
/** Open-pit slope height, m: the 100 / 150 / 200 m monitoring thresholds are all crossed by some. */
export const slopeHeightM = sql`round(${logNormal(55, 0.65, 10, 320)}::numeric)::float8`;

/**
 * Drizzle schema of the contract layers. It mirrors data/migrations (the migrations are the source of truth for the
 * database; tests/db/migrations.test.ts fails when the two drift apart).
 */
import { pgTable, text, doublePrecision, integer, boolean, jsonb, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { geometry, geography } from './geometry.ts';

const common = {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
  geom: geometry('geom').notNull(),
  geog: geography('geog').generatedAlwaysAs(sql`geom::geography`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

/** 采矿权 mining rights: the licence polygon (vertical projection) and its attributes. */
export const miningRights = pgTable('mining_rights', {
  ...common,
  licenseNo: text('license_no'),
  holder: text('holder'),
  mineral: text('mineral'),
  mineralGroup: text('mineral_group'),
  method: text('method'),
  status: text('status'),
  capacityWanTpa: doublePrecision('capacity_wan_tpa'),
  elevationTop: doublePrecision('elevation_top'),
  elevationBottom: doublePrecision('elevation_bottom'),
  slopeHeightM: doublePrecision('slope_height_m'),
  slopeMonitoring: text('slope_monitoring'),
});

/** 尾矿库 tailings ponds; `damPoint` is the starter-dam toe used by the 头顶库 check. */
export const tailingsPonds = pgTable('tailings_ponds', {
  ...common,
  grade: integer('grade'),
  damHeightM: doublePrecision('dam_height_m'),
  capacityWanM3: doublePrecision('capacity_wan_m3'),
  status: text('status'),
  downstreamAzimuthDeg: doublePrecision('downstream_azimuth_deg'),
  oneTimeDam: boolean('one_time_dam'),
  finalElevationReached: boolean('final_elevation_reached'),
  idleSince: integer('idle_since'),
  operator: text('operator'),
  damPoint: geometry('dam_point', { type: 'Point' }),
});

export const settlements = pgTable('settlements', {
  ...common,
  population: integer('population'),
  kind: text('kind'),
});

export const rivers = pgTable('rivers', { ...common, riverClass: text('river_class') });

export const ridgeLines = pgTable('ridge_lines', { ...common });

/** 隐蔽致灾因素 hidden disaster-causing factors (goaf 采空区, old workings 老窑, …). */
export const hazardZones = pgTable('hazard_zones', {
  ...common,
  hazardType: text('hazard_type'),
  surveyStatus: text('survey_status'),
  level: text('level'),
});

export const restrictedZones = pgTable('restricted_zones', { ...common, zoneType: text('zone_type') });

export const oreBodies = pgTable('ore_bodies', { ...common, mineral: text('mineral') });

export const adminAreas = pgTable('admin_areas', {
  ...common,
  code: text('code'),
  level: text('level'),
  parentCode: text('parent_code'),
  /** English name (migration 0005), optional. */
  nameEn: text('name_en'),
});

export const schemaMigrations = pgTable('schema_migrations', {
  version: text('version').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});
export * from './ledger-schema.ts';
export * from './proposals-schema.ts';

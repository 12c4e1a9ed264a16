/**
 * Drizzle tables of the hazard ledger (隐患排查治理台账), mirroring data/migrations/0003_ledger.sql.
 * Only tables are exported here: tests/db/migrations.test.ts compares every export of schema.ts with the database.
 * Statuses, levels and the lifecycle are in server/risk/lifecycle.ts.
 */
import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LedgerLevel, LedgerStatus } from '../risk/lifecycle.ts';

/** One hazard at one site, assigned and tracked to 整改销号. */
export const ledgerItems = pgTable('ledger_items', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  siteLayer: text('site_layer').$type<'mining_rights' | 'tailings_ponds'>().notNull(),
  siteId: text('site_id').notNull(),
  siteName: text('site_name').notNull(),
  sourceRule: text('source_rule'),
  finding: jsonb('finding').$type<Record<string, unknown>>(),
  description: text('description').notNull(),
  level: text('level').$type<LedgerLevel>().notNull(),
  responsibleUnit: text('responsible_unit').notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  status: text('status').$type<LedgerStatus>().notNull().default('open'),
  adminCode: text('admin_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every status change of an item (the first one records its creation): append-only, enforced by a trigger. */
export const ledgerEvents = pgTable('ledger_events', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  itemId: integer('item_id')
    .notNull()
    .references(() => ledgerItems.id, { onDelete: 'restrict' }),
  fromStatus: text('from_status').$type<LedgerStatus>(),
  toStatus: text('to_status').$type<LedgerStatus>().notNull(),
  actor: text('actor').notNull(),
  note: text('note').notNull().default(''),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

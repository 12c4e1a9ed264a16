/**
 * Drizzle tables of data/migrations/0002_proposals.sql: proposals under review (拟设方案) and the checks run on them.
 * Only tables are exported from this file (schema.ts re-exports it, and tests/db/migrations.test.ts compares every
 * export with the database).
 */
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { geometry } from './geometry.ts';

export type ProposalLayer = 'mining_rights' | 'tailings_ponds';
export type ProposalStatus = 'draft' | 'under_review' | 'approved' | 'rejected';

export const proposals = pgTable('proposals', {
  id: text('id')
    .primaryKey()
    .default(sql`('PR-' || to_char(now(), 'YYYYMMDD') || '-' || substr(md5(random()::text || clock_timestamp()::text), 1, 8))`),
  layer: text('layer').$type<ProposalLayer>().notNull(),
  name: text('name').notNull(),
  status: text('status').$type<ProposalStatus>().notNull().default('draft'),
  /** The feature's properties except `name`; `id`, when present, is the id the feature gets in its layer on approval. */
  properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
  geom: geometry('geom').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const proposalChecks = pgTable('proposal_checks', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  proposalId: text('proposal_id')
    .notNull()
    .references(() => proposals.id, { onDelete: 'cascade' }),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  profile: text('profile').notNull(),
  ruleVersions: jsonb('rule_versions').$type<Record<string, number>>().notNull(),
  verdict: text('verdict').$type<'pass' | 'warn' | 'fail'>().notNull(),
  /** The whole CheckResponse of server/rules/engine.ts. */
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
});

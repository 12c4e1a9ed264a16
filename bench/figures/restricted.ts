/**
 * The engine's restriction of a relation of subjects to those a rule applies to (server/rules/engine.ts keeps its
 * own private copy): the bench rebuilds the exact SQL the engine sends, to time and explain it query by query.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { RuleDefinition } from '../../server/rules/types.ts';

export function restrictedTo(rule: RuleDefinition, subjects: SQL): SQL {
  return rule.appliesWhen ? sql`SELECT * FROM (${subjects}) s WHERE ${rule.appliesWhen(sql`s`)}` : subjects;
}

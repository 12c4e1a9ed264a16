/**
 * Every rule, sorted by id. tests/rules/catalogue.test.ts fails when a folder under server/rules/ is missing here,
 * when the list is not sorted, or when a rule lacks its README, basis or fixtures.
 */
import miningRightOverlap from './mining-right-overlap/rule.ts';
import safetyPillar50m from './safety-pillar-50m/rule.ts';
import type { RuleDefinition } from './types.ts';

export const registry: readonly RuleDefinition[] = [miningRightOverlap, safetyPillar50m] as unknown as RuleDefinition[];

export const ruleById: ReadonlyMap<string, RuleDefinition> = new Map(registry.map((r) => [r.id, r]));

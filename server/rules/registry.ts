/**
 * Every rule, sorted by id. tests/rules/catalogue.test.ts fails when a folder under server/rules/ is missing here,
 * when the list is not sorted, or when a rule lacks its README, basis or fixtures.
 */
import headTopTailings from './head-top-tailings/rule.ts';
import hiddenHazardZone from './hidden-hazard-zone/rule.ts';
import minimumScale from './minimum-scale/rule.ts';
import miningRightOverlap from './mining-right-overlap/rule.ts';
import openPitSpacing from './open-pit-spacing/rule.ts';
import oreBodySingleRight from './ore-body-single-right/rule.ts';
import restrictedZone from './restricted-zone/rule.ts';
import ridgeLineBoundary from './ridge-line-boundary/rule.ts';
import safetyPillar50m from './safety-pillar-50m/rule.ts';
import slopeMonitoring from './slope-monitoring/rule.ts';
import tailingsClosure from './tailings-closure/rule.ts';
import tailingsDamHeight from './tailings-dam-height/rule.ts';
import tailingsGrade from './tailings-grade/rule.ts';
import yellowRiverBuffer from './yellow-river-buffer/rule.ts';
import type { RuleDefinition } from './types.ts';

export const registry: readonly RuleDefinition[] = [
  headTopTailings,
  hiddenHazardZone,
  minimumScale,
  miningRightOverlap,
  openPitSpacing,
  oreBodySingleRight,
  restrictedZone,
  ridgeLineBoundary,
  safetyPillar50m,
  slopeMonitoring,
  tailingsClosure,
  tailingsDamHeight,
  tailingsGrade,
  yellowRiverBuffer,
] as unknown as RuleDefinition[];

export const ruleById: ReadonlyMap<string, RuleDefinition> = new Map(registry.map((r) => [r.id, r]));

import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('ridge-line-boundary');

describe('ridge-line-boundary evaluate', () => {
  const params = rule.params.parse({});
  const row = (total: number, group: string | null = 'building_stone') => ({
    subject_id: 'x', mineral_group: group, total_m: total, longest_m: total, stretches: 1,
    ridges: [{ id: 'RL', name: 'ridge', along_m: total, stretch: null, ridge: null }],
  });

  it('fails from minLengthM on (equal fails), passes below without rounding onto the threshold', () => {
    expect(rule.evaluate([row(100)], params)).toMatchObject({ status: 'fail', measured: 100, threshold: 100, unit: 'm' });
    expect(rule.evaluate([row(99.96)], params)).toMatchObject({ status: 'pass', measured: 99.96 });
  });

  it('warns instead of failing when mineralGroup is missing, and passes short stretches either way', () => {
    expect(rule.evaluate([row(150, null)], params).status).toBe('warn');
    expect(rule.evaluate([row(50, null)], params).status).toBe('pass');
  });

  it('passes with 0 m when no ridge is near', () => {
    expect(rule.evaluate([], params)).toMatchObject({ status: 'pass', measured: 0, related: [] });
  });
});

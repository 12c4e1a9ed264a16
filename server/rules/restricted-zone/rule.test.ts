import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('restricted-zone');

describe('restricted-zone evaluate', () => {
  const params = rule.params.parse({});
  const zone = (over: Record<string, unknown>) => ({
    id: 'RZ', name: 'zone', zone_type: 'nature_reserve', gap_m: 800, hits: false, area_m2: 0, overlap: null, gap: null, zone: null, ...over,
  });

  it('never displays a value across its threshold', () => {
    expect(rule.evaluate([zone({ gap_m: 499.96 })], params)).toMatchObject({ status: 'warn', measured: 499.96, threshold: 500 });
    expect(rule.evaluate([zone({ gap_m: 0, hits: true, area_m2: 0.04 })], params)).toMatchObject({ status: 'fail', measured: 0.04, unit: 'm²' });
  });

  it('treats touching as a gap of 0 m (warn), and a gap equal to nearM as a pass', () => {
    expect(rule.evaluate([zone({ gap_m: 0, hits: true })], params)).toMatchObject({ status: 'warn', measured: 0, unit: 'm' });
    expect(rule.evaluate([zone({ gap_m: 500 })], params)).toMatchObject({ status: 'pass', measured: 500 });
  });

  it('sums the overlap over every zone it enters', () => {
    const v = rule.evaluate([zone({ id: 'A', gap_m: 0, hits: true, area_m2: 100 }), zone({ id: 'B', gap_m: 0, hits: true, area_m2: 50.5 })], params);
    expect(v).toMatchObject({ status: 'fail', measured: 150.5 });
    expect(v.related.map((r) => r.id).sort()).toEqual(['A', 'B']);
  });
});

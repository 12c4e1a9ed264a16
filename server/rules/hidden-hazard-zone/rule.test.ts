import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('hidden-hazard-zone');

describe('hidden-hazard-zone evaluate', () => {
  const params = rule.params.parse({});
  const zone = (over: Record<string, unknown>) => ({
    id: 'HZ', name: 'zone', hazard_type: 'karst', survey_status: 'surveyed', level: 'general',
    gap_m: 500, hits: false, area_m2: 0, overlap: null, gap: null, zone: null, ...over,
  });

  it('takes the worst zone: an unsurveyed overlap fails even next to warnings', () => {
    const v = rule.evaluate([zone({ id: 'A', hazard_type: 'goaf', gap_m: 50 }), zone({ id: 'B', survey_status: 'unsurveyed', gap_m: 0, hits: true, area_m2: 1234.56 })], params);
    expect(v).toMatchObject({ status: 'fail', measured: 1234.6, threshold: 0, unit: 'm²' });
    expect(v.related.map((r) => r.id)).toEqual(['B']);
  });

  it('shows the overlap area for a surveyed major zone, the gap otherwise', () => {
    expect(rule.evaluate([zone({ level: 'major', gap_m: 0, hits: true, area_m2: 500 })], params)).toMatchObject({ status: 'warn', measured: 500, unit: 'm²' });
    expect(rule.evaluate([zone({ hazard_type: 'old_workings', gap_m: 120 })], params)).toMatchObject({ status: 'warn', measured: 120, threshold: 200, unit: 'm' });
  });

  it('treats a surveyed zone without level as major/significant (就高不就低)', () => {
    expect(rule.evaluate([zone({ level: null, gap_m: 0, hits: true, area_m2: 10 })], params).status).toBe('warn');
  });

  it('passes with the nearest goaf as measured, or null when there is none', () => {
    expect(rule.evaluate([zone({ hazard_type: 'goaf', gap_m: 320 })], params)).toMatchObject({ status: 'pass', measured: 320 });
    expect(rule.evaluate([zone({ gap_m: 0, hits: true, area_m2: 99 })], params)).toMatchObject({ status: 'pass', measured: null });
    expect(rule.evaluate([], params)).toMatchObject({ status: 'pass', measured: null });
  });
});

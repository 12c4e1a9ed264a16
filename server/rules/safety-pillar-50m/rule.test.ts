import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('safety-pillar-50m');

describe('safety-pillar-50m evaluate', () => {
  const params = rule.params.parse({});
  const row = (gap_m: number, method_missing = false) => ({ subject_id: 'S', method_missing, id: 'N', name: '邻矿', gap_m, evidence: null });

  it('passes at exactly the pillar width (gap < pillar fails, gap == pillar passes)', () => {
    expect(rule.evaluate([row(50)], params).status).toBe('pass');
    expect(rule.evaluate([row(49.999)], params).status).toBe('fail');
  });

  it('never shows a failing gap rounded up to the pillar width', () => {
    const verdict = rule.evaluate([row(49.96)], params);
    expect(verdict.status).toBe('fail');
    expect(verdict.measured).toBe(49.96);
    expect(verdict.messageEn).toContain('49.96 m');
  });

  it('reports the nearest neighbour first and lists every right that is too close', () => {
    const verdict = rule.evaluate([row(120), { ...row(10), id: 'M', name: '近矿' }, row(30)], params);
    expect(verdict.measured).toBe(10);
    expect(verdict.related.map((r) => r.id).sort()).toEqual(['M', 'N']);
  });
});

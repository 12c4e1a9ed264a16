import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('mining-right-overlap');

describe('mining-right-overlap evaluate', () => {
  const params = rule.params.parse({});
  const row = (id: string, area_m2: number, layered: boolean) => ({ subject_id: 'S', id, name: id, area_m2, layered, evidence: null });

  it('fails when one overlap is layered (same holder) and another is not', () => {
    const verdict = rule.evaluate([row('A', 500, true), row('B', 20, false)], params);
    expect(verdict.status).toBe('fail');
    expect(verdict.measured).toBe(520);
    expect(verdict.related.map((r) => r.id).sort()).toEqual(['A', 'B']);
  });

  it('treats an overlap of exactly minAreaM2 as coordinate noise', () => {
    expect(rule.evaluate([row('A', 1, false)], params).status).toBe('pass');
    expect(rule.evaluate([row('A', 1.01, false)], params).status).toBe('fail');
  });
});

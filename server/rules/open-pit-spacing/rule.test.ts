import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('open-pit-spacing');

describe('open-pit-spacing evaluate', () => {
  const params = rule.params.parse({});
  const row = (gap_m: number, method_missing = false) => ({ subject_id: 'S', method_missing, id: 'N', name: '邻矿', gap_m, evidence: null });

  it('passes at exactly the minimum gap and warns (never fails) below it', () => {
    expect(rule.evaluate([row(300)], params).status).toBe('pass');
    expect(rule.evaluate([row(299.99)], params).status).toBe('warn');
    expect(rule.evaluate([row(0)], params).status).toBe('warn');
  });

  it('never shows a gap below the limit rounded up to it', () => {
    const verdict = rule.evaluate([row(299.96)], params);
    expect(verdict.measured).toBe(299.96);
  });

  it('follows a profile override of minGapM', () => {
    const strict = rule.params.parse({ minGapM: 500 });
    expect(rule.evaluate([row(400)], strict).status).toBe('warn');
    expect(rule.evaluate([row(400)], params).status).toBe('pass');
  });
});

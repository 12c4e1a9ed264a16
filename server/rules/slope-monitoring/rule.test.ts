import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import rule from './rule.ts';

describeRuleFixtures('slope-monitoring');

describe('slope-monitoring evaluate', () => {
  const params = rule.params.parse({});
  const judge = (h: number | null, m: string | null) => rule.evaluate([{ subject_id: 'x', slope_height_m: h, slope_monitoring: m }], params);

  it('reports the threshold crossed, or the fail threshold below all', () => {
    expect(judge(230, 'system')).toMatchObject({ status: 'fail', measured: 230, threshold: 200, unit: 'm' });
    expect(judge(170, 'none')).toMatchObject({ status: 'warn', measured: 170, threshold: 150 });
    expect(judge(170, 'system')).toMatchObject({ status: 'pass', threshold: 150 });
    expect(judge(120, 'none')).toMatchObject({ status: 'pass', threshold: 100 });
    expect(judge(80, 'none')).toMatchObject({ status: 'pass', threshold: 200 });
  });

  it('reminds of the yearly stability analysis from 100 m', () => {
    expect(judge(120, 'none').message).toContain('每年进行1次边坡稳定性分析');
    expect(judge(120, 'none').messageEn).toContain('yearly slope-stability analysis');
    expect(judge(210, 'online').message).toContain('每年进行1次边坡稳定性分析');
    expect(judge(99.9, 'none').message).not.toContain('须每年');
  });

  it('warns, naming the property, when the slope height is missing', () => {
    expect(judge(null, 'online')).toMatchObject({ status: 'warn', measured: null });
    expect(judge(null, 'online').messageEn).toContain('slopeHeightM');
  });

  it('follows profile thresholds', () => {
    const strict = rule.params.parse({ failHeightM: 150, warnHeightM: 100, analysisHeightM: 50 });
    expect(rule.evaluate([{ slope_height_m: 160, slope_monitoring: 'system' }], strict)).toMatchObject({ status: 'fail', threshold: 150 });
  });
});

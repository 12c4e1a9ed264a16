import { describe, expect, it } from 'vitest';
import { describeRuleFixtures } from '../../../tests/support/scenes.ts';
import { combineGrades, computeGrade, gradeBy, DEFAULT_HEIGHT_BREAKS_M, DEFAULT_VOLUME_BREAKS_WAN_M3 } from './grade.ts';

describeRuleFixtures('tailings-grade');

describe('grade.ts', () => {
  it('grades storage volume (万m³) with values on a bound taking the higher grade', () => {
    const V = (v: number) => gradeBy(v, DEFAULT_VOLUME_BREAKS_WAN_M3);
    expect([V(0), V(99.99), V(100), V(999.99), V(1000), V(9999.99), V(10000), V(1e6)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2]);
  });

  it('grades dam height (m) with values on a bound taking the higher grade', () => {
    const H = (h: number) => gradeBy(h, DEFAULT_HEIGHT_BREAKS_M);
    expect([H(0), H(29.99), H(30), H(59.99), H(60), H(99.99), H(100), H(300)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2]);
  });

  it('combines: equal → that grade; one apart → the higher (smaller number); more apart → the higher plus one', () => {
    expect(combineGrades(3, 3)).toBe(3);
    expect(combineGrades(4, 5)).toBe(4);
    expect(combineGrades(5, 4)).toBe(4);
    expect(combineGrades(3, 5)).toBe(4);
    expect(combineGrades(5, 3)).toBe(4);
    expect(combineGrades(2, 5)).toBe(3);
    expect(combineGrades(2, 4)).toBe(3);
  });

  it('computes the grade from both quantities', () => {
    expect(computeGrade(450, 42)).toEqual({ byVolume: 4, byHeight: 4, grade: 4 });
    expect(computeGrade(180, 28)).toEqual({ byVolume: 4, byHeight: 5, grade: 4 });
    expect(computeGrade(2500, 24)).toEqual({ byVolume: 3, byHeight: 5, grade: 4 });
    expect(computeGrade(12000, 230)).toEqual({ byVolume: 2, byHeight: 2, grade: 2 });
    expect(computeGrade(12000, 25)).toEqual({ byVolume: 2, byHeight: 5, grade: 3 });
  });

  it('uses the bounds it is given (a profile may override them)', () => {
    expect(computeGrade(500, 50, { grade2: 5000, grade3: 500, grade4: 50 }, DEFAULT_HEIGHT_BREAKS_M)).toEqual({ byVolume: 3, byHeight: 4, grade: 3 });
  });
});

/**
 * The pure risk scoring on fixture areas (geo-fixtures/risk/cases/*.json, each with its arithmetic written in its
 * description), and the validation of scoring documents (data/risk/scoring.json among them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config.ts';
import { registry } from '../rules/registry.ts';
import { scoreArea, type AreaInputs } from './score.ts';
import { loadScoring, parseScoring, scoringFile } from './scoring.ts';

const dir = path.join(repoRoot, 'geo-fixtures', 'risk');
const fixtureScoring = loadScoring(path.join(dir, 'scoring.json'));
const ruleTitles = Object.fromEntries(registry.map((r) => [r.id, r.title]));

interface Case {
  description: string;
  input: AreaInputs;
  expect: {
    score: number;
    scoreGrade: string;
    grade: string;
    reasons: Record<string, unknown>[];
    escalations: Record<string, unknown>[];
  };
}

const cases = fs
  .readdirSync(path.join(dir, 'cases'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(dir, 'cases', file), 'utf8')) as Case) }));

describe('scoreArea on fixtures', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(6));

  for (const c of cases) {
    it(`${c.file}: ${c.description}`, () => {
      const risk = scoreArea(c.input, fixtureScoring, ruleTitles);
      expect(risk.score).toBe(c.expect.score);
      expect(risk.scoreGrade).toBe(c.expect.scoreGrade);
      expect(risk.grade).toBe(c.expect.grade);
      expect(risk.reasons.map((r) => r.key)).toEqual(c.expect.reasons.map((r) => r.key));
      c.expect.reasons.forEach((want, i) => expect(risk.reasons[i]).toMatchObject(want));
      expect(risk.escalations.map((e) => e.key)).toEqual(c.expect.escalations.map((e) => e.key));
      c.expect.escalations.forEach((want, i) => expect(risk.escalations[i]).toMatchObject(want));
      // The score is the sum of the reasons, and the colour is the grade's.
      expect(risk.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(risk.score);
      expect(risk.hex).toBe(fixtureScoring.grades[risk.grade].hex);
    });
  }

  it('is pure: the same input gives the same result and is not modified', () => {
    const input = cases.find((c) => c.file.startsWith('ledger'))!.input;
    const copy = structuredClone(input);
    expect(scoreArea(input, fixtureScoring)).toEqual(scoreArea(copy, fixtureScoring));
    expect(input).toEqual(copy);
  });
});

describe('scoring documents', () => {
  it('data/risk/scoring.json is valid, with thresholds for counties and towns and the 头顶库 escalation', () => {
    const scoring = loadScoring(scoringFile);
    expect(Object.keys(scoring.thresholds)).toEqual(['county', 'town']);
    expect(scoring.escalations.find((e) => e.metric === 'headTopMaxPopulation')).toMatchObject({ atLeast: 100, grade: 'significant' });
    expect(scoring.grades.major.colour).toBe('red');
    expect(scoring.grades.low.colour).toBe('blue');
  });

  const base = JSON.parse(fs.readFileSync(path.join(dir, 'scoring.json'), 'utf8'));
  const broken: [string, (s: typeof base) => void, RegExp][] = [
    ['thresholds out of order', (s) => (s.thresholds.county.general = 60), /major > significant > general/],
    ['an unknown item', (s) => (s.items.mineDepth = { each: 1 }), /mineDepth/],
    ['a negative weight', (s) => (s.items.headTop.each = -1), /headTop/],
    ['an unknown metric', (s) => (s.escalations[0].metric = 'population'), /metric/],
    ['a duplicate escalation key', (s) => s.escalations.push({ ...s.escalations[0] }), /duplicate escalation key/],
    ['a colour that is not one of the four', (s) => (s.grades.major.colour = 'purple'), /colour/],
    ['weights for an unknown rule', (s) => (s.items.findings.rules['head-top-tailing'] = { fail: 0 }), /unknown rule "head-top-tailing"/],
    ['an escalation on an unknown rule', (s) => (s.escalations[0].metric = 'fail:dam-height'), /unknown rule "dam-height"/],
  ];
  for (const [what, change, message] of broken) {
    it(`refuses ${what}, naming the problem`, () => {
      const doc = structuredClone(base);
      change(doc);
      expect(() => parseScoring(doc, 'test')).toThrow(message);
    });
  }
});

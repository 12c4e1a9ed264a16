/**
 * ESLint-style catalogue check: every rule folder is registered (sorted), documented, has a basis, a parameter
 * schema whose defaults parse, and pass/fail fixtures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { registry } from '../../server/rules/registry.ts';
import { failingStatus, sceneFiles } from '../support/scenes.ts';

const rulesDir = path.join(repoRoot, 'server', 'rules');
const contractIds = [
  'mining-right-overlap', 'safety-pillar-50m', 'open-pit-spacing', 'ridge-line-boundary', 'yellow-river-buffer',
  'head-top-tailings', 'tailings-dam-height', 'tailings-grade', 'hidden-hazard-zone', 'restricted-zone',
  'ore-body-single-right', 'minimum-scale', 'slope-monitoring', 'tailings-closure',
];

describe('rule catalogue', () => {
  const folders = fs.readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('registers exactly the rule folders, sorted by id', () => {
    const ids = registry.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(folders);
  });

  it('covers every rule id of the contract', () => {
    expect(registry.map((r) => r.id).sort()).toEqual([...contractIds].sort());
  });

  for (const rule of registry) {
    describe(rule.id, () => {
      const dir = path.join(rulesDir, rule.id);
      it('has a README with both languages, its parameters and its basis', () => {
        const readme = path.join(dir, 'README.md');
        expect(fs.existsSync(readme), `${rule.id}/README.md`).toBe(true);
        const text = fs.readFileSync(readme, 'utf8');
        expect(text).toMatch(/[\u4e00-\u9fff]/);
        for (const param of Object.keys(rule.params.shape)) expect(text, `README mentions ${param}`).toContain(param);
      });

      it('has metadata: titles, description, basis, version, applicability, index list', () => {
        expect(rule.version).toBeGreaterThanOrEqual(1);
        expect(rule.title.zh && rule.title.en).toBeTruthy();
        expect(rule.description.zh && rule.description.en).toBeTruthy();
        expect(rule.basis.documents.length).toBeGreaterThan(0);
        expect(rule.basis.clause.length).toBeGreaterThan(4);
        expect(rule.appliesTo.length).toBeGreaterThan(0);
        expect(Array.isArray(rule.indexes)).toBe(true);
      });

      it('has parameter defaults that parse, each described with a unit where it has one', () => {
        expect(() => rule.params.parse({})).not.toThrow();
        for (const [name, schema] of Object.entries(rule.params.shape)) {
          expect((schema as { description?: string }).description, `${rule.id}.${name} needs .describe()`).toBeTruthy();
        }
      });

      it('has pass and fail fixtures (warn for an advisory rule) and a test file', () => {
        const files = sceneFiles(rule.id);
        expect(files.some((f) => f.folder === 'pass'), 'pass/ fixtures').toBe(true);
        const failing = failingStatus(rule.id);
        expect(files.some((f) => f.folder === failing), `${failing}/ fixtures`).toBe(true);
        expect(fs.existsSync(path.join(dir, 'rule.test.ts'))).toBe(true);
      });
    });
  }
});

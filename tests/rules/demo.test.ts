/**
 * The demo region's intended outcomes, written next to each case in geo-fixtures/demo (the `expect` member of a
 * feature), must all come out as intended: stored features through the audit, proposals through the check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDir, loadDemo } from '../../data/loaders/demo.ts';
import { layerIds } from '../../server/layers/catalog.ts';
import type { AuditFinding, CheckResponse } from '../../server/rules/engine.ts';
import { openTestApp, type TestApp } from '../support/db.ts';

type Expect = Record<string, string>;
interface Case {
  layer: string;
  id: string;
  expect: Expect;
}

const storedCases: Case[] = layerIds.flatMap((layer) => {
  const file = path.join(demoDir, `${layer}.geojson`);
  if (!fs.existsSync(file)) return [];
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: { id: string }; expect?: Expect }[] };
  return collection.features.filter((f) => f.expect).map((f) => ({ layer, id: f.properties.id, expect: f.expect! }));
});

const proposalFiles = fs.readdirSync(path.join(demoDir, 'proposals')).filter((f) => f.endsWith('.geojson')).sort();

let t: TestApp;
let findings: AuditFinding[];
beforeAll(async () => {
  t = await openTestApp();
  await loadDemo(t.db.orm);
  const response = await t.call('POST', '/api/audit', { includePassing: true });
  expect(response.status).toBe(200);
  findings = ((await response.json()) as { findings: AuditFinding[] }).findings;
});
afterAll(async () => t?.db.destroy());

describe('demo region: audit of stored features', () => {
  it('has intended outcomes to test', () => {
    expect(storedCases.length).toBeGreaterThan(30);
  });
  for (const c of storedCases) {
    it(`${c.layer}/${c.id}: ${Object.entries(c.expect).map(([r, s]) => `${r} ${s}`).join(', ')}`, () => {
      for (const [rule, status] of Object.entries(c.expect)) {
        const found = findings.find((f) => f.rule === rule && f.layer === c.layer && f.id === c.id);
        const actual = found?.status ?? (status === 'not_applicable' ? 'not_applicable' : 'pass');
        expect(actual, `${rule}: ${found?.messageEn ?? 'no finding'}`).toBe(status);
      }
    });
  }
});

describe('demo region: checks of proposals', () => {
  for (const file of proposalFiles) {
    const proposal = JSON.parse(fs.readFileSync(path.join(demoDir, 'proposals', file), 'utf8')) as {
      layer: string;
      expect: Expect;
      properties: Record<string, unknown>;
      geometry: unknown;
    };
    it(`${file}: ${Object.entries(proposal.expect).map(([r, s]) => `${r} ${s}`).join(', ')}`, async () => {
      const response = await t.call('POST', '/api/checks', {
        layer: proposal.layer,
        feature: { type: 'Feature', properties: proposal.properties, geometry: proposal.geometry },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as CheckResponse;
      for (const [rule, status] of Object.entries(proposal.expect)) {
        const result = body.results.find((r) => r.rule === rule)!;
        expect(result.status, `${rule}: ${result.messageEn}`).toBe(status);
      }
    });
  }
});

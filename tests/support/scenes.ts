/**
 * Rule fixtures, Turf-style: geo-fixtures/rules/<rule-id>/{pass,fail,warn,not_applicable}/*.geojson, each a small
 * scene with the stored features, the proposed feature and the expected outcome written in it:
 *
 *   { "type": "FeatureCollection",
 *     "description": "49.9 m gap between two underground mines",
 *     "proposal": { "layer": "mining_rights", "feature": { "type": "Feature", ... } },
 *     "expect": { "status": "fail", "measured": 49.9, "tolerance": 0.05, "related": ["MR-A"] },
 *     "profile": "shanxi",                       (optional; else chosen by the county the proposal lies in)
 *     "features": [ { "type": "Feature", "layer": "mining_rights", "properties": { "id": ..., ... }, ... } ] }
 *
 * A scene is loaded into an emptied database through the same validation and insert path as the API, then the rule
 * is run as a check of the proposal. The folder name must equal the expected status.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import type { Orm } from '../../server/db/client.ts';
import { isLayerId, layerIds, layers } from '../../server/layers/catalog.ts';
import { deleteFeature, insertFeatures } from '../../server/layers/store.ts';
import { validateFeatures } from '../../server/layers/validate.ts';
import { audit, check, type AuditFinding } from '../../server/rules/engine.ts';
import { loadProfiles, type ProfileSet } from '../../server/rules/profiles.ts';
import { ruleById } from '../../server/rules/registry.ts';
import type { Finding, Status, SubjectLayer } from '../../server/rules/types.ts';
import { openTestDb, type TestDb } from './db.ts';

export const rulesFixturesDir = path.join(repoRoot, 'geo-fixtures', 'rules');
export const statusFolders: Status[] = ['fail', 'warn', 'pass', 'not_applicable'];

/** The status a rule gives when it is broken: `fail`, or `warn` for advisory rules that never fail. */
export function failingStatus(ruleId: string): Status {
  return ruleById.get(ruleId)?.advisory ? 'warn' : 'fail';
}

export interface Scene {
  file: string;
  folder: Status;
  description?: string;
  proposal: { layer: SubjectLayer; feature: unknown };
  expect: { status: Status; measured?: number | null; tolerance?: number; related?: string[] };
  profile?: string;
  features: { layer: string; [k: string]: unknown }[];
}

export function sceneFiles(ruleId: string): { file: string; folder: Status }[] {
  return statusFolders.flatMap((folder) => {
    const dir = path.join(rulesFixturesDir, ruleId, folder);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((f) => f.endsWith('.geojson')).sort().map((f) => ({ file: path.join(dir, f), folder }));
  });
}

export function readScene(file: string, folder: Status): Scene {
  return { ...JSON.parse(fs.readFileSync(file, 'utf8')), file, folder };
}

/** Empties every layer and loads the scene's stored features. */
export async function loadScene(orm: Orm, scene: Scene): Promise<void> {
  await orm.execute(sql.raw(`TRUNCATE ${layerIds.join(', ')} CASCADE`));
  const byLayer = new Map<string, unknown[]>();
  for (const f of scene.features ?? []) byLayer.set(f.layer, [...(byLayer.get(f.layer) ?? []), f]);
  for (const [layer, features] of byLayer) {
    if (!isLayerId(layer)) throw new Error(`${scene.file}: unknown layer ${layer}`);
    const { rows, problems } = validateFeatures(layers[layer], features);
    if (problems.length) throw new Error(`${scene.file}: ${JSON.stringify(problems)}`);
    await insertFeatures(orm, layers[layer], rows);
  }
}

export async function runScene(orm: Orm, profiles: ProfileSet, ruleId: string, scene: Scene): Promise<Finding> {
  await loadScene(orm, scene);
  const { rows, problems } = validateFeatures(layers[scene.proposal.layer], [scene.proposal.feature]);
  if (problems.length) throw new Error(`${scene.file}: proposal: ${JSON.stringify(problems)}`);
  const response = await check(orm, profiles, {
    layer: scene.proposal.layer,
    feature: rows[0],
    rules: [ruleId],
    profile: scene.profile,
  });
  return response.results[0];
}

/**
 * The scene's proposal stored (replacing a stored feature of the same id, as a change to it would), then audited by
 * the rule alone: the audit's finding for it, if the rule judged it (an audit leaves out subjects with no rows).
 */
export async function auditScene(orm: Orm, profiles: ProfileSet, ruleId: string, scene: Scene): Promise<AuditFinding | undefined> {
  const def = layers[scene.proposal.layer];
  const { rows } = validateFeatures(def, [scene.proposal.feature]);
  await deleteFeature(orm, def, rows[0].id);
  await insertFeatures(orm, def, rows);
  const found = await audit(orm, profiles, { rules: [ruleId], ids: [rows[0].id], includePassing: true });
  return found.find((f) => f.layer === scene.proposal.layer && f.id === rows[0].id);
}

/** Declares one test per fixture scene of a rule; used by each rule's own rule.test.ts. */
export function describeRuleFixtures(ruleId: string): void {
  describe(`${ruleId} fixtures`, () => {
    let db: TestDb;
    const profiles = loadProfiles();
    beforeAll(async () => {
      db = await openTestDb();
    });
    afterAll(async () => db?.destroy());

    const files = sceneFiles(ruleId);
    it('has passing and failing fixtures', () => {
      expect(files.some((f) => f.folder === 'pass')).toBe(true);
      expect(files.some((f) => f.folder === failingStatus(ruleId))).toBe(true);
    });
    for (const { file, folder } of files) {
      const scene = readScene(file, folder);
      it(`${folder}/${path.basename(file)}${scene.description ? `: ${scene.description}` : ''}`, async () => {
        expect(scene.expect.status, 'the folder names the expected status').toBe(folder);
        const finding = await runScene(db.orm, profiles, ruleId, scene);
        expect(finding.status, finding.messageEn).toBe(scene.expect.status);
        if (scene.expect.measured !== undefined) {
          if (scene.expect.measured === null) expect(finding.measured).toBeNull();
          else {
            const tolerance = scene.expect.tolerance ?? 0.5;
            expect(Math.abs((finding.measured ?? NaN) - scene.expect.measured), `measured ${finding.measured}`).toBeLessThanOrEqual(tolerance);
          }
        }
        if (scene.expect.related) {
          expect(finding.related.map((r) => r.id).sort()).toEqual([...scene.expect.related].sort());
        }
        if (finding.status === 'fail' || finding.status === 'warn') {
          expect(finding.message.length).toBeGreaterThan(0);
          expect(finding.messageEn.length).toBeGreaterThan(0);
        }
        // The audit runs another query shape (driven from the other side, pairs measured once): stored, the proposal
        // must get the same verdict from it. Not where the scene names a profile (an audit takes the county's) or the
        // check found the rule not applicable (an audit leaves such subjects out).
        if (scene.profile || finding.status === 'not_applicable') return;
        const audited = await auditScene(db.orm, profiles, ruleId, scene);
        if (!audited) {
          expect(finding.status, 'the audit judged nothing: only a pass may have no rows').toBe('pass');
          return;
        }
        expect(audited.status, audited.messageEn).toBe(finding.status);
        // A check looks farther than an audit, so only a problem's measure must agree.
        if (finding.status !== 'pass' && finding.measured !== null) {
          expect(audited.measured, audited.messageEn).toBeCloseTo(finding.measured, 6);
          expect(audited.related.map((r) => r.id)).toEqual(finding.related.map((r) => r.id));
        }
      });
    }
  });
}

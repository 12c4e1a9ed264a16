/**
 * `npm run check -- proposal.geojson [--layer mining_rights|tailings_ponds] [--profile shanxi] [--json]`
 * Checks each proposed feature in the file against the stored data (embedded database by default, or DATABASE_URL),
 * prints a verdict table per feature, and exits 1 when any verdict is fail.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { layers } from '../layers/catalog.ts';
import { invalidGeometries } from '../layers/store.ts';
import { featuresOf, validateFeatures } from '../layers/validate.ts';
import { check, type CheckResponse } from '../rules/engine.ts';
import type { SubjectLayer } from '../rules/types.ts';
import { num, table } from './table.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { layer: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' } },
});
if (positionals.length !== 1) {
  console.error('usage: npm run check -- proposal.geojson [--layer mining_rights|tailings_ponds] [--profile name] [--json]');
  process.exit(2);
}

const body = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const { features, problems } = featuresOf(body);
if (problems.length) {
  console.error(problems.map((p) => p.problem).join('\n'));
  process.exit(2);
}

const { db, profiles } = await bootstrap(loadConfig());
let failed = false;
const reports: (CheckResponse & { id: string })[] = [];
try {
  for (const [index, raw] of features.entries()) {
    const feature = raw as { layer?: string; properties?: Record<string, unknown> };
    const layer = (values.layer ?? feature.layer ?? body.layer ?? 'mining_rights') as SubjectLayer;
    if (layer !== 'mining_rights' && layer !== 'tailings_ponds') throw new Error(`feature ${index}: layer must be mining_rights or tailings_ponds, got ${layer}`);
    const properties = { id: `proposal-${index + 1}`, name: `拟设方案${index + 1}`, ...(feature.properties ?? {}) };
    const { rows, problems: bad } = validateFeatures(layers[layer], [{ ...feature, properties }]);
    const invalid = bad.length ? [] : await invalidGeometries(db.orm, [rows[0].geometry]);
    if (bad.length || invalid.length) {
      console.error(`feature ${index} (${properties.id}): ${[...bad.map((p) => `${p.field}: ${p.problem}`), ...invalid.map((i) => i.reason)].join('; ')}`);
      failed = true;
      continue;
    }
    const result = await check(db.orm, profiles, { layer, feature: rows[0], profile: values.profile });
    reports.push({ id: rows[0].id, ...result });
    failed ||= result.verdict === 'fail';
    if (values.json) continue;
    console.log(`\n${rows[0].name} (${rows[0].id}) — ${layers[layer].title.zh} — verdict ${result.verdict.toUpperCase()} — profile ${result.profile.name}`);
    console.log(
      table(
        ['rule', 'status', 'measured', 'threshold', 'unit', 'message'],
        result.results.map((r) => [r.rule, r.status, num(r.measured), num(r.threshold), r.unit ?? '', r.message]),
      ),
    );
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
} finally {
  await db.close();
}
process.exit(failed ? 1 : 0);

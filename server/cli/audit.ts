/**
 * `npm run audit [-- --rules a,b] [--bbox w,s,e,n] [--json]`: runs every rule over everything stored and prints the
 * findings (fail and warn), worst first.
 */
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { audit } from '../rules/engine.ts';
import { ruleById } from '../rules/registry.ts';
import { num, table } from './table.ts';

const { values } = parseArgs({ options: { rules: { type: 'string' }, bbox: { type: 'string' }, json: { type: 'boolean' } } });
const rules = values.rules?.split(',').map((s) => s.trim());
const unknown = rules?.filter((r) => !ruleById.has(r)) ?? [];
if (unknown.length) {
  console.error(`unknown rule id(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const bbox = values.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
if (bbox && (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)))) {
  console.error('--bbox must be west,south,east,north');
  process.exit(2);
}

const { db, profiles } = await bootstrap(loadConfig());
try {
  const started = performance.now();
  const findings = await audit(db.orm, profiles, { rules, bbox });
  const ms = performance.now() - started;
  findings.sort((a, b) => (a.status === b.status ? a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id) : a.status === 'fail' ? -1 : 1));
  if (values.json) console.log(JSON.stringify({ findings }, null, 2));
  else {
    console.log(
      table(
        ['status', 'rule', 'layer', 'id', 'measured', 'threshold', 'unit', 'message'],
        findings.map((f) => [f.status, f.rule, f.layer, f.id, num(f.measured), num(f.threshold), f.unit ?? '', f.message]),
      ),
    );
    const fails = findings.filter((f) => f.status === 'fail').length;
    console.log(`\n${findings.length} findings (${fails} fail, ${findings.length - fails} warn) in ${ms.toFixed(0)} ms`);
  }
} finally {
  await db.close();
}

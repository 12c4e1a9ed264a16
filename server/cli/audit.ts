/**
 * `npm run audit [-- --rules a,b] [--bbox w,s,e,n] [--json]`: runs every rule over everything stored and prints the
 * findings (fail and warn), worst first. The findings are the stored ones (server/findings/), brought up to date
 * first: a full audit on a new database, else only around what changed since the last one.
 */
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { eachStoredFindingPage } from '../findings/read.ts';
import { refreshFindings } from '../findings/refresh.ts';
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
  const refreshed = await refreshFindings(db, profiles);
  const ms = performance.now() - started;
  // Page by page from the stored findings: a province's ~2 million are never all in memory.
  let fails = 0;
  let first = true;
  if (values.json) process.stdout.write('{"findings":[\n');
  const total = await eachStoredFindingPage(db.orm, { rules, bbox }, 'worst', (page) => {
    fails += page.filter((f) => f.status === 'fail').length;
    if (values.json) process.stdout.write((first ? '' : ',\n') + page.map((f) => JSON.stringify(f)).join(',\n'));
    else {
      const lines = table(
        ['status', 'rule', 'layer', 'id', 'measured', 'threshold', 'unit', 'message'],
        page.map((f) => [f.status, f.rule, f.layer, f.id, num(f.measured), num(f.threshold), f.unit ?? '', f.message]),
      ).split('\n');
      // Column widths are per page; the header is printed once.
      console.log((first ? lines : lines.slice(2)).join('\n'));
    }
    first = false;
  });
  if (values.json) process.stdout.write('\n]}\n');
  else {
    const how = refreshed.mode === 'none' ? 'stored findings were up to date' : `${refreshed.mode} audit in ${ms.toFixed(0)} ms`;
    console.log(`\n${total} findings (${fails} fail, ${total - fails} warn); ${how}`);
  }
} finally {
  await db.close();
}

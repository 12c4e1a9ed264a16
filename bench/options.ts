/**
 * Command line of `npm run bench`:
 *   --target pglite|postgres|both   which databases (default both)
 *   --rights N                      rights in the checks dataset (default 1,000,000 on the server, 100,000 on PGlite);
 *                                   the audit dataset is min(N, 100,000)
 *   --reuse                         keep an already generated dataset of the same size, seed and generator version
 *   --only a,b                      run only these sections: layers, checks, audit, floor, turf, risk (default all)
 *   --quiet-load L                  before each timed section wait (≤ 2 min) for the 1-min load average to drop
 *                                   below L (default 2.5 on this 2-core machine; 0 = never wait)
 */
import type { TargetKind } from './targets.ts';

export const SECTIONS = ['layers', 'checks', 'audit', 'floor', 'turf', 'risk'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Options {
  targets: TargetKind[];
  rights?: number;
  reuse: boolean;
  only: Set<Section>;
  quietLoad: number;
}

export function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    if (at < 0) return undefined;
    const v = argv[at + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const known = new Set(['--target', '--rights', '--reuse', '--only', '--quiet-load']);
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}`);

  const target = value('--target') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(target)) throw new Error('--target must be pglite, postgres or both');
  const rightsText = value('--rights');
  const rights = rightsText === undefined ? undefined : Number(rightsText.replace(/[_,]/g, ''));
  if (rights !== undefined && !(Number.isInteger(rights) && rights >= 1000)) throw new Error('--rights must be an integer ≥ 1000');
  const only = new Set((value('--only') ?? SECTIONS.join(',')).split(',') as Section[]);
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}; expected ${SECTIONS.join(', ')}`);
  return {
    targets: target === 'both' ? ['postgres', 'pglite'] : [target as TargetKind],
    rights,
    reuse: argv.includes('--reuse'),
    only,
    quietLoad: Number(value('--quiet-load') ?? 2.5),
  };
}

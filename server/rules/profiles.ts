/**
 * Rule profiles (data/profiles/*.json): regional overrides of rule parameters, validated by each rule's own schema.
 * Defaults live in the rules; a profile only says what differs in its region.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { repoRoot } from '../config.ts';
import { rows, type Executor } from '../db/client.ts';
import { ruleById } from './registry.ts';
import type { RuleDefinition } from './types.ts';

export const profilesDir = path.join(repoRoot, 'data', 'profiles');
export const DEFAULT_PROFILE = 'national';

const profileFile = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    title: z.object({ zh: z.string(), en: z.string() }),
    description: z.string().optional(),
    match: z.object({ adminCodePrefixes: z.array(z.string().regex(/^\d{2,9}$/)) }),
    rules: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .strict();

export type Profile = z.infer<typeof profileFile>;

export interface ProfileSet {
  byName: Map<string, Profile>;
  /** Parameters in force for a rule under a profile (defaults merged with the profile's overrides). */
  paramsFor(rule: RuleDefinition, profileName: string): Record<string, unknown>;
  /** The most specific profile whose prefixes match a division code; the national one otherwise. */
  forAdminCode(code: string | null | undefined): Profile;
}

/** Loads and validates every profile; a typo in a rule id or parameter is an error at start-up, not a silent default. */
export function loadProfiles(dir = profilesDir): ProfileSet {
  const byName = new Map<string, Profile>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const where = path.join(path.basename(dir), file);
    const parsed = profileFile.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
    const profile = parsed.data;
    for (const [ruleId, overrides] of Object.entries(profile.rules)) {
      const rule = ruleById.get(ruleId);
      if (!rule) throw new Error(`${where}: unknown rule "${ruleId}"`);
      const checked = rule.params.strict().safeParse(overrides);
      if (!checked.success) throw new Error(`${where}: rules.${ruleId}: ${z.prettifyError(checked.error)}`);
    }
    byName.set(profile.name, profile);
  }
  if (!byName.has(DEFAULT_PROFILE)) throw new Error(`${dir}: the "${DEFAULT_PROFILE}" profile is missing`);

  const cache = new Map<string, Record<string, unknown>>();
  return {
    byName,
    paramsFor(rule, profileName) {
      const key = `${rule.id}\u0000${profileName}`;
      let params = cache.get(key);
      if (!params) {
        const overrides = byName.get(profileName)?.rules[rule.id] ?? {};
        params = rule.params.parse(overrides) as Record<string, unknown>;
        cache.set(key, params);
      }
      return params;
    },
    forAdminCode(code) {
      let best = byName.get(DEFAULT_PROFILE)!;
      let bestLength = 0;
      for (const profile of byName.values()) {
        for (const prefix of profile.match.adminCodePrefixes) {
          if (code?.startsWith(prefix) && prefix.length > bestLength) [best, bestLength] = [profile, prefix.length];
        }
      }
      return best;
    },
  };
}

/**
 * The division code of the county containing a point on `geom`'s surface, the lowest where counties overlap (NULL
 * outside every county), as a scalar subquery: a check reads it with the rules' applicability, in one query.
 */
export function countyCodeAt(geom: SQL): SQL {
  return sql`(SELECT a.code FROM admin_areas a, (SELECT ST_PointOnSurface(${geom}) AS pt) p
              WHERE a.level = 'county' AND a.geom && p.pt AND ST_Intersects(a.geom, p.pt)
              ORDER BY a.code LIMIT 1)`;
}

/** Division code of the county containing a point on the geometry's surface (null outside every county). */
export async function countyCodeOf(db: Executor, geometry: unknown): Promise<string | null> {
  const [row] = await rows<{ code: string | null }>(db, sql`SELECT ${countyCodeAt(sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}::text), 4326)`)} AS code`);
  return row?.code ?? null;
}

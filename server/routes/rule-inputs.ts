/**
 * Request pieces shared by every route that runs rules (checks, audits, proposal checks).
 */
import { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import type { ProfileSet } from '../rules/profiles.ts';
import { ruleById } from '../rules/registry.ts';

/** Optional list of rule ids; an unknown id is a 400 naming its position. */
export const ruleIdsSchema = z
  .array(z.string())
  .optional()
  .superRefine((ids, ctx) => {
    for (const [i, id] of (ids ?? []).entries()) {
      if (!ruleById.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown rule id "${id}"` });
    }
  });

export function assertKnownProfile(profiles: ProfileSet, name: string | undefined): void {
  if (name !== undefined && !profiles.byName.has(name)) {
    throw new ApiError(400, `unknown profile "${name}"`, [{ field: 'profile', problem: `expected one of ${[...profiles.byName.keys()].join(', ')}` }]);
  }
}

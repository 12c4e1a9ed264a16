/**
 * zod validation at the edge, reporting through the one error path (`{ error, details }`, HTTP 400).
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError, zodDetails } from './errors.ts';

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new ApiError(400, `invalid request ${target}`, zodDetails(result.error));
  });
}

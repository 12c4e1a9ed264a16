/**
 * The one error path: anything thrown in a route becomes `{ error, details }` with the right HTTP status.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorDetail {
  /** Index of the feature in the request (0-based), when the problem belongs to one. */
  feature?: number;
  id?: string;
  /** 1-based line of pasted text (corner-point tables), when the problem belongs to one. */
  line?: number;
  /** Dotted path of the offending field, e.g. `properties.capacityWanTpa` or `geometry.coordinates[0]`. */
  field?: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export function zodDetails(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, base: Omit<ErrorDetail, 'problem' | 'field'> = {}, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    ...base,
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || undefined,
    problem: issue.message,
  }));
}

export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return c.json({ error: error.message, details: error.details }, error.status);
  if (error instanceof ZodError) return c.json({ error: 'invalid request', details: zodDetails(error) }, 400);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const message = status === 413 ? 'request body too large' : error.message || 'request failed';
    return c.json({ error: message, details: [] }, status);
  }
  console.error(error);
  return c.json({ error: 'internal error', details: [{ problem: error.message }] }, 500);
}

/**
 * The typed API client, generated from the server's `AppType` (server/app.ts). Every request goes through it: no
 * hand-written URLs in the web app.
 */
import { hc } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import { config } from '../config.ts';

export const client = hc<AppType>(config.apiBase);

/** A failed API call, with the server's `{ error, details }` message when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Throws an ApiRequestError for a non-2xx response; returns the response otherwise. */
export async function ensureOk<R extends Response>(res: R): Promise<R> {
  if (res.ok) return res;
  let message = `HTTP ${res.status} ${res.statusText}`.trim();
  let details: unknown[] = [];
  try {
    const body = (await res.clone().json()) as { error?: string; details?: unknown[] };
    if (body?.error) message = body.error;
    if (Array.isArray(body?.details)) details = body.details;
  } catch {
    // Not JSON (a proxy error page, say): keep the status line.
  }
  throw new ApiRequestError(message, res.status, details);
}

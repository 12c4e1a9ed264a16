/**
 * The HTTP application: sub-apps per resource mounted under /api, one error handler, and (in production) the built
 * web app. `AppType` is what the web's typed client (`hc<AppType>`) is generated from.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { ApiError, handleError } from './http/errors.ts';
import type { Deps } from './routes/deps.ts';
import { cornersRoutes } from './routes/corners.ts';
import { healthRoutes } from './routes/health.ts';
import { layersRoutes } from './routes/layers.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { proposalsRoutes } from './routes/proposals.ts';
import { riskRoutes } from './routes/risk.ts';
import { rulesRoutes } from './routes/rules.ts';

export function createApi(deps: Deps) {
  return new Hono()
    // Answers are JSON with much repetition (a province's risk map is ~3 MB, ~10× smaller gzipped).
    .use('*', compress())
    .use(
      '*',
      bodyLimit({
        maxSize: deps.config.maxBodyBytes,
        onError: () => {
          throw new ApiError(413, 'request body too large', [{ problem: `the limit is ${deps.config.maxBodyBytes} bytes; split the upload` }]);
        },
      }),
    )
    .route('/health', healthRoutes(deps))
    .route('/layers', layersRoutes(deps))
    .route('/', rulesRoutes(deps))
    .route('/corners', cornersRoutes(deps))
    .route('/proposals', proposalsRoutes(deps))
    .route('/risk', riskRoutes(deps))
    .route('/ledger', ledgerRoutes(deps))
    .notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}`, details: [] }, 404))
    .onError(handleError);
}

export function createApp(deps: Deps) {
  return new Hono().route('/api', createApi(deps)).onError(handleError);
}

export type AppType = ReturnType<typeof createApp>;

/**
 * The whole site on one port: the API under /api and the built web app (web/dist) for everything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { createApp } from './app.ts';
import { repoRoot } from './config.ts';

export const webDist = path.join(repoRoot, 'web', 'dist');

export function createSite(app: ReturnType<typeof createApp>) {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    console.warn('web/dist is missing: run `npm run build` (npm start does) to serve the map.');
  }
  const root = path.relative(process.cwd(), webDist);
  return (
    new Hono()
      .route('/', app)
      .use('/*', serveStatic({ root }))
      // Client-side routes (the URL keeps the map view) all load the same page.
      .get('*', serveStatic({ root, path: 'index.html' }))
  );
}

/**
 * `npm start` builds the web app only when web/dist is missing or older than its sources, so a second start is fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './config.ts';

const webDir = path.join(repoRoot, 'web');
const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(webDir, p));

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs);
}

export async function ensureWebBuild(): Promise<'fresh' | 'built'> {
  const index = path.join(webDir, 'dist', 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return 'fresh';
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

/**
 * The web app build: `npm run build` = `vite build --config web/vite.config.ts` → web/dist, which server/site.ts
 * serves next to the API. `npx vite --config web/vite.config.ts` runs a dev server that proxies /api to `npm run dev`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    // maplibre-gl and deck.gl are large by nature; one map chunk is expected.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

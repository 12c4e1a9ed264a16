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
    // maplibre-gl and deck.gl are large by nature.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The big libraries in chunks of their own: the browser compiles each loaded script on its own background
        // thread, so four scripts are ready sooner than one of the same size (/risk ready 0.2–0.8 s sooner in
        // headless Chromium on 2 cores), and a new app build leaves the libraries' cached chunks valid.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'deck', test: /node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl|mjolnir\.js)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

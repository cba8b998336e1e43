import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/* The web client: Preact through Vite 8's own JSX transform (Oxc), no plugin needed. The output is
   static files (web/dist) that the local runtime serves, and that CloudFront serves in AWS beside a
   config.json written per stage. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: {
    // `npm start` serves the API, config.json and openapi.json; the dev server forwards to it.
    proxy: { '/jobs': 'http://127.0.0.1:8787', '/local': 'http://127.0.0.1:8787', '/config.json': 'http://127.0.0.1:8787', '/openapi.json': 'http://127.0.0.1:8787' },
  },
});

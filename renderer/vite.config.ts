import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const rendererDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(rendererDir, '..');

/**
 * The renderer is loaded from file:// in Electron and from the web host's root in the browser, so
 * every asset URL is relative (`base: './'`). It imports pure modules from core/ (types, the
 * PoseApi contract, the keypoint schema), which is why the dev server may read the repo root.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: path.join(repoRoot, 'dist-renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: { fs: { allow: [repoRoot] } },
});

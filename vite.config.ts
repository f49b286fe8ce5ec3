/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './vite-plugins/service-worker.js';

// vitest 5 prints its failure summary with Map.groupBy (Node ≥ 21); CI runs Node 20, where a
// failing test would otherwise crash the reporter instead of showing what failed.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const out = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

// The studio. `CARRYOVER_BASE` sets the sub-path for GitHub Pages (e.g. /carryover/).
export default defineConfig({
  base: process.env.CARRYOVER_BASE ?? '/',
  // serviceWorker: sw.js precaching the whole build, for offline use (issue 8).
  plugins: [svelte(), serviceWorker()],
  // Partial plotly.js expects Node's `global` (TOOLCHAIN.md pitfall 4).
  define: { global: 'globalThis' },
  resolve: {
    alias: {
      // Partial plotly.js requires maplibre's CSS unconditionally; we draw no maps (pitfall 5).
      'maplibre-gl/dist/maplibre-gl.css': fileURLToPath(new URL('./src/app/lib/empty.css', import.meta.url)),
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Never inline .wasm as data: URLs (pitfall 2); they are fetched and compiled streaming.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
    chunkSizeWarningLimit: 2000,
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two groups run one after the other: Node tests spread over both cores, then the
    // browser tests one file at a time (each drives its own Chromium against one preview
    // server, and a waiting browser file would only hold a worker).
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

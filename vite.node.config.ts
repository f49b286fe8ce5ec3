import { defineConfig } from 'vite';

// The headless side: the CLI, the worker_threads chain worker and the benchmarks, bundled
// for Node so `npx carryover` runs from a clean clone without a TypeScript loader.
export default defineConfig({
  // The Node bundle needs none of public/ (demo, icons, holidays are for the studio).
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist-node',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        carryover: 'src/cli/main.ts',
        'chain-worker': 'src/node/chain-worker.ts',
        bench: 'bench/index.ts',
        'mta-bench-worker': 'bench/mta-worker.ts',
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
  ssr: { noExternal: true, external: ['node:fs', 'node:path', 'node:url', 'node:worker_threads', 'node:os'] },
});

// Issue 2 acceptance 5 (browser half): the same seed and settings give the same draws, bit for
// bit, in headless Chromium's Web Workers as in Node, with pool sizes 1, 2 and 4 and two
// chunk sizes.
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { chainJobs } from '../../src/engine/fit';
import { packMmm } from '../../src/engine/mmm/pack';
import { defaultModelSpec } from '../../src/model/spec';
import { createInProcessPool } from '../../src/node/node-pool';
import { MMM_EXAMPLE, wideCsvDataset } from '../helpers/csv-dataset';
import { REPO_ROOT, useBrowser } from './harness';

async function buildEnginePage(): Promise<string> {
  const outDir = path.join(REPO_ROOT, 'test-results', 'pages', 'engine-page');
  await build({
    configFile: false,
    root: path.join(__dirname, 'engine-page'),
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
    },
  });
  return outDir;
}

const browser = useBrowser({ serve: buildEnginePage, readySelector: '[data-testid="engine-page"]' });

const settings = { chains: 4, warmup: 60, draws: 40, seed: 99, adapt_delta: 0.8, max_treedepth: 6, metric: 'diag_e' as const };

describe('engine in Chromium', () => {
  it('draws equal Node bit for bit for pool sizes 1, 2, 4 and chunk sizes 50 and 7', async () => {
    const data = wideCsvDataset(MMM_EXAMPLE.rel, MMM_EXAMPLE.roles);
    const packed = packMmm(data, defaultModelSpec(data));
    if ('errors' in packed) throw new Error(packed.errors[0].message);
    const node = (await createInProcessPool().run(chainJobs(packed.block, settings, 50))).map(
      (r) =>
        Buffer.from(r.draws.buffer, r.draws.byteOffset, r.draws.byteLength).toString('base64') +
        '|' +
        Buffer.from(r.stats.buffer, r.stats.byteOffset, r.stats.byteLength).toString('base64'),
    );
    const page = await browser().open();
    for (const [size, chunk] of [
      [1, 50],
      [2, 7],
      [4, 50],
    ] as const) {
      const got = await page.evaluate(
        ([block, s, c, n]) =>
          (window as unknown as { carryoverEngine: { runChains(b: number[], s: unknown, c: number, n: number): Promise<string[]> } }).carryoverEngine.runChains(block, s, c, n),
        [Array.from(packed.block), settings, chunk, size] as const,
      );
      expect(got, `pool ${size}, chunk ${chunk}`).toEqual(node);
    }
  }, 240_000);
});

// The studio's FitRunner over the engine: a Web Worker pool sized to the chains (at most
// one worker per core), fitMmm for packing, sampling and InferenceData assembly. The pool
// lives for one fit: disposing it terminates the workers, which is also how a cancel stops
// a chain mid-chunk (src/engine/pool.ts).
import { createBrowserPool } from '../../engine/browser-pool';
import { FitInputError, fitMmm } from '../../engine/fit';
import type { FitRunner } from './runner';

export const engineRunner: FitRunner = {
  async run(req, hooks) {
    const pool = createBrowserPool(req.settings.chains);
    try {
      const out = await fitMmm(pool, req.dataset, req.spec, req.settings, { onProgress: hooks.onProgress, signal: hooks.signal });
      return {
        ok: true,
        idata: out.idata,
        timings: { wall_seconds: out.wallMs / 1000, chain_seconds: out.results.map((r) => r.wall_ms / 1000) },
        chainErrors: out.failedChains.map((f) => ({
          // The engine's message starts with "chain N: " (or "chain N, iteration K: "); say the chain once.
          message: `Chain ${f.chain + 1} failed and was left out: ${f.error.replace(/^chain \d+(, )?(: )?/, '')}`,
          hint: 'The other chains were kept. Check the priors of the parameters named, or try another seed.',
          severity: 'warning' as const,
        })),
      };
    } catch (e) {
      if (e instanceof FitInputError) return { ok: false, errors: e.errors };
      throw e;
    } finally {
      pool.dispose();
    }
  },
};

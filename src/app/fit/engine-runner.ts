// INTEGRATION POINT (issue 3 ↔ the lead's chain pool): the studio's FitRunner over the
// engine. The pool (src/engine/pool.ts + browser-pool.ts) and the MMM packing are still
// landing; until a fit entry point that returns InferenceData is committed, this runner
// reports that fitting is unavailable instead of inventing a result.
import type { FitRunner } from './runner';

export const engineRunner: FitRunner = {
  async run() {
    return {
      ok: false,
      errors: [
        {
          message: 'Fitting is not available in this build yet: the in-browser sampler is not wired to the studio.',
          hint: 'Saved runs can still be imported and opened in the Runs library.',
          severity: 'error',
        },
      ],
    };
  },
};

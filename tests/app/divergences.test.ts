// The Fit step's divergence count: the engine's running count includes warmup, but only the
// kept draws' divergences matter (Diagnostics counts those). Against a scripted fit: reports
// during warmup, one exactly at its end, one in sampling, then the fit's InferenceData; the
// split must equal the counts the reports and the kept draws imply.
import { describe, expect, it } from 'vitest';
import type { ChainProgress, Dataset, InferenceData, ModelSpec } from '../../src/core/types';
import { divergenceSplit, divergenceText, keptDivergences } from '../../src/app/fit/divergences';
import { runChainHealth } from '../../src/app/diagnostics/compute';
import type { FitHooks, FitOutcome, FitRequest, FitRunner } from '../../src/app/fit/runner';
import { FitState } from '../../src/app/state/fit.svelte';
import { BusyRegistry } from '../../src/pwa/busy.svelte';

const rep = (chain: number, iteration: number, divergences: number, phase: ChainProgress['phase']): ChainProgress => ({
  chain, phase, iteration, total: 400, divergences, step_size: 0.2, elapsed_ms: 5,
});

class Runner implements FitRunner {
  hooks: FitHooks | null = null;
  end: ((o: FitOutcome) => void) | null = null;
  run(_req: FitRequest, hooks: FitHooks): Promise<FitOutcome> {
    this.hooks = hooks;
    return new Promise((r) => (this.end = r));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 40));

/** idata with chains 0 and 1 whose kept draws diverge at the given indices. */
function idataWith(divergent: number[][], draws = 200): InferenceData {
  return {
    coords: { chain: divergent.map((_, c) => c) },
    sample_stats: { diverging: divergent.map((idx) => Array.from({ length: draws }, (_, i) => (idx.includes(i) ? 1 : 0))) },
  } as unknown as InferenceData;
}

describe('divergences split into warmup and sampling', () => {
  it('kept draws counted per chain from sample_stats.diverging', () => {
    expect([...keptDivergences(idataWith([[3, 9], []]))]).toEqual([[0, 2], [1, 0]]);
  });

  it("the Fit step's count is the Diagnostics step's (chainHealth), keyed by the chains' numbers", () => {
    const idata = idataWith([[0, 5, 199], [7], []]);
    (idata.coords as { chain: number[] }).chain = [0, 2, 3]; // chain 1 failed and was left out
    const health = runChainHealth(idata);
    expect([...keptDivergences(idata)]).toEqual([[0, 3], [2, 1], [3, 0]]);
    expect(health.map((h) => h.divergences)).toEqual([3, 1, 0]);
    // Not chain × draw, or no statistic: nothing known, so the progress reports' split stays.
    expect(keptDivergences({ coords: { chain: [0] }, sample_stats: { diverging: [1, 0] } } as unknown as InferenceData).size).toBe(0);
    expect(keptDivergences({ coords: { chain: [0] }, sample_stats: {} } as unknown as InferenceData).size).toBe(0);
  });

  it('the demo case: 5 and 6 divergences all in warmup show 0 after warmup, the 5 and 6 as discarded', async () => {
    const runner = new Runner();
    const fit = new FitState(runner, new BusyRegistry());
    fit.chooseSettings({ chains: 2, warmup: 200, draws: 200 });
    const out = fit.start({} as Dataset, {} as ModelSpec);
    runner.hooks!.onProgress(rep(0, 100, 3, 'warmup'));
    runner.hooks!.onProgress(rep(1, 100, 6, 'warmup'));
    await settle();
    expect(divergenceText(fit.divergences(fit.progress[0]), 'warmup')).toEqual({ main: '3 divergences in warmup', bad: false, note: '' });
    runner.hooks!.onProgress(rep(0, 200, 5, 'sampling')); // the report at the end of warmup: still warmup's count
    await settle();
    runner.hooks!.onProgress(rep(0, 300, 5, 'sampling'));
    runner.hooks!.onProgress(rep(1, 300, 7, 'sampling')); // a chunk straddling the end: 1 more, provisional
    await settle();
    expect(fit.divergences(fit.progress[0])).toEqual({ warmup: 5, sampling: 0, exact: false });
    expect(fit.divergences(fit.progress[1])).toEqual({ warmup: 6, sampling: 1, exact: false });
    runner.hooks!.onProgress(rep(0, 400, 5, 'done'));
    runner.hooks!.onProgress(rep(1, 400, 7, 'done'));
    await settle();
    // The kept draws say chain 2's extra divergence was in warmup after all.
    runner.end!({ ok: true, idata: idataWith([[], []]), timings: {} as never, chainErrors: [] });
    await out;
    const s0 = fit.divergences(fit.progress[0]);
    const s1 = fit.divergences(fit.progress[1]);
    expect(s0).toEqual({ warmup: 5, sampling: 0, exact: true });
    expect(s1).toEqual({ warmup: 7, sampling: 0, exact: true });
    expect(divergenceText(s0, 'done')).toEqual({ main: '0 divergences', bad: false, note: '(+5 in warmup, discarded)' });
  });

  it('divergences after warmup are red and counted from the kept draws', () => {
    const s = divergenceSplit(rep(0, 400, 9, 'done'), 4, 5);
    expect(s).toEqual({ warmup: 4, sampling: 5, exact: true });
    expect(divergenceText(s, 'done')).toEqual({ main: '5 divergences', bad: true, note: '(+4 in warmup, discarded)' });
    expect(divergenceText({ warmup: 0, sampling: 1, exact: true }, 'done')).toEqual({ main: '1 divergence', bad: true, note: '' });
  });
});

describe('divergences without a split (refit progress)', () => {
  it('says warmup is included and is not an alarm', async () => {
    const { unsplitDivergenceText } = await import('../../src/app/fit/divergences');
    expect(unsplitDivergenceText(rep(0, 100, 5, 'warmup'))).toBe('5 divergences in warmup');
    expect(unsplitDivergenceText(rep(0, 300, 1, 'sampling'))).toBe('1 divergence, warmup included');
    expect(unsplitDivergenceText(rep(0, 400, 0, 'done'))).toBe('0 divergences, warmup included');
  });
});

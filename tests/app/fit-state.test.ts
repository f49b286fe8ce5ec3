// The Fit step's state against a scripted runner: it holds the PWA busy flag for exactly as
// long as a fit runs — released when the fit ends, fails or is cancelled — so an update
// never switches versions mid-fit; and the demo's sampler settings: the seed demo.json fixes
// and the defaults, except what the user typed on the Fit step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLER, type Dataset, type ModelSpec, type SamplerSettings } from '../../src/core/types';
import { demoSeed, demoSettings } from '../../src/app/fit/demo-settings';
import type { FitHooks, FitOutcome, FitRequest, FitRunner } from '../../src/app/fit/runner';
import { FIT_BUSY_REASON, FitState } from '../../src/app/state/fit.svelte';
import { BusyRegistry } from '../../src/pwa/busy.svelte';

/** A runner whose fit ends when the test says so. */
class ScriptedRunner implements FitRunner {
  req: FitRequest | null = null;
  hooks: FitHooks | null = null;
  #end: ((o: FitOutcome) => void) | null = null;
  #fail: ((e: unknown) => void) | null = null;
  run(req: FitRequest, hooks: FitHooks): Promise<FitOutcome> {
    this.req = req;
    this.hooks = hooks;
    return new Promise((resolve, reject) => {
      this.#end = resolve;
      this.#fail = reject;
      hooks.signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
  }
  finish(o: FitOutcome) {
    this.#end!(o);
  }
  crash(e: Error) {
    this.#fail!(e);
  }
}

const dataset = {} as Dataset;
const spec = {} as ModelSpec;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the fit holds the busy flag while it runs', () => {
  for (const ending of ['done', 'failed', 'crashed', 'cancelled'] as const) {
    it(`held from start until the fit is ${ending}`, async () => {
      const flag = new BusyRegistry();
      const runner = new ScriptedRunner();
      const fit = new FitState(runner, flag);
      expect(flag.active).toBe(false);
      const outcome = fit.start(dataset, spec);
      expect(flag.active).toBe(true);
      expect(flag.reasons).toEqual([FIT_BUSY_REASON]);
      await tick();
      expect(flag.active).toBe(true);
      if (ending === 'done') runner.finish({ ok: true, idata: {} as never, timings: {} as never, chainErrors: [] });
      if (ending === 'failed') runner.finish({ ok: false, errors: [{ message: 'no', severity: 'error' }] });
      if (ending === 'crashed') runner.crash(new Error('worker died'));
      if (ending === 'cancelled') fit.cancel();
      await outcome;
      expect(fit.status).toBe(ending === 'crashed' ? 'failed' : ending);
      expect(flag.active).toBe(false);
      expect(flag.reasons).toEqual([]);
    });
  }

  it('a second start while running neither starts a fit nor holds twice', async () => {
    const flag = new BusyRegistry();
    const runner = new ScriptedRunner();
    const fit = new FitState(runner, flag);
    const first = fit.start(dataset, spec);
    await expect(fit.start(dataset, spec)).resolves.toBeNull();
    expect(flag.reasons).toEqual([FIT_BUSY_REASON]);
    runner.finish({ ok: false, errors: [] });
    await first;
    expect(flag.active).toBe(false);
  });
});

describe("the demo's sampler settings", () => {
  const demoJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../public/demo/demo.json'), 'utf8'));

  it('demo.json fixes a valid seed; a missing or bad one is reported against the file', () => {
    const s = demoSeed(demoJson);
    expect(s.ok).toBe(true);
    for (const bad of [undefined, -1, 1.5, '7', 2 ** 31]) {
      const r = demoSeed({ ...demoJson, seed: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ file: 'demo/demo.json', column: 'seed' });
    }
  });

  it('untouched settings: the defaults and the demo seed, whatever a restored session or opened run left', () => {
    const fit = new FitState(new ScriptedRunner(), new BusyRegistry());
    fit.updateSettings({ chains: 2, warmup: 300, draws: 300, seed: 99 });
    expect(fit.chosen.size).toBe(0);
    expect(demoSettings(fit.settings, fit.chosen, 20181)).toEqual({ ...DEFAULT_SAMPLER, seed: 20181 });
  });

  it('settings typed on the Fit step win, field by field; setting them for the user clears the choice', () => {
    const fit = new FitState(new ScriptedRunner(), new BusyRegistry());
    fit.chooseSettings({ chains: 2, warmup: 150 });
    let s: SamplerSettings = demoSettings(fit.settings, fit.chosen, 20181);
    expect(s).toEqual({ ...DEFAULT_SAMPLER, chains: 2, warmup: 150, seed: 20181 });
    fit.chooseSettings({ seed: 7 });
    s = demoSettings(fit.settings, fit.chosen, 20181);
    expect(s).toEqual({ ...DEFAULT_SAMPLER, chains: 2, warmup: 150, seed: 7 });
    // The demo's own settings keep the user's choices (same values), so a second demo fit is the same.
    fit.updateSettings(s);
    expect([...fit.chosen].sort()).toEqual(['chains', 'seed', 'warmup']);
    expect(demoSettings(fit.settings, fit.chosen, 20181)).toEqual(s);
    // An opened run replaces the shown warmup: that value is no longer the user's.
    fit.updateSettings({ warmup: 1000 });
    expect([...fit.chosen].sort()).toEqual(['chains', 'seed']);
  });
});

describe('progress belongs to the fit that reported it', () => {
  /** A runner that keeps each fit's progress callback, to report late as workers do. */
  class LateRunner extends ScriptedRunner {
    reporters: FitHooks['onProgress'][] = [];
    run(req: FitRequest, hooks: FitHooks): Promise<FitOutcome> {
      this.reporters.push(hooks.onProgress);
      return super.run(req, hooks);
    }
  }
  const report = (chain: number, iteration: number) => ({ chain, phase: 'warmup' as const, iteration, total: 100, divergences: 0, step_size: 0.1, elapsed_ms: 10 });
  const settle = () => new Promise((r) => setTimeout(r, 40));

  it('a cancelled fit reports nothing more; the next fit shows only its own chains', async () => {
    const runner = new LateRunner();
    const fit = new FitState(runner, new BusyRegistry());
    fit.chooseSettings({ chains: 2, warmup: 50, draws: 50 });
    const first = fit.start(dataset, spec);
    runner.reporters[0](report(0, 30));
    await settle();
    expect(fit.progress[0].iteration).toBe(30);
    runner.reporters[0](report(1, 40)); // pending when the fit is cancelled: dropped too
    fit.cancel();
    await first;
    runner.reporters[0](report(0, 60)); // a worker still reporting after the cancel
    await settle();
    expect(fit.status).toBe('cancelled');
    expect(fit.progress.map((p) => p.iteration)).toEqual([30, 0]);

    const second = fit.start(dataset, spec);
    runner.reporters[0](report(1, 90)); // the old fit again, during the new one
    runner.reporters[1](report(0, 5));
    await settle();
    expect(fit.progress.map((p) => p.iteration)).toEqual([5, 0]);
    runner.finish({ ok: false, errors: [] });
    await second;
  });
});

describe('chains in the results are shown as done', () => {
  it('even when their last progress report has not arrived; a chain left out keeps its last report', async () => {
    const runner = new ScriptedRunner();
    const fit = new FitState(runner, new BusyRegistry());
    fit.updateSettings({ chains: 3, warmup: 10, draws: 10 });
    const outcome = fit.start(dataset, spec);
    await tick();
    const report = (chain: number, phase: 'init' | 'sampling' | 'done', iteration: number) => ({ chain, phase, iteration, total: 20, divergences: 0, step_size: 0.1, elapsed_ms: 5 });
    // Chain 1 failed at init; chains 0 and 2 finished, but chain 0's 'done' report is still in flight.
    runner.hooks!.onProgress!(report(0, 'sampling', 12));
    runner.hooks!.onProgress!(report(1, 'init', 0));
    runner.hooks!.onProgress!(report(2, 'done', 20));
    runner.finish({ ok: true, idata: { coords: { chain: [0, 2] } } as never, timings: {} as never, chainErrors: [] });
    await outcome;
    expect(fit.progress.map((p) => p.phase)).toEqual(['done', 'init', 'done']);
    expect(fit.progress.map((p) => p.iteration)).toEqual([20, 0, 20]);
  });
});

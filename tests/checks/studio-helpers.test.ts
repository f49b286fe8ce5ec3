// The studio side's pure helpers: default refit settings (the run's, capped at
// 4 × (500 + 500), same seed) and the hold-out figure (labelled as Plot.svelte demands,
// observations split at the 90% band, title count = the coverage it shows).
import { describe, expect, it } from 'vitest';
import { defaultRefitSettings, describeSettings } from '../../src/app/checks/defaults';
import { holdoutFigure, insideCount } from '../../src/app/checks/figures';
import { labelProblems } from '../../src/app/lib/plot-spec';
import type { HoldoutResult, PredictiveBands } from '../../src/checks';
import type { InferenceData } from '../../src/core/types';

const run = (chains: number, warmup: number, draws: number) =>
  ({ attrs: { seed: 42, sampler: { chains, warmup, draws, adapt_delta: 0.9, max_treedepth: 12, metric: 'diag_e' } } }) as unknown as InferenceData;

describe('default refit settings', () => {
  it("are the run's, capped at 4 chains × (500 + 500), with its seed", () => {
    expect(defaultRefitSettings(run(4, 1000, 1000))).toEqual({ chains: 4, warmup: 500, draws: 500, seed: 42, adapt_delta: 0.9, max_treedepth: 12, metric: 'diag_e' });
    expect(defaultRefitSettings(run(8, 300, 200))).toMatchObject({ chains: 4, warmup: 300, draws: 200 });
    expect(defaultRefitSettings(run(2, 150, 150))).toMatchObject({ chains: 2, warmup: 150, draws: 150 });
    expect(describeSettings(defaultRefitSettings(run(1, 150, 150)))).toBe('1 chain × (150 warmup + 150 draws), seed 42');
  });
});

describe('hold-out figure', () => {
  const bands = (dates: string[], observed: Array<number | null>, centre: number): PredictiveBands => ({
    dates,
    observed,
    mean: dates.map(() => centre),
    q05: dates.map(() => centre - 10),
    q25: dates.map(() => centre - 3),
    q50: dates.map(() => centre),
    q75: dates.map(() => centre + 3),
    q95: dates.map(() => centre + 10),
  });
  // Held out: 100 (inside), 111 (outside), 90 (inside, on the bound), 80 (outside).
  const forecast = bands(['2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29'], [100, 111, 90, 80], 100);
  const result = { forecast, train_tail: bands(['2023-12-25', '2024-01-01'], [99, 101], 100) } as unknown as HoldoutResult;

  it('counts observations inside the 90% band, bounds included', () => {
    expect(insideCount(forecast)).toBe(2);
  });

  it('is labelled, splits the held-out points at the band, and says the count in the title', () => {
    const fig = holdoutFigure(result, 'revenue');
    expect(labelProblems(fig.data, fig.layout)).toEqual([]);
    expect((fig.layout.title as { text: string }).text).toBe('Held out: 2 of 4 inside 90%');
    const byName = (prefix: string) => fig.data.find((d) => (d as { name?: string }).name?.startsWith(prefix)) as { y: Array<number | null> };
    expect(byName('Held out, inside').y).toEqual([100, null, 90, null]);
    expect(byName('Held out, outside 90% (2)').y).toEqual([null, 111, null, 80]);
    expect((fig.layout.yaxis as { title: { text: string } }).title.text).toBe('revenue');
  });
});

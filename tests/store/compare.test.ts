// Comparing two runs: a run against itself shows no setup difference and equal
// estimates; changed settings are listed; parameters only one run has are kept.
import { describe, expect, it } from 'vitest';
import { compareRuns, estimate } from '../../src/store';
import { fixture } from './helpers';

describe('compareRuns', () => {
  it('a run against itself', () => {
    const c = compareRuns(fixture(), fixture());
    expect(c.sameData).toBe(true);
    expect(c.setup).toEqual([]);
    // 1 intercept + 3 channel variables × 2 + 2 controls + 2 fourier modes + y_sigma
    expect(c.parameters).toHaveLength(12);
    for (const row of c.parameters) expect(row.a).toEqual(row.b);
  });

  it('estimates pool the posterior draws', () => {
    const r = fixture();
    const row = compareRuns(r, r).parameters.find((p) => p.key === 'adstock_alpha[x2]')!;
    const draws = (r.inference_data.posterior.adstock_alpha as number[][][]).flat().map((v) => v[1]);
    expect(draws).toHaveLength(8);
    expect(row.a).toEqual(estimate(draws));
  });

  it('lists what differs', () => {
    const a = fixture();
    const b = fixture();
    b.inference_data.attrs.seed = 7;
    b.inference_data.attrs.model.channels[0].adstock = 'delayed';
    b.dataset.fingerprint = 'other';
    delete (b.inference_data.posterior as Record<string, unknown>).gamma_fourier;
    const c = compareRuns(a, b);
    expect(c.sameData).toBe(false);
    expect(c.setup.map((d) => d.field).sort()).toEqual(['channel x1', 'seed']);
    expect(c.setup.find((d) => d.field === 'seed')).toEqual({ field: 'seed', a: '20260101', b: '7' });
    const fourier = c.parameters.filter((p) => p.key.startsWith('gamma_fourier'));
    expect(fourier).toHaveLength(2);
    for (const f of fourier) expect(f.b).toBeNull();
  });
});

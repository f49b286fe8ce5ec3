// What a user sees of a strongly penalised ridge model (src/ridge/summarise.ts, debias.ts): the
// points stay the chosen model's, the intervals are built on the bias-corrected estimate, every
// channel whose point then lies outside its interval gets a warning saying why, and the same
// seed gives the same result bit for bit.
import { describe, expect, it } from 'vitest';
import { num, pct } from '../../src/core/number-format';
import { Rng } from '../../src/core/rng';
import { refitChosen } from '../../src/ridge/choose';
import { runRidge } from '../../src/ridge/run';
import type { RidgeResult } from '../../src/ridge/types';
import { simulate, truthOptions, type Scenario } from './simulate';

const tv = { alpha: 0.6, kappa: 0.5, beta: 20 };
const radio = { alpha: 0.3, kappa: 0.4, beta: 12 };
const sc: Scenario = { name: 'two channels', T: 156, channels: [tv, radio], phi: 0.6, sigma: 2, follow: 0.7 };
const data = simulate(sc, new Rng(17)).data;
const run = (lambda: number, seed = 4): RidgeResult => {
  const r = runRidge(data, { ...truthOptions(sc, seed, { replicates: 199 }), lambda: [lambda, lambda] });
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r;
};

describe('a strongly penalised ridge model (Robyn lambda 0.01)', () => {
  const strong = run(0.01);

  it('keeps the chosen model as the point: contributions add up to its fitted values', () => {
    const T = data.dates.length;
    const fitted = strong.model.fitted.reduce((a, b) => a + b, 0);
    const media = Object.values(strong.channels).reduce((a, ch) => a + ch.point.contribution, 0);
    expect(Math.abs(strong.model.intercept * T + media - fitted) / fitted).toBeLessThan(1e-12);
    expect(strong.bootstrap.penalty_bias_corrected).toBe(true);
  });

  it('warns for exactly the channels with a point outside its interval, and says which number, which side and why', () => {
    const sides = (v: number, e: { q05: number | null; q95: number | null }) => (v < e.q05! ? 'below' : v > e.q95! ? 'above' : null);
    const outside = Object.entries(strong.channels).map(([name, ch]) => ({
      name,
      found: [
        ['contribution', sides(ch.point.contribution, ch.contribution)],
        ['marginal ROAS', sides(ch.point.marginal_roas, ch.marginal_roas)],
        ['effect share', sides(ch.point.effect_share, ch.effect_share)],
      ].filter(([, side]) => side !== null),
    }));
    // tv is shrunk ~40% here, far more than its interval's half-width (~15%): the case in point.
    expect(outside.find((o) => o.name === 'c1')!.found).toContainEqual(['contribution', 'below']);
    const warned = strong.warnings.filter((w) => /lies (below|above) its 90% interval/.test(w.message));
    expect(warned.map((w) => w.channel).sort()).toEqual(outside.filter((o) => o.found.length > 0).map((o) => o.name).sort());
    for (const w of warned) {
      expect(w.severity).toBe('warning');
      for (const [label, side] of outside.find((o) => o.name === w.channel)!.found) {
        // The number as the table shows it (src/core/number-format.ts: num, pct for the share).
        const ch = strong.channels[w.channel!];
        const shown = label === 'contribution' ? num(ch.point.contribution) : label === 'marginal ROAS' ? num(ch.point.marginal_roas) : pct(ch.point.effect_share);
        expect(w.message).toContain(`${label} ${shown} lies ${side} its 90% interval [`);
      }
      // No raw double ("7222102", "0.2557550624"): five digits from the first nonzero one is not how the studio writes a number.
      expect(w.message + w.hint).not.toMatch(/[1-9]\d{4}|\.\d*[1-9]\d{3}/);
      expect(w.hint).toMatch(/shrinkage taken out/);
    }
  });

  it('uncorrected: no such warning and the flag says so; at Robyn’s least penalty the point sits inside', () => {
    const plain = runRidge(data, { ...truthOptions(sc, 4, { replicates: 199, penalty_bias_correction: false }), lambda: [0.01, 0.01] }) as RidgeResult;
    expect(plain.bootstrap.penalty_bias_corrected).toBe(false);
    expect(plain.warnings.some((w) => /90% interval/.test(w.message))).toBe(false);
    const least = run(0);
    expect(least.bootstrap.penalty_bias_corrected).toBe(true);
    expect(least.warnings.some((w) => /90% interval/.test(w.message))).toBe(false);
    for (const ch of Object.values(least.channels)) {
      expect(ch.contribution.q05!).toBeLessThan(ch.point.contribution);
      expect(ch.point.contribution).toBeLessThan(ch.contribution.q95!);
    }
  });

  it('same seed: the same result bit for bit; picking the chosen model again reproduces it', () => {
    expect(JSON.stringify(run(0.01))).toBe(JSON.stringify(strong));
    const opts = { ...truthOptions(sc, 4, { replicates: 199 }), lambda: [0.01, 0.01] as [number, number] };
    const again = refitChosen(data, opts, strong, strong.chosen, strong.chosen) as RidgeResult;
    expect(JSON.stringify(again)).toBe(JSON.stringify(strong));
  });
});

// Numbers in ridge messages read as the studio writes them elsewhere (src/core/number-format.ts):
// "7.22M", "16.57M", "25.6%", never the raw doubles ("contribution 7222102 lies below
// [16569713, 28045255]"). Expected strings are worked out by hand from num/pct's rules (M from a
// million with 2 decimals, k from ten thousand with 1, 2 decimals from 0.995, else 2 significant
// digits; shares as percent with 1 decimal).
import { describe, expect, it } from 'vitest';
import type { Dataset, Estimate } from '../../src/core/types';
import { Rng } from '../../src/core/rng';
import { digitsApart, numFiner, pctFiner, typed } from '../../src/ridge/message-format';
import { pointOutside } from '../../src/ridge/point-outside';
import { runRidge } from '../../src/ridge/run';
import type { RidgeChannelResult } from '../../src/ridge/types';
import { simulate, type Scenario } from './simulate';

const est = (q05: number, q95: number): Estimate => ({ mean: (q05 + q95) / 2, sd: 1, q05, q50: (q05 + q95) / 2, q95 });

function channel(point: { contribution: number; marginal_roas: number; effect_share: number }, e: { contribution: Estimate; marginal_roas: Estimate; effect_share: Estimate }): RidgeChannelResult {
  const spend = 1e6;
  return {
    spend,
    contribution: e.contribution,
    roas: est(e.contribution.q05! / spend, e.contribution.q95! / spend),
    marginal_roas: e.marginal_roas,
    effect_share: e.effect_share,
    point: { ...point, roas: point.contribution / spend, spend_share: 0.2 },
  };
}

describe('the point-outside-interval warning', () => {
  it("the walk-through's contribution, a marginal ROAS and an effect share, each as the table shows it", () => {
    const tv = channel(
      { contribution: 7222102, marginal_roas: 0.5, effect_share: 0.4 },
      { contribution: est(16569713, 28045255), marginal_roas: est(1.2, 3.4), effect_share: est(0.1, 0.3) },
    );
    const [w] = pointOutside({ tv }, 0.0123);
    expect(w).toMatchObject({ severity: 'warning', channel: 'tv' });
    expect(w.message).toBe(
      'channel "tv": the chosen model\'s contribution 7.22M lies below its 90% interval [16.57M, 28.05M]; ' +
        'its marginal ROAS 0.50 lies below its 90% interval [1.20, 3.40]; its effect share 40.0% lies above its 90% interval [10.0%, 30.0%]',
    );
    expect(w.hint).toMatch(/^The penalty \(lambda 0\.012\) moves/);
  });

  it('k-scale and small numbers; no warning for a channel inside its intervals', () => {
    const radio = channel({ contribution: 52340, marginal_roas: 0.00634, effect_share: 0.05 }, { contribution: est(60000, 71000), marginal_roas: est(0.0082, 0.013), effect_share: est(0.01, 0.2) });
    const ooh = channel({ contribution: 3e6, marginal_roas: 1, effect_share: 0.5 }, { contribution: est(2e6, 4e6), marginal_roas: est(0.5, 2), effect_share: est(0.4, 0.6) });
    const ws = pointOutside({ radio, ooh }, 0.5);
    expect(ws.map((w) => w.channel)).toEqual(['radio']);
    expect(ws[0].message).toBe(
      'channel "radio": the chosen model\'s contribution 52.3k lies below its 90% interval [60.0k, 71.0k]; its marginal ROAS 0.0063 lies below its 90% interval [0.0082, 0.013]',
    );
  });

  it('a point that num shows like the end it crosses gets more decimals, both alike', () => {
    const tv = channel({ contribution: 7222102, marginal_roas: 1, effect_share: 0.1 }, { contribution: est(7224000, 9e6), marginal_roas: est(0.5, 2), effect_share: est(0.05, 0.2) });
    expect(pointOutside({ tv }, 0.5)[0].message).toBe('channel "tv": the chosen model\'s contribution 7.222M lies below its 90% interval [7.224M, 9.000M]');
    const share = channel({ contribution: 1, marginal_roas: 1, effect_share: 0.30004 }, { contribution: est(0, 2), marginal_roas: est(0.5, 2), effect_share: est(0.1, 0.3) });
    expect(pointOutside({ share }, 0.5)[0].message).toBe('channel "share": the chosen model\'s effect share 30.004% lies above its 90% interval [10.000%, 30.000%]');
  });
});

describe('formatting helpers', () => {
  it('numFiner keeps num at extra 0 and adds decimals at the same scale', () => {
    expect([numFiner(7222102, 0), numFiner(7222102, 2), numFiner(16569.7, 1), numFiner(512.3, 1), numFiner(1.5, 1), numFiner(0.00634, 1)]).toEqual(['7.22M', '7.2221M', '16.57k', '512.3', '1.500', '0.00634']);
  });

  it('numFiner and pctFiner read the scale and precision from num/pct: same strings as the rule spelled out, over 1e-9 to 1e10', () => {
    // The rule as written out by hand from num's thresholds (the oracle; the code has no copy).
    const byHand = (v: number, extra: number): string => {
      const a = Math.abs(v);
      if (a >= 1e6) return `${(v / 1e6).toFixed(2 + extra)}M`;
      if (a >= 1e4) return `${(v / 1e3).toFixed(1 + extra)}k`;
      if (a >= 100) return v.toFixed(extra);
      if (a >= 0.995) return v.toFixed(2 + extra);
      return v.toPrecision(2 + extra);
    };
    const values = [0, 0.0999, 0.0995, 0.995, 0.99499, 0.9951, 99.5, 99.99, 9999.4, 9999.96, 999_999, 999_949, 5e-7, 1.25e-8];
    const rng = new Rng(11);
    for (let i = 0; i < 4000; i++) values.push(10 ** (-9 + 19 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1));
    for (const v of values)
      for (let extra = 0; extra <= 6; extra++) {
        expect(numFiner(v, extra), `num ${v} +${extra}`).toBe(byHand(v, extra));
        expect(pctFiner(v / 1e4, extra), `pct ${v / 1e4} +${extra}`).toBe(`${(100 * (v / 1e4)).toFixed(1 + extra)}%`);
      }
  });

  it('digitsApart: the fewest extra decimals that tell two numbers apart, 0 when num already does', () => {
    expect(digitsApart(7222102, 7224000, numFiner)).toBe(1);
    expect(digitsApart(7.2e6, 9e6, numFiner)).toBe(0);
    expect(digitsApart(5, 5, numFiner)).toBe(6);
  });

  it('typed: a setting in the shared format when that is exact, else with the decimals it needs', () => {
    expect([typed(0.9), typed(0), typed(1.5), typed(1.0000001), typed(NaN), typed(25000)]).toEqual(['0.90', '0.0', '1.50', '1.0000001', 'NaN', '25.0k']);
  });
});

describe('input errors', () => {
  const sc: Scenario = { name: 'two channels', T: 60, channels: [{ alpha: 0.5, kappa: 0.5, beta: 10 }, { alpha: 0.3, kappa: 0.4, beta: 8 }], phi: 0, sigma: 1, follow: 0.5 };
  const data = simulate(sc, new Rng(3)).data;
  const withSpend = (c: number, t: number, v: number): Dataset => ({
    ...data,
    channels: data.channels.map((ch, i) => (i === c ? { ...ch, spend: Float64Array.from(ch.spend, (s, k) => (k === t ? v : s)) } : ch)),
  });
  const messages = (r: ReturnType<typeof runRidge>) => ('errors' in r ? r.errors.map((e) => e.message) : []);

  it('a negative spend in the shared format; a NaN stays NaN (num would show "—")', () => {
    expect(messages(runRidge(withSpend(0, 4, -7222102), { seed: 1 }))).toContain(`channel "c1" has spend -7.22M in period 5 (${data.dates[4]})`);
    expect(messages(runRidge(withSpend(1, 0, NaN), { seed: 1 }))).toContain(`channel "c2" has spend NaN in period 1 (${data.dates[0]})`);
  });

  it('a search range as typed: shared format, with the decimals that show why it is rejected', () => {
    expect(messages(runRidge(data, { seed: 1, channels: { c1: { ranges: { adstock_alpha: [0.5, 1.0000001] } } } }))).toEqual(['range [0.50, 1.0000001] of adstock_alpha[c1] is not valid']);
    expect(messages(runRidge(data, { seed: 1, lambda: [0, 1.5] }))).toEqual(['lambda range [0.0, 1.50] is not inside [0, 1]']);
  });
});

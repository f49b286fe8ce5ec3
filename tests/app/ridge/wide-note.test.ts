// The Ridge step's note on intervals that reach 0: said only when one does and the intervals
// were built with the penalty's bias taken out; it names exactly those channels. On a real
// small run on Robyn's data the channels named are those whose q05 is 0 in the result.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../../src/app/ridge/options';
import { roasRows, wideIntervalNote, type RoasRow } from '../../../src/app/ridge/views';
import type { Estimate } from '../../../src/core/types';
import { runRidge } from '../../../src/ridge/run';
import type { RidgeResult } from '../../../src/ridge/types';
import { robynWeekly } from '../../calibration/wide-csv';

const est = (q05: number, q95: number): Estimate => ({ mean: (q05 + q95) / 2, sd: 1, q05, q50: (q05 + q95) / 2, q95 });
const row = (channel: string, roas: Estimate): RoasRow =>
  ({ channel, roas, point: { roas: 1, contribution: 1, marginal_roas: 1, effect_share: 0.1 } }) as unknown as RoasRow;

describe('wide ridge intervals explained next to the chart', () => {
  it('no note when every interval stays above 0, or without the bias correction', () => {
    expect(wideIntervalNote([row('tv', est(1, 3)), row('ooh', est(0.4, 1.9))], 0.09, true)).toBeNull();
    expect(wideIntervalNote([row('tv', est(0, 3))], 0.09, false)).toBeNull();
  });

  it('names the channels whose interval starts at 0, in the table order', () => {
    const rows = [row('tv', est(5.4, 9.1)), row('facebook', est(0, 9.5)), row('print', est(1, 24)), row('search', est(0, 11.1))];
    expect(wideIntervalNote(rows, 0.092, true)).toBe(
      'The ROAS intervals of facebook and search start at 0: the penalty (λ 0.0920) shrinks every point toward 0, but the intervals are built ' +
        'with that shrinkage taken out, so they are as wide as the data alone allows. ' +
        "This data cannot tell these channels' return from 0; a lift test, or the Bayesian fit with its priors, narrows them.",
    );
    expect(wideIntervalNote([row('search', est(0, 11))], 0.5, true)).toMatch(/^The ROAS interval of search starts at 0: .*that channel's return from 0; .* narrows it\.$/);
  });

  it("on a small run on Robyn's data: exactly the channels whose q05 is 0", () => {
    const data = robynWeekly();
    const r = runRidge(data, ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 77, population: 16, generations: 6, replicates: 60 }, data, null)) as RidgeResult;
    const rows = roasRows(r, null);
    const zero = rows.filter((x) => x.roas.q05 === 0).map((x) => x.channel);
    expect(zero).toEqual(['facebook_S', 'search_S']); // this seed's case: the note must apply
    const note = wideIntervalNote(rows, r.model.hyper.lambda, r.bootstrap.penalty_bias_corrected);
    for (const c of rows.map((x) => x.channel)) expect(note!.includes(` ${c}`)).toBe(zero.includes(c));
  });
});

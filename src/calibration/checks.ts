// Consistency checks every mapped lift test must pass before it joins the likelihood
// (MODEL.md §6: |Δy| ~ Gamma(mean = |lift|, sd = σ) needs Δy ≠ 0, σ > 0, and a lift whose
// sign can follow from a monotone response curve).
import type { Dataset } from '../core/types';
import type { RecordReader } from './fields';

export interface PerPeriod {
  x: number;
  delta_x: number;
  delta_y: number;
  sigma: number;
}

/** Pushes errors/warnings onto the reader; returns true when the test may be used. */
export function checkLiftTest(r: RecordReader, data: Dataset, channel: number, t: PerPeriod): boolean {
  const name = data.channels[channel].name;
  const at = { channel: name };
  let ok = true;
  if (t.x < 0) {
    r.error(`the spend before the test (x = ${t.x}) is negative`, { ...at, column: 'x', hint: 'Spend per period cannot be negative.' });
    ok = false;
  }
  if (t.delta_x === 0) {
    r.error('the test changed spend by 0', { ...at, column: 'delta_x', hint: 'A lift test needs a spend change (delta_x ≠ 0).' });
    ok = false;
  } else if (t.x + t.delta_x < 0) {
    r.error(`spend during the test (x + delta_x = ${t.x + t.delta_x}) is negative`, {
      ...at,
      column: 'delta_x',
      hint: 'A go-dark test can at most remove all of the spend: delta_x ≥ −x.',
    });
    ok = false;
  }
  if (t.delta_y === 0) {
    r.error('the measured lift is 0', {
      ...at,
      column: 'delta_y',
      hint: 'The lift likelihood models |Δy| > 0; a null result cannot enter it — leave the test out or give the estimate with its interval.',
    });
    ok = false;
  }
  if (t.delta_x !== 0 && t.delta_y !== 0 && Math.sign(t.delta_x) !== Math.sign(t.delta_y)) {
    r.error('lift and spend change have opposite signs', {
      ...at,
      hint: 'More spend cannot lower the outcome in this model (the response curve rises); check the signs or leave the test out.',
    });
    ok = false;
  }
  if (!(t.sigma > 0)) {
    r.error(`the standard error is not positive (sigma = ${t.sigma})`, { ...at, column: 'sigma', hint: 'Give the test’s uncertainty: a positive standard error or a CI with lower < upper.' });
    ok = false;
  }
  if (!ok) return false;
  if (t.sigma > Math.abs(t.delta_y)) {
    r.warn('the test’s standard error exceeds its lift (not significant): it will constrain the model only weakly', at);
  }
  const spend = data.channels[channel].spend;
  let max = 0;
  for (let i = 0; i < spend.length; i++) max = Math.max(max, spend[i]);
  if (t.x + t.delta_x > max) {
    r.warn(`spend during the test (${round(t.x + t.delta_x)} per period) is above the largest in the data (${round(max)})`, {
      ...at,
      hint: 'The model extrapolates the response curve to reach it.',
    });
  }
  return true;
}

function round(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

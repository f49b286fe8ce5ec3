// Marginal ROAS along the response curve: at the current spend it must equal the
// decomposition's analytic marginal ROAS (a separate code path), and elsewhere the central
// finite difference of the channel's total contribution from the full forward pass with its
// spend scaled (no shared code with the analytic derivative). Logistic and Hill channels.
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/analysis/decomposition';
import { marginalRoasDraws } from '../../src/analysis/roas';
import { forwardDataFromDataset, forwardPass, ForwardResult, paramIndex, withSpend, type ForwardData } from '../../src/model/forward';
import type { ModelSpec } from '../../src/core/types';
import { marginalRoasDrawsOnGrid, thinDraws } from '../../src/report/marginal-curves';
import { jitteredDraws, syntheticSet } from '../analysis/helpers';

/** Channel c's total contribution in draw d when its spend in every period is scaled by m. */
function scaledTotal(fd: ForwardData, spec: ModelSpec, theta: Float64Array, stride: number, d: number, c: number, m: number): number {
  const spend = Float64Array.from(fd.spend);
  for (let t = 0; t < fd.T; t++) spend[c * fd.T + t] *= m;
  const f = withSpend(fd, spend);
  const r = forwardPass(f, paramIndex(spec), theta, d * stride, ForwardResult.for(f));
  let s = 0;
  for (let t = 0; t < fd.T; t++) s += r.channels[c * fd.T + t];
  return s;
}

describe.each(['dev_weekly_logistic', 'dev_weekly_hill'] as const)('marginal ROAS curves on %s', (folder) => {
  const { data, spec, theta } = syntheticSet(folder);
  const fd = forwardDataFromDataset(data, spec);
  if ('errors' in fd) throw new Error(JSON.stringify(fd.errors));
  const draws = jitteredDraws(spec, theta, 30, 0.15, 11);
  const grid = [0, 0.4, 1, 1.8];
  const m = marginalRoasDrawsOnGrid(fd, spec, draws, grid);

  it('equals the analytic marginal ROAS of the decomposition at 1× current spend', () => {
    const dec = decompose(fd, spec, draws, { maxDrawsOverTime: 1 });
    spec.channels.forEach((_, c) => {
      const ref = marginalRoasDraws(dec, c);
      for (let d = 0; d < draws.n; d++) expect(Math.abs(m[c][d * 4 + 2] - ref[d])).toBeLessThanOrEqual(1e-12 * Math.abs(ref[d]));
    });
  });

  it('equals the central difference of the response curve elsewhere', () => {
    const h = 1e-5;
    for (const [i, mult] of [[1, 0.4], [3, 1.8]] as const)
      spec.channels.forEach((_, c) => {
        let S = 0;
        for (let t = 0; t < fd.T; t++) S += fd.spend[c * fd.T + t];
        for (let d = 0; d < draws.n; d += 3) {
          const up = scaledTotal(fd, spec, draws.values, draws.stride, d, c, mult + h);
          const down = scaledTotal(fd, spec, draws.values, draws.stride, d, c, mult - h);
          const fdiff = (up - down) / (2 * h * S);
          expect(Math.abs(m[c][d * 4 + i] - fdiff)).toBeLessThanOrEqual(1e-6 * Math.abs(fdiff) + 1e-12);
        }
      });
  });

  it('at zero spend: logistic is the one-sided difference quotient; Hill is flat (slope > 1) or vertical (slope < 1)', () => {
    const h = 1e-7;
    const idx = paramIndex(spec);
    spec.channels.forEach((ch, c) => {
      let S = 0;
      for (let t = 0; t < fd.T; t++) S += fd.spend[c * fd.T + t];
      for (let d = 0; d < draws.n; d += 5) {
        const at0 = m[c][d * 4];
        if (ch.saturation === 'logistic') {
          const slope = scaledTotal(fd, spec, draws.values, draws.stride, d, c, h) / (h * S);
          expect(Math.abs(at0 - slope), `${ch.name} draw ${d}`).toBeLessThanOrEqual(1e-5 * Math.abs(at0));
        } else {
          // Hill's derivative at 0 is s·a^(s−1)/kappa^s: 0 for s > 1, infinite for s < 1.
          const slope = draws.values[d * draws.stride + idx.channels[c].slope];
          if (slope > 1) expect(at0).toBe(0);
          else if (slope < 1) expect(at0).toBe(Infinity);
        }
      }
    });
  });
});

describe('thinDraws', () => {
  it('keeps at most max rows, evenly spaced from the first', () => {
    const values = Float64Array.from({ length: 10 * 3 }, (_, i) => Math.floor(i / 3));
    const t = thinDraws({ n: 10, stride: 3, values }, 4);
    expect(t.n).toBe(4);
    expect(Array.from({ length: 4 }, (_, j) => t.values[j * 3])).toEqual([0, 2, 5, 7]);
    expect(thinDraws({ n: 10, stride: 3, values }, 20).n).toBe(10);
  });
});

// The finite-difference gradient check shared by tests/engine/mmm-gradient.test.ts and
// mmm-roas-prior.test.ts: 5-point stencil on a halving sequence of steps (Ridders-style
// selection), |g_fd − g| ≤ 1e-6 · max(1, |g|) per component where the stencil can resolve it.
import { expect } from 'vitest';
import type { ModelSpec, Prior } from '../../src/core/types';
import type { WasmEngine } from '../../src/engine/wasm-engine';
import { flatLayout } from '../../src/model/layout';
import { transformPrior, rng, uniformPoint } from './mmm-fixtures';

/**
 * Steps tried for each component. The stencil's error is roundoff ~ ε|lp|/h plus truncation
 * ~ h⁴|∂⁵lp|/30; lp reaches 1e6 at points with a small y_sigma (roundoff wants h ≈ 1e-2) while
 * the adstock shape parameters curve on a scale of 0.1 (truncation wants h ≈ 1e-3). So, as
 * numdifftools and Ridders' method (Numerical Recipes 3rd ed. §5.7) do, the stencil is
 * evaluated on a halving sequence of steps and the value where two successive steps agree
 * best is kept.
 */
const STEPS = [3.2e-2, 1.6e-2, 8e-3, 4e-3, 2e-3, 1e-3, 5e-4, 2.5e-4];

/**
 * The Laplace prior's kink: the density has no derivative where the parameter equals mu, so
 * components whose stencil moves a Laplace parameter across its mu are skipped (found with
 * constrain(), since under the level-intercept coordinates the intercept moves with others).
 */
function laplaceKinks(spec: ModelSpec): Array<number | undefined> {
  return flatLayout(spec).map((e) => {
    const p: Prior = transformPrior(spec, e);
    return p.dist === 'laplace' ? p.mu : undefined;
  });
}

function crossesKink(engine: WasmEngine, q: Float64Array, i: number, kinks: Array<number | undefined>): boolean {
  const reach = 2 * STEPS[0];
  const side = (d: number) => {
    const qq = q.slice();
    qq[i] += d;
    return engine.constrain(qq);
  };
  const lo = side(-reach);
  const hi = side(reach);
  return kinks.some((mu, j) => mu !== undefined && Math.sign(lo[j] - mu) !== Math.sign(hi[j] - mu));
}

export interface FdResult {
  /** Worst |g_fd − g| / max(1, |g|) over the components the stencil resolves to 1e-7. */
  worstStrict: number;
  /** Worst |g_fd − g| / (1e-6 max(1, |g|) + floor) over the others (must stay ≤ 1). */
  worstNoisy: number;
  strict: number;
  noisy: number;
  where: string;
}

/**
 * Compares every component at `points` points. Each lp carries about ε|lp| of rounding, so
 * the stencil at step h cannot resolve better than floor = 10 ε |lp| / h (four values
 * weighted 18/12h, with margin). At Uniform(−2, 2) points lp reaches 1e6–1e8 (y_sigma near
 * e^-2 with a mean far from the data) and a gradient component of 0.07 (a prior-dominated
 * Weibull shape) is then below the resolution of any double-precision difference quotient.
 * So: where the floor is under a tenth of the allowance, the strict criterion
 * |g_fd − g| ≤ 1e-6 max(1, |g|) applies; elsewhere the floor is added to the allowance, and
 * the strict class must be most of the comparisons (70–90% here).
 */
export function fdCheck(engine: WasmEngine, spec: ModelSpec, points: number, seed: number): FdResult {
  const dim = engine.dim;
  const kinks = laplaceKinks(spec);
  const names = flatLayout(spec).map((e) => (e.coord ? `${e.name}[${e.coord}]` : e.name));
  const r = rng(seed);
  const g = new Float64Array(dim);
  const scratch = new Float64Array(dim);
  const res: FdResult = { worstStrict: 0, worstNoisy: 0, strict: 0, noisy: 0, where: '' };
  for (let k = 0; k < points; k++) {
    const q = uniformPoint(r, dim, 2);
    const lp = engine.logDensityGradient(q, g);
    expect(Number.isFinite(lp)).toBe(true);
    const f = (i: number, d: number) => {
      const qq = q.slice();
      qq[i] += d;
      return engine.logDensityGradient(qq, scratch);
    };
    for (let i = 0; i < dim; i++) {
      expect(Number.isFinite(g[i])).toBe(true);
      if (crossesKink(engine, q, i, kinks)) continue;
      const stencil = (h: number) => (-f(i, 2 * h) + 8 * f(i, h) - 8 * f(i, -h) + f(i, -2 * h)) / (12 * h);
      let prev = stencil(STEPS[0]);
      let fd = prev;
      let best = Infinity;
      let h = STEPS[0];
      for (let s = 1; s < STEPS.length; s++) {
        const cur = stencil(STEPS[s]);
        if (Math.abs(cur - prev) < best) {
          best = Math.abs(cur - prev);
          fd = cur;
          h = STEPS[s];
        }
        prev = cur;
      }
      const allowance = 1e-6 * Math.max(1, Math.abs(g[i]));
      const floor = (10 * Number.EPSILON * Math.abs(lp)) / h;
      const label = `${names[i]} at point ${k} (lp ${lp.toExponential(2)}): fd ${fd}, analytic ${g[i]}`;
      if (floor <= 0.1 * allowance) {
        res.strict++;
        const err = Math.abs(fd - g[i]) / Math.max(1, Math.abs(g[i]));
        if (err > res.worstStrict) [res.worstStrict, res.where] = [err, label];
      } else {
        res.noisy++;
        res.worstNoisy = Math.max(res.worstNoisy, Math.abs(fd - g[i]) / (allowance + floor));
      }
    }
  }
  return res;
}

export function expectAgreement(res: FdResult, points: number, dim: number): void {
  expect(res.strict + res.noisy).toBeGreaterThan(0.98 * points * dim);
  expect(res.strict).toBeGreaterThan(0.6 * (res.strict + res.noisy));
  expect(res.worstStrict, res.where).toBeLessThanOrEqual(1e-6);
  expect(res.worstNoisy).toBeLessThanOrEqual(1);
}


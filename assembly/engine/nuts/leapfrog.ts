// The leapfrog (Störmer–Verlet) integrator, Stan's expl_leapfrog: half step in p, full step
// in q, new gradient, half step in p (Betancourt 2017, section 5.2; Leimkuhler & Reich 2004).
import { targetLogDensity } from '../target';
import { Point } from './point';
import { ld, st } from './vec';

/**
 * Moves z by one step of size eps (negative eps integrates backwards in time) and returns
 * the number of gradient evaluations it cost (always 1). A non-finite log density is kept
 * as it is: the caller turns a non-finite energy into a divergence.
 */
export function leapfrog(z: Point, invMetric: usize, eps: f64, dim: i32): i32 {
  const q = z.q;
  const p = z.p;
  const g = z.g;
  const half = 0.5 * eps;
  for (let i = 0; i < dim; i++) st(p, i, ld(p, i) + half * ld(g, i));
  for (let i = 0; i < dim; i++) st(q, i, ld(q, i) + eps * (ld(invMetric, i) * ld(p, i)));
  z.lp = targetLogDensity(q, g);
  for (let i = 0; i < dim; i++) st(p, i, ld(p, i) + half * ld(g, i));
  return 1;
}

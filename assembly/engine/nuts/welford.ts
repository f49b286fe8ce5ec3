// Running mean and variance of the draws in one adaptation window (Welford 1962; Stan's
// welford_var_estimator), one pass, no storage of the draws.
import { allocVec, ld, st, vfill } from './vec';

export class WelfordVar {
  readonly dim: i32;
  n: i32 = 0;
  readonly mean: usize;
  readonly m2: usize;

  constructor(dim: i32) {
    this.dim = dim;
    this.mean = allocVec(dim);
    this.m2 = allocVec(dim);
  }

  restart(): void {
    this.n = 0;
    vfill(this.mean, 0, this.dim);
    vfill(this.m2, 0, this.dim);
  }

  add(q: usize): void {
    this.n++;
    const n = <f64>this.n;
    for (let i = 0; i < this.dim; i++) {
      const x = ld(q, i);
      const delta = x - ld(this.mean, i);
      const m = ld(this.mean, i) + delta / n;
      st(this.mean, i, m);
      st(this.m2, i, ld(this.m2, i) + (x - m) * delta);
    }
  }

  /** Sample variance (n - 1 denominator) into out; leaves out unchanged when n < 2, as Stan does. */
  variance(out: usize): void {
    if (this.n < 2) return;
    const d = <f64>this.n - 1.0;
    for (let i = 0; i < this.dim; i++) st(out, i, ld(this.m2, i) / d);
  }
}

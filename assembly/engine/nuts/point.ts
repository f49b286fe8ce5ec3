// A point in phase space, as Stan's ps_point: position q, momentum p, and the log density
// and its gradient at q. Carrying (lp, g) with q means a gradient is never computed twice
// (the state after a transition is the start of the next one).
import { allocVec } from './vec';

export class Point {
  /** q, p, g stored back to back (3 × dim f64s), so a copy is one memory.copy. */
  readonly q: usize;
  readonly p: usize;
  readonly g: usize;
  /** log density at q (Stan's V = -lp). */
  lp: f64 = 0;
  readonly bytes: usize;

  constructor(dim: i32) {
    const q = allocVec(3 * dim);
    this.q = q;
    this.p = q + (<usize>dim << 3);
    this.g = q + (<usize>(2 * dim) << 3);
    this.bytes = <usize>(3 * max(dim, 1)) << 3;
  }
}

/** dst ← src (position, momentum, gradient and log density). */
export function copyPoint(dst: Point, src: Point): void {
  memory.copy(dst.q, src.q, src.bytes);
  dst.lp = src.lp;
}

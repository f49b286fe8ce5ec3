// Diagonal metric adaptation (Stan's var_adaptation::learn_variance): the draws of each
// slow window estimate the posterior variances, which become the new inverse metric,
// regularised towards 1e-3 as (n / (n + 5)) · var + 1e-3 · 5 / (n + 5).
import { WelfordVar } from './welford';
import { WindowSchedule } from './windows';
import { allFinite, ld, st } from './vec';

export class MetricAdaptation {
  readonly schedule: WindowSchedule = new WindowSchedule();
  readonly estimator: WelfordVar;

  constructor(dim: i32) {
    this.estimator = new WelfordVar(dim);
  }

  /**
   * Feeds the draw q of this warmup iteration. Returns 1 when invMetric was just updated
   * (the caller re-initialises the step size), 0 otherwise, and -1 when the estimate is not
   * finite (Stan throws "Numerical overflow in metric adaptation").
   */
  learn(invMetric: usize, q: usize): i32 {
    const sch = this.schedule;
    const est = this.estimator;
    if (sch.inWindow()) est.add(q);
    if (sch.endOfWindow()) {
      sch.computeNextWindow();
      est.variance(invMetric);
      const n = <f64>est.n;
      const dim = est.dim;
      for (let i = 0; i < dim; i++) {
        st(invMetric, i, (n / (n + 5.0)) * ld(invMetric, i) + 1e-3 * (5.0 / (n + 5.0)));
      }
      est.restart();
      sch.counter++;
      return allFinite(invMetric, dim) ? 1 : -1;
    }
    sch.counter++;
    return 0;
  }
}

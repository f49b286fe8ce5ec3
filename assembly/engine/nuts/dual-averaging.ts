// Step-size adaptation by Nesterov dual averaging (Hoffman & Gelman 2014, section 3.2.1,
// Algorithm 5), exactly as Stan's stepsize_adaptation: log ε is pushed so that the mean
// acceptance statistic approaches delta; the final step size is exp(x̄), the weighted
// average of the iterates.
export class DualAveraging {
  /** Target mean acceptance statistic (Stan's adapt_delta). */
  delta: f64 = 0.8;
  /** Shrinkage point for log ε; Stan sets log(10 ε) at the start of each adaptation window. */
  mu: f64 = Math.log(10);
  gamma: f64 = 0.05;
  kappa: f64 = 0.75;
  t0: f64 = 10;
  counter: f64 = 0;
  sBar: f64 = 0;
  xBar: f64 = 0;

  restart(): void {
    this.counter = 0;
    this.sBar = 0;
    this.xBar = 0;
  }

  /** One update with this iteration's acceptance statistic; returns the next step size. */
  learn(acceptStat: f64): f64 {
    this.counter += 1;
    const a = acceptStat > 1 ? 1 : acceptStat;
    const eta = 1.0 / (this.counter + this.t0);
    this.sBar = (1.0 - eta) * this.sBar + eta * (this.delta - a);
    const x = this.mu - (this.sBar * Math.sqrt(this.counter)) / this.gamma;
    const xEta = Math.pow(this.counter, -this.kappa);
    this.xBar = (1.0 - xEta) * this.xBar + xEta * x;
    return Math.exp(x);
  }

  /** The step size to sample with once warmup ends. */
  final(): f64 {
    return Math.exp(this.xBar);
  }
}

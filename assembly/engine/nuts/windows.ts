// The warmup window schedule of Stan's windowed_adaptation (Stan Reference Manual,
// "HMC algorithm parameters / Automatic parameter tuning"): a fast initial buffer (75),
// slow windows for the metric starting at 25 iterations and doubling, the last one
// stretched to meet a fast terminal buffer (50). Counter arithmetic mirrors Stan's code,
// including its fallback to 15% / 75% / 10% when the warmup is too short for the defaults.
export class WindowSchedule {
  numWarmup: i32 = 0;
  initBuffer: i32 = 0;
  termBuffer: i32 = 0;
  baseWindow: i32 = 0;
  counter: i32 = 0;
  windowSize: i32 = 0;
  nextWindow: i32 = 0;

  /** Stan's set_window_params; with fewer than 20 warmup iterations the metric is not adapted. */
  configure(numWarmup: i32, initBuffer: i32, termBuffer: i32, baseWindow: i32): void {
    this.numWarmup = 0;
    this.initBuffer = 0;
    this.termBuffer = 0;
    this.baseWindow = 0;
    if (numWarmup < 20) {
      this.restart();
      return;
    }
    this.numWarmup = numWarmup;
    if (initBuffer + baseWindow + termBuffer > numWarmup) {
      // Stan's unsigned truncation of 0.15 N and 0.1 N.
      this.initBuffer = <i32>(0.15 * <f64>numWarmup);
      this.termBuffer = <i32>(0.1 * <f64>numWarmup);
      this.baseWindow = numWarmup - (this.initBuffer + this.termBuffer);
    } else {
      this.initBuffer = initBuffer;
      this.termBuffer = termBuffer;
      this.baseWindow = baseWindow;
    }
    this.restart();
  }

  restart(): void {
    this.counter = 0;
    this.windowSize = this.baseWindow;
    this.nextWindow = this.initBuffer + this.windowSize - 1;
  }

  /** True while the current iteration's draw feeds the metric estimate. */
  inWindow(): bool {
    return this.counter >= this.initBuffer && this.counter < this.numWarmup - this.termBuffer && this.counter != this.numWarmup;
  }

  /** True at the last iteration of a slow window. */
  endOfWindow(): bool {
    return this.counter == this.nextWindow && this.counter != this.numWarmup;
  }

  /** Doubles the window, stretching it to the terminal buffer when the one after would not fit. */
  computeNextWindow(): void {
    const lastEnd = this.numWarmup - this.termBuffer - 1;
    if (this.nextWindow == lastEnd) return;
    this.windowSize *= 2;
    this.nextWindow = this.counter + this.windowSize;
    if (this.nextWindow == lastEnd) return;
    // Boundary of the window after the one just computed.
    const nextBoundary = this.nextWindow + 2 * this.windowSize;
    if (nextBoundary >= this.numWarmup - this.termBuffer) this.nextWindow = lastEnd;
  }
}

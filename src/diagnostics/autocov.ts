// Autocovariance of one chain at every lag, by FFT (O(N log N)), as the R `posterior`
// package computes it (convergence.R `autocovariance`): the "biased" estimate
// acov_k = (1/N) Σ_{t<N-k} (x_t − x̄)(x_{t+k} − x̄) recommended by Geyer (1992), scaled
// through var(x) so that acov_0 is exactly var(x)(N−1)/N.

// Twiddle factors per FFT size, computed once (cos/sin directly, not by recurrence, to keep
// rounding at ~1 ulp). Sizes are powers of two, so the cache stays small.
const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddleCache.get(n);
  if (!t) {
    t = { cos: new Float64Array(n / 2), sin: new Float64Array(n / 2) };
    for (let k = 0; k < n / 2; k++) {
      t.cos[k] = Math.cos((2 * Math.PI * k) / n);
      t.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    twiddleCache.set(n, t);
  }
  return t;
}

/** In-place iterative radix-2 complex FFT (Cooley–Tukey); n must be a power of two. */
function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len; // twiddle k of this stage is exp(∓2πik/len) = table[k·step]
    for (let k = 0; k < half; k++) {
      const wr = cos[k * step];
      const wi = sign * sin[k * step];
      for (let i = k; i < n; i += len) {
        const j = i + half;
        const xr = re[j] * wr - im[j] * wi;
        const xi = re[j] * wi + im[j] * wr;
        re[j] = re[i] - xr; im[j] = im[i] - xi;
        re[i] += xr; im[i] += xi;
      }
    }
  }
}

/** Sample mean and variance (denominator N − 1, two-pass as R's var). */
export function meanVar(x: ArrayLike<number>): { mean: number; variance: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let ss = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ss += d * d;
    c += d;
  }
  // Corrected two-pass formula (Chan, Golub, LeVeque 1983) removes the mean's rounding.
  return { mean, variance: n > 1 ? (ss - (c * c) / n) / (n - 1) : NaN };
}

/** Autocovariances at lags 0..N−1 by FFT, zero-padded to a power of two ≥ 2N. */
export function autocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const { mean, variance } = meanVar(x);
  if (n < 2 || variance === 0) return out; // all autocovariances of a constant are 0
  let m = 1;
  while (m < 2 * n) m <<= 1;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  for (let i = 0; i < n; i++) re[i] = x[i] - mean;
  fftInPlace(re, im, false);
  for (let i = 0; i < m; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const scale = (variance * (n - 1)) / n / re[0];
  for (let k = 0; k < n; k++) out[k] = re[k] * scale;
  return out;
}

/** Direct O(N·L) autocovariance at lags 0..maxLag (the oracle for the FFT version). */
export function autocovarianceDirect(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  const { mean } = meanVar(x);
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag && k < n; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t] - mean) * (x[t + k] - mean);
    out[k] = s / n;
  }
  return out;
}

// Lift-test calibration (MODEL.md §6, PyMC-Marketing's semantics): for a test on channel c at
// scaled spend xs with increment dxs, lift = f_c(xs + dxs) − f_c(xs), f_c = β_c · sat_c (steady
// state, no adstock), and the measured |dys| ~ Gamma(mean = |lift|, sd = σ_s), i.e. shape
// a = m²/σ², rate b = m/σ² with m = |lift|:
//   log p = a log b − log Γ(a) + (a − 1) log y − b y,  y = |dys|
//   d log p / dm = (2m/σ²)(log b + log y − ψ(a)) + (m − y)/σ²      (a/b = m)
// The full normalised density is kept (its normalising terms depend on the parameters).
import { CHANNEL_STRIDE, CH_IDX_BETA, CH_IDX_S1, CH_IDX_S2, CH_SATURATION, LIFT_STRIDE, ld, st } from './block';
import { satD1, satD2, satValue, saturationPoint } from './saturation';
import { digamma, lgamma } from './special';
import { log } from './fmath';

/** Adds the lift tests' log likelihood; accumulates d/dθ into gth. */
export function liftTerms(lift: usize, n: i32, channels: usize, theta: usize, gth: usize): f64 {
  let lp: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = lift + (<usize>(i * LIFT_STRIDE) << 3);
    const ch = channels + (<usize>(<i32>load<f64>(row) * CHANNEL_STRIDE) << 3);
    const xs = load<f64>(row, 8);
    const dxs = load<f64>(row, 16);
    const y = Math.abs(load<f64>(row, 24));
    const sd = load<f64>(row, 32);
    const kind = <i32>ld(ch, CH_SATURATION);
    const iS1 = <i32>ld(ch, CH_IDX_S1);
    const iS2 = <i32>ld(ch, CH_IDX_S2);
    const iB = <i32>ld(ch, CH_IDX_BETA);
    const p1 = ld(theta, iS1);
    const p2 = iS2 >= 0 ? ld(theta, iS2) : 0;
    const beta = ld(theta, iB);
    saturationPoint(kind, p1, p2, xs + dxs);
    const f1 = satValue;
    const f1d1 = satD1;
    const f1d2 = satD2;
    saturationPoint(kind, p1, p2, xs);
    const diff = f1 - satValue;
    const liftV = beta * diff;
    const m = Math.abs(liftV);
    if (m == 0) return -Infinity; // a Gamma with mean 0 puts no mass on a non-zero |dys|
    const v = sd * sd;
    const a = (m * m) / v;
    const b = m / v;
    const lb = log(b);
    const ly = log(y);
    lp += a * lb - lgamma(a) + (a - 1) * ly - b * y;
    const dm = ((2 * m) / v) * (lb + ly - digamma(a)) + (m - y) / v;
    const dl = liftV > 0 ? dm : -dm;
    st(gth, iB, ld(gth, iB) + dl * diff);
    st(gth, iS1, ld(gth, iS1) + dl * beta * (f1d1 - satD1));
    if (iS2 >= 0) st(gth, iS2, ld(gth, iS2) + dl * beta * (f1d2 - satD2));
  }
  return lp;
}

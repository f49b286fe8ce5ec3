// Saturation flags (issue 5): a channel is flagged when its marginal ROAS at current spend
// is below a threshold times its average ROAS (default 50%), or when current spend sits past
// the elbow of its response curve.
//
// The elbow is where the posterior-mean response curve has flattened to half its steepest
// slope: past its steepest point (spend 0 for a concave curve, the inflection of an S-shaped
// Hill curve), the first spend level whose marginal return is half the steepest marginal
// return. That is the curve's own property (the half-maximum convention, as in a full width
// at half maximum): it does not move with the range the curve is drawn over, and a nearly
// linear curve never reaches it inside 0–3× current spend.
//
// It replaces Kneedle (Satopää et al. 2011) on 0–2× current spend, which is kept below for
// comparison: normalising both axes to that window puts the knee of every exponential curve
// 1 − e^{−km} at x* = ln(2k / (1 − e^{−2k})) / k < 1 for every k > 0, so any channel with
// visible curvature (k = 0.2: the next unit still returns 82% of the first) read as "past the
// elbow". A test in tests/analysis/contributions.test.ts keeps that case.
import type { ChannelRoas } from './roas';
import type { ResponseCurve } from './response';

export interface KneeResult {
  /** x at the knee, or null when the curve has none. */
  x: number | null;
  /** Height of the normalised difference curve at the knee (0..1). */
  strength: number;
}

/** Kneedle for an increasing concave-ish curve sampled at increasing x. */
export function kneedle(x: ArrayLike<number>, y: ArrayLike<number>, sensitivity = 1): KneeResult {
  const n = x.length;
  if (n < 3) return { x: null, strength: 0 };
  const x0 = x[0];
  const xr = x[n - 1] - x0;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) return { x: null, strength: 0 };
    yMin = Math.min(yMin, y[i]);
    yMax = Math.max(yMax, y[i]);
  }
  const yr = yMax - yMin;
  if (!(xr > 0) || !(yr > 0)) return { x: null, strength: 0 };
  const diff = (i: number) => (y[i] - yMin) / yr - (x[i] - x0) / xr;
  let best = 0;
  for (let i = 1; i < n; i++) if (diff(i) > diff(best)) best = i;
  const peak = diff(best);
  if (!(peak > 0)) return { x: null, strength: 0 };
  const threshold = peak - sensitivity * (1 / (n - 1));
  for (let i = best + 1; i < n; i++) if (diff(i) < threshold) return { x: x[best], strength: peak };
  return { x: null, strength: peak };
}

/**
 * Slope of a sampled curve at each sample: central differences inside, the second-order
 * one-sided difference (−3y₀ + 4y₁ − y₂) / (x₂ − x₀) at each end (exact for a parabola on
 * an even grid), so the steepest slope of a concave curve, at spend 0, is not understated
 * by a first segment's average.
 */
function pointSlopes(x: ArrayLike<number>, y: ArrayLike<number>): number[] {
  const n = x.length;
  const out = new Array<number>(n);
  out[0] = (-3 * y[0] + 4 * y[1] - y[2]) / (x[2] - x[0]);
  out[n - 1] = (3 * y[n - 1] - 4 * y[n - 2] + y[n - 3]) / (x[n - 1] - x[n - 3]);
  for (let i = 1; i < n - 1; i++) out[i] = (y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]);
  return out;
}

/**
 * The half-slope elbow of a curve sampled at increasing x: the steepest slope, then the first
 * later x where the slope has fallen to half of it, linearly interpolated between the two
 * samples around the crossing. null when the slope never halves on the sampled range or the
 * curve does not rise.
 */
export function halfSlopeElbow(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < 3) return null;
  const s = pointSlopes(x, y);
  if (!s.every(Number.isFinite)) return null;
  let at = 0;
  for (let i = 1; i < n; i++) if (s[i] > s[at]) at = i;
  if (!(s[at] > 0)) return null;
  const half = s[at] / 2;
  for (let j = at + 1; j < n; j++)
    if (s[j] <= half) return x[j - 1] + ((s[j - 1] - half) / (s[j - 1] - s[j])) * (x[j] - x[j - 1]);
  return null;
}

export interface SaturationFlag {
  channel: string;
  flagged: boolean;
  /** Posterior mean marginal ROAS over posterior mean ROAS. */
  marginal_to_average: number | null;
  threshold: number;
  below_threshold: boolean;
  /** Spend multiplier at the half-slope elbow of the posterior-mean response curve, null when there is none. */
  elbow_multiplier: number | null;
  past_elbow: boolean;
  reasons: string[];
}

export function saturationFlags(roas: ChannelRoas[], curves: ResponseCurve[], threshold = 0.5): SaturationFlag[] {
  return roas.map((r) => {
    const curve = curves.find((c) => c.channel === r.channel);
    const elbow = curve ? halfSlopeElbow(curve.multipliers, curve.mean) : null;
    const ratio = r.roas.mean && r.marginal_roas.mean !== null && r.roas.mean > 0 ? r.marginal_roas.mean / r.roas.mean : null;
    const below = ratio !== null && ratio < threshold;
    const past = elbow !== null && elbow <= 1;
    const reasons: string[] = [];
    if (below) reasons.push(`marginal ROAS is ${(100 * ratio!).toFixed(0)}% of average ROAS (threshold ${(100 * threshold).toFixed(0)}%)`);
    if (past) reasons.push(`current spend is past the response curve's elbow at ${elbow!.toFixed(2)}× current spend, where the next unit of spend returns half what it does where the curve is steepest`);
    return { channel: r.channel, flagged: below || past, marginal_to_average: ratio, threshold, below_threshold: below, elbow_multiplier: elbow, past_elbow: past, reasons };
  });
}

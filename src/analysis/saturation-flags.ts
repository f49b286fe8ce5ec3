// Saturation flags (issue 5): a channel is flagged when its marginal ROAS at current spend
// is below a threshold times its average ROAS (default 50%), or when current spend sits past
// the elbow of its response curve.
//
// The elbow is the knee of the posterior-mean response curve over spend multipliers 0..2×
// current, found with Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011, "Finding a
// 'Kneedle' in a Haystack: Detecting Knee Points in System Behavior", ICDCS workshops):
// normalise both axes to [0, 1], take the difference curve y_n − x_n, and accept its
// maximum as the knee when the difference curve later falls below
// max − S·mean(Δx_n) (sensitivity S = 1, the paper's and the `kneed` package's default).
// A near-linear curve therefore has no knee, and its channel is not flagged by this rule.
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

export interface SaturationFlag {
  channel: string;
  flagged: boolean;
  /** Posterior mean marginal ROAS over posterior mean ROAS. */
  marginal_to_average: number | null;
  threshold: number;
  below_threshold: boolean;
  /** Spend multiplier at the elbow (Kneedle on 0..2× current), null when there is none. */
  elbow_multiplier: number | null;
  past_elbow: boolean;
  reasons: string[];
}

export function saturationFlags(roas: ChannelRoas[], curves: ResponseCurve[], threshold = 0.5): SaturationFlag[] {
  return roas.map((r) => {
    const curve = curves.find((c) => c.channel === r.channel);
    const keep = curve ? curve.multipliers.map((m, i) => [m, curve.mean[i]]).filter(([m]) => m <= 2 + 1e-12) : [];
    const knee = kneedle(
      keep.map((p) => p[0]),
      keep.map((p) => p[1]),
    );
    const ratio = r.roas.mean && r.marginal_roas.mean !== null && r.roas.mean > 0 ? r.marginal_roas.mean / r.roas.mean : null;
    const below = ratio !== null && ratio < threshold;
    const past = knee.x !== null && knee.x < 1;
    const reasons: string[] = [];
    if (below) reasons.push(`marginal ROAS is ${(100 * ratio!).toFixed(0)}% of average ROAS (threshold ${(100 * threshold).toFixed(0)}%)`);
    if (past) reasons.push(`current spend is past the response curve's elbow at ${knee.x!.toFixed(2)}× current spend`);
    return { channel: r.channel, flagged: below || past, marginal_to_average: ratio, threshold, below_threshold: below, elbow_multiplier: knee.x, past_elbow: past, reasons };
  });
}

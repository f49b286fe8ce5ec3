// What "posterior against prior" draws for one parameter. A prior is usually far wider
// than the posterior (HalfNormal(2) against a beta known to ±0.03), so a chart over the
// prior's range shows the posterior as a sliver at one edge. The default view is zoomed to
// the posterior — its central 99% widened by a quarter on each side, kept inside the
// prior's support — with the prior's density drawn over that same range; the prior's own
// range (widened to take the posterior in) is the other view.
import type { Prior } from '../../core/types';
import { priorLogDensity, priorSupport } from '../../model/priors';
import { quantileSorted } from '../../store/estimate';
import { priorRange } from '../model/prior-grid';

export type PriorView = 'posterior' | 'prior';

export interface PosteriorPriorFigure {
  range: [number, number];
  /**
   * Histogram of the draws over the range, normalised by ALL draws (Σ density·width is the
   * share of draws inside the range), so zooming never inflates the posterior's density.
   */
  histogram: { centers: number[]; density: number[]; width: number };
  /** Prior density on an even grid over the range (null when there is no prior to draw). */
  prior: { x: number[]; density: number[] } | null;
}

const GRID = 201;
const BINS = 40;

/** Central 99% of the draws, widened by `pad` of its width on each side. */
function posteriorRange(sorted: Float64Array, pad = 0.25): [number, number] {
  const lo = quantileSorted(sorted, 0.005);
  const hi = quantileSorted(sorted, 0.995);
  // A constant parameter still needs a visible width.
  const w = hi - lo || Math.abs(lo) * 0.1 || 1;
  return [lo - pad * w, hi + pad * w];
}

function clipToSupport(r: [number, number], prior: Prior | null): [number, number] {
  const support = prior ? priorSupport(prior) : 'real';
  const lo = support === 'real' ? r[0] : Math.max(0, r[0]);
  const hi = support === 'unit' ? Math.min(1, r[1]) : r[1];
  return [lo, hi];
}

/** Density on an even grid; an end where the density may be infinite moves half a step in. */
function densityGrid(p: Prior, [lo, hi]: [number, number]): { x: number[]; density: number[] } {
  const h = (hi - lo) / (GRID - 1);
  const x: number[] = [];
  const density: number[] = [];
  for (let i = 0; i < GRID; i++) {
    let xi = lo + i * h;
    if (i === 0 && !Number.isFinite(priorLogDensity(p, xi))) xi += h / 2;
    if (i === GRID - 1 && !Number.isFinite(priorLogDensity(p, xi))) xi -= h / 2;
    x.push(xi);
    const d = Math.exp(priorLogDensity(p, xi));
    density.push(Number.isFinite(d) ? d : 0);
  }
  return { x, density };
}

export function posteriorPriorFigure(draws: ArrayLike<number>, prior: Prior | null, view: PriorView): PosteriorPriorFigure {
  const finite = Array.from(draws).filter(Number.isFinite);
  const sorted = Float64Array.from(finite).sort();
  let range: [number, number];
  if (sorted.length === 0) range = prior ? priorRange(prior) : [0, 1];
  else {
    range = posteriorRange(sorted);
    if (view === 'prior' && prior) {
      const [plo, phi] = priorRange(prior);
      range = [Math.min(plo, range[0]), Math.max(phi, range[1])];
    }
  }
  range = clipToSupport(range, prior);
  return { range, histogram: histogram(finite, range), prior: prior ? densityGrid(prior, range) : null };
}

function histogram(draws: number[], [lo, hi]: [number, number]): PosteriorPriorFigure['histogram'] {
  const width = (hi - lo) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of draws) {
    if (v < lo || v > hi) continue;
    counts[Math.min(BINS - 1, Math.floor((v - lo) / width))]++;
  }
  const n = Math.max(draws.length, 1);
  return { centers: counts.map((_, i) => lo + (i + 0.5) * width), density: counts.map((c) => c / (n * width)), width };
}

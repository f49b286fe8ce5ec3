// Design columns derived from dates: yearly Fourier features (MODEL.md §1).

/** Day of year, 1-based as pandas' `dayofyear` gives it, for an ISO date (UTC). */
export function dayOfYear(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const t = Date.UTC(y, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((t - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

/**
 * Fourier features, T × 2n row-major: sin(2πk p_t) for k = 1..n, then cos(2πk p_t),
 * with p_t = dayofyear / 365.25 (MODEL.md §1; PyMC-Marketing's yearly_seasonality).
 */
export function fourierFeatures(dates: string[], order: number): Float64Array {
  const width = 2 * order;
  const out = new Float64Array(dates.length * width);
  dates.forEach((d, t) => {
    const p = dayOfYear(d) / 365.25;
    for (let k = 1; k <= order; k++) {
      out[t * width + k - 1] = Math.sin(2 * Math.PI * k * p);
      out[t * width + order + k - 1] = Math.cos(2 * Math.PI * k * p);
    }
  });
  return out;
}

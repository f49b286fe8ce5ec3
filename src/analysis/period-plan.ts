// The outcome of a plan given per period (spend that varies over the horizon), with the
// same definition as the constant plans of plan-response.ts: adstock seeded from history,
// no spend after the horizon, media contribution summed over the horizon plus l_max − 1
// carry-over periods. Computed with the full forward pass, so any spend path works.
import type { ModelSpec, UserError } from '../core/types';
import { ForwardResult, extendForwardData, forwardPass, paramIndex, type DrawMatrix, type ForwardData } from '../model/forward';

/** Weekly or daily dates after the last history date (for seasonality in the extension). */
export function datesAfter(history: ForwardData, count: number, grain: 'week' | 'day' = 'week'): string[] {
  const last = Date.parse(history.dates[history.T - 1] + 'T00:00:00Z');
  const step = (grain === 'week' ? 7 : 1) * 86_400_000;
  return Array.from({ length: count }, (_, i) => new Date(last + (i + 1) * step).toISOString().slice(0, 10));
}

/**
 * Per-draw outcome of `spend[c][t]` (spec channel order, N periods each). Controls are not
 * needed: only media contributions are summed, so the extension carries zeros for them.
 */
export function periodPlanOutcomes(history: ForwardData, spec: ModelSpec, draws: DrawMatrix, spend: ArrayLike<number>[], grain: 'week' | 'day' = 'week'): Float64Array | { errors: UserError[] } {
  const N = spend[0]?.length ?? 0;
  if (N === 0 || spend.some((s) => s.length !== N)) return { errors: [{ message: 'a plan needs the same number (≥ 1) of periods for every channel', severity: 'error' }] };
  const F = N + spec.l_max - 1;
  const ext = extendForwardData(history, spec, {
    dates: datesAfter(history, F, grain),
    spend: spend.map((s) => Float64Array.from({ length: F }, (_, t) => (t < N ? s[t] : 0))),
    controls: spec.controls.map(() => new Float64Array(F)),
  });
  if ('errors' in ext) return ext;
  const idx = paramIndex(spec);
  const r = ForwardResult.for(ext);
  const out = new Float64Array(draws.n);
  for (let d = 0; d < draws.n; d++) {
    forwardPass(ext, idx, draws.values, d * draws.stride, r);
    let y = 0;
    for (let c = 0; c < ext.C; c++) for (let t = history.T; t < ext.T; t++) y += r.channels[c * ext.T + t];
    out[d] = y;
  }
  return out;
}

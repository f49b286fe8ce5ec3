// Defaults every Plotly axis in the studio gets unless its figure says otherwise (Plot.svelte
// applies them to each figure):
// - automargin: the margins grow to fit tick labels and titles; with a legend below
//   (lib/legend.ts), long category labels or a narrow phone, fixed margins put the axis title
//   on the tick labels.
// - a title standoff of 10 px: with automargin and no standoff Plotly placed a rotated y title
//   at its default distance, on long row labels (forest plots); with a standoff it pushes the
//   margin so the title sits that far beyond the labels (plotly.js layout reference,
//   xaxis.title.standoff: "By setting standoff and turning on automargin, plotly.js will push
//   the margins to fit the axis title at given standoff distance").
// - a power-of-ten tick format on axes whose values are all small (|v| < 0.01): Plotly's
//   default exponentformat 'B' labels them with SI prefixes ("500µ", "20µ"), which reads as
//   units (micro-seconds, metres) beside model-unit coefficients. Large values keep the
//   default k / M / B, which read well for money.
import type { Data, Layout } from 'plotly.js';

export const TITLE_STANDOFF = 10;
/**
 * Axes whose values stay below this get power-of-ten ticks. Plotly gives an axis a tick
 * exponent (an SI prefix under the default 'B' format) once |floor(log10 max|range|)| exceeds
 * `minexponent` (3): below about 0.001 ("500µ"). 0.01 leaves room for the autorange padding;
 * between 0.001 and 0.01 the exponent is 0 and the ticks stay plain decimals either way.
 */
export const SMALL_AXIS = 0.01;

const AXIS_KEY = /^([xy])axis(\d*)$/;

/** The largest finite |number| in a data value (numbers, typed arrays, nested arrays); -1 when there is none. */
export function maxMagnitude(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.abs(v) : -1;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    let m = -1;
    for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && Math.abs(a[i]) > m) m = Math.abs(a[i]);
    return m;
  }
  if (!Array.isArray(v)) return -1;
  let m = -1;
  for (const x of v) {
    const y = maxMagnitude(x);
    if (y > m) m = y;
  }
  return m;
}

/** Traces drawn on an axis ('xaxis', 'yaxis2', ...) by their xaxis / yaxis reference. */
function onAxis(d: Partial<Data>, letter: string, n: string): boolean {
  const ref = (d as Record<string, unknown>)[`${letter}axis`];
  return (typeof ref === 'string' ? ref : letter) === `${letter}${n === '1' ? '' : n}`;
}

/**
 * Largest |value| an axis shows: its explicit range, else the trace values on it (x or y,
 * with their error bars' arrays). -1 when nothing numeric is on it (categories, no traces).
 */
export function axisMagnitude(data: Partial<Data>[], key: string, axis: { range?: unknown }): number {
  const m = AXIS_KEY.exec(key);
  if (!m) return -1;
  if (Array.isArray(axis.range)) return maxMagnitude(axis.range);
  const [, letter, n] = m;
  let out = -1;
  for (const d of data) {
    if (!onAxis(d, letter, n)) continue;
    const t = d as Record<string, unknown>;
    const err = t[`error_${letter}`] as { array?: unknown } | undefined;
    const vals = [t[letter], err?.array].map(maxMagnitude);
    // Any non-numeric value means categories: not an axis of small numbers.
    if (Array.isArray(t[letter]) && (t[letter] as unknown[]).some((x) => typeof x === 'string')) return -1;
    out = Math.max(out, ...vals);
  }
  return out;
}

/** The layout with the studio's axis defaults filled in where the figure leaves them unset. */
export function withAxisDefaults(data: Partial<Data>[], l: Partial<Layout>): Partial<Layout> {
  const out: Record<string, unknown> = { ...l };
  for (const [k, v] of Object.entries(out)) {
    if (!AXIS_KEY.test(k) || !v || typeof v !== 'object') continue;
    const a: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    if (a.automargin === undefined) a.automargin = true;
    if (a.automargin && a.title && typeof a.title === 'object' && (a.title as { standoff?: unknown }).standoff === undefined) a.title = { ...a.title, standoff: TITLE_STANDOFF };
    else if (a.automargin && typeof a.title === 'string') a.title = { text: a.title, standoff: TITLE_STANDOFF };
    if (a.exponentformat === undefined && a.tickformat === undefined && a.type !== 'log' && a.type !== 'category' && a.type !== 'date') {
      const mag = axisMagnitude(data, k, a);
      if (mag > 0 && mag < SMALL_AXIS) a.exponentformat = 'power';
    }
    out[k] = a;
  }
  return out as Partial<Layout>;
}

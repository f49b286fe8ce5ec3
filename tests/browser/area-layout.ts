/// <reference lib="dom" />
// Layout checks the harness's page-level probe does not make, for the Optimize, Calibration,
// Ridge and Attribution areas: a table that scrolls sideways inside its own region (the page
// itself does not overflow, so assertLayout passes) and a y-axis title drawn on top of the
// axis's tick labels or between them (Plotly placed it a fixed distance from the axis without a
// standoff).
import type { Page } from 'playwright-core';

/** Captions (or first header cells) of visible tables wider than the region they sit in. */
export function sidewaysTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main table'))
      .filter((t) => (t as HTMLElement).offsetParent !== null && t.scrollWidth > (t.parentElement?.clientWidth ?? Infinity) + 1)
      .map((t) => `${(t.querySelector('caption, th')?.textContent ?? '?').trim().slice(0, 60)} (${t.scrollWidth} > ${t.parentElement!.clientWidth} px)`),
  );
}

/**
 * Tick labels of a drawn plot's y axis that reach the title's column: the rotated title must sit
 * wholly left of every label (between two labels counts too; it then reads as one of them).
 */
export function yTitleOnTicks(page: Page, plot: string): Promise<string[]> {
  return page.evaluate((name) => {
    const gd = document.querySelector(`[data-plot="${name}"] .js-plotly-plot`);
    const title = gd?.querySelector('.ytitle');
    if (!gd || !title) return [`plot ${name} or its y title is not drawn`];
    const t = title.getBoundingClientRect();
    return Array.from(gd.querySelectorAll('.ytick text'))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.left < t.right - 0.5;
      })
      .map((e) => e.textContent ?? '');
  }, plot);
}

/** Whether a drawn plot's y-axis title runs into its chart title (a long rotated title on a short phone plot). */
export function yTitleOnChartTitle(page: Page, plot: string): Promise<boolean> {
  return page.evaluate((name) => {
    const gd = document.querySelector(`[data-plot="${name}"] .js-plotly-plot`);
    const y = gd?.querySelector('.ytitle')?.getBoundingClientRect();
    const t = gd?.querySelector('.gtitle')?.getBoundingClientRect();
    if (!y || !t) throw new Error(`plot ${name} is not drawn with both titles`);
    return y.left < t.right && t.left < y.right && y.top < t.bottom && t.top < y.bottom;
  }, plot);
}

/**
 * Tick labels drawn with a small SI prefix ("500µ", "2m", "3n"): Plotly's default exponent
 * format, which reads as units beside model-unit coefficients; the studio's axis defaults
 * (src/app/lib/plot-axes.ts) draw such axes in powers of ten. `plot` limits it to one plot.
 */
export function siPrefixedTicks(page: Page, plot?: string): Promise<string[]> {
  return page.evaluate((name) => {
    const root = name ? document.querySelector(`[data-plot="${name}"]`) : document;
    return Array.from(root?.querySelectorAll('.xtick text, .ytick text') ?? [])
      .map((e) => e.textContent ?? '')
      .filter((t) => /^[−-]?\d+(\.\d+)?[mµnpf]$/.test(t.trim()));
  }, plot);
}

/// <reference lib="dom" />
// Every chart has its numbers as a table beside it ("Numbers of this chart", a disclosure
// reached by Tab): the text alternative a screen reader user, or anyone who wants the exact
// values, reads instead of the Plotly SVG. Before, a chart was a figure named by its title only.
// Checked against the figure Plotly drew (its traces' values) and against the Results
// channel table, which formats the same estimates independently.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/app/results/format';
import { DESKTOP, useBrowser } from './harness';
import { tryDemo, waitResults } from './support/flows';

const browser = useBrowser();

type Trace = { name?: string; x: unknown[]; y: number[] };

async function traces(page: Page, plot: string): Promise<Trace[]> {
  return page.evaluate((p) => {
    const gd = document.querySelector(`[data-plot="${p}"] .js-plotly-plot`) as unknown as { data: Array<{ name?: string; x: ArrayLike<unknown>; y: ArrayLike<number> }> };
    return gd.data.map((t) => ({ name: t.name, x: Array.from(t.x ?? []), y: Array.from(t.y ?? []) }));
  }, plot);
}

/** Opens the chart's table by keyboard and reads it: header cells and body rows. */
async function openTable(page: Page, plot: string): Promise<{ head: string[]; rows: string[][] }> {
  const summary = page.locator(`[data-plot="${plot}"] details.plot-table > summary`);
  await summary.focus();
  await page.keyboard.press('Enter');
  const table = page.locator(`[data-plot="${plot}"] details.plot-table table`).first();
  await table.waitFor();
  return table.evaluate((t) => ({
    head: Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? ''),
    rows: Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent?.trim() ?? '')),
  }));
}

describe('chart tables', () => {
  it('each Results chart has its numbers as a table: the fit chart equals its traces, the ROAS chart the channel table', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await tryDemo(page, 21);
    await waitResults(page);
    await page.waitForSelector('[data-plot="adstock-kernels"]', { timeout: 60_000 });
    await s.drawAllPlots();

    const plots = await page.locator('#panel [data-plot]').count();
    expect(plots).toBeGreaterThan(5);
    expect(await page.locator('#panel [data-plot] details.plot-table').count()).toBe(plots);

    // Observed vs predicted: one row per week; the observed column and the 90% band from the traces.
    const fit = await traces(page, 'observed-vs-predicted');
    const table = await openTable(page, 'observed-vs-predicted');
    const observed = fit.find((t) => t.name === 'Observed y')!;
    const band = fit.filter((t) => t.name === '90% interval');
    expect(band).toHaveLength(2);
    expect(table.rows).toHaveLength(observed.y.length);
    const col = (name: string) => table.head.indexOf(name);
    expect(col('Observed y')).toBeGreaterThan(0);
    expect(col('90% interval')).toBeGreaterThan(0);
    table.rows.forEach((r, i) => {
      expect(r[0]).toBe(String(observed.x[i]));
      expect(r[col('Observed y')]).toBe(num(observed.y[i]));
      const [a, b] = [band[0].y[i], band[1].y[i]];
      expect(r[col('90% interval')]).toBe(`[${num(Math.min(a, b))}, ${num(Math.max(a, b))}]`);
    });

    // The ROAS forest's table says what the channel table says, "mean [q05, q95]".
    const forest = await openTable(page, 'roas-forest');
    const channelTable = await page.locator('table.channels tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('.channel')?.textContent?.trim() ?? '', tr.querySelector('[data-label="ROAS"]')?.textContent?.trim() ?? '']),
    );
    const roasCol = forest.head.indexOf('ROAS');
    expect(roasCol).toBeGreaterThan(0);
    for (const [channel, roas] of channelTable) {
      const row = forest.rows.find((r) => r[0] === channel);
      expect(row?.[roasCol], channel).toBe(roas);
    }
    await page.locator('[data-plot="roas-forest"] details.plot-table').scrollIntoViewIfNeeded();
    await s.screenshot('s5-b-chart-table-roas');
    await s.assertAccessible('Results with two chart tables open');
  }, 240_000);

  it('the predictive check density: 40 replicated series are one range column, not 40', async () => {
    const page = browser().page;
    await page.locator('#tab-diagnostics').click();
    await page.locator('[data-testid="chain-table"]').waitFor({ timeout: 120_000 });
    const fig = page.locator('[data-plot="ppc-density"]');
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    const t = await openTable(page, 'ppc-density');
    expect(t.head.length).toBeLessThanOrEqual(4);
    expect(t.head.some((h) => /range over \d+ series/.test(h))).toBe(true);
    await browser().assertAccessible('Diagnostics with a chart table open');
  }, 180_000);
});

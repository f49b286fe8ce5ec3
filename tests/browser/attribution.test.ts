// Issue 7, acceptance 3: in the studio's Attribution area, load ChannelAttribution's
// PathData, see every model charted, and export mta_attribution.json with the reference
// numbers. Also: row errors are shown with their row, the demo runs, and the layout holds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/app/attribution/views';
import { sidewaysTables, yTitleOnTicks } from './area-layout';
import { PHONE, REPO_ROOT, useBrowser } from './harness';

const browser = useBrowser();
const MTA = path.resolve(REPO_ROOT, '../shared/data/mta');
const exact = JSON.parse(readFileSync(path.join(MTA, 'reference_exact_python.json'), 'utf8'));
const MODELS = ['First touch', 'Last touch', 'Linear', 'Time decay', 'Position-based', 'Shapley (simplified)', 'Shapley (full)', 'Markov order 1', 'Markov order 2', 'Markov order 3'];

async function openAttribution(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser().open(viewport);
  await page.getByRole('tab', { name: /Attribution/ }).click();
  await page.waitForSelector('[data-testid="attribution-view"]', { timeout: 30_000 });
  return page;
}

async function loadPathData(page: Page): Promise<void> {
  await page.locator('#mta-file').setInputFiles(path.join(MTA, 'PathData.csv'));
  await page.waitForSelector('[data-testid="mta-results"]', { timeout: 120_000 });
  // The credits show first; the bootstrap's intervals fill in after (s5-d-attribution-intervals.test.ts).
  await page.locator('[data-testid="mta-intervals-pending"]').waitFor({ state: 'detached', timeout: 120_000 });
}

/** Names and values of the traces Plotly drew in a plot. */
async function traces(page: Page, plot: string): Promise<Array<{ name: string; y: number[] }>> {
  const fig = page.locator(`[data-plot="${plot}"]`);
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('.main-svg').first().waitFor({ timeout: 30_000 });
  return fig.locator('.plot-canvas').evaluate((el) => (el as unknown as { data: Array<{ name: string; y: number[] }> }).data.map((d) => ({ name: d.name, y: [...d.y] })));
}

describe('attribution area', () => {
  it('loads PathData, charts every model, and exports mta_attribution.json', async () => {
    const page = await loadPathDataPage();
    await expect(page.getByText(/10,000 journeys|88,387 journeys/).first().isVisible()).resolves.toBe(true);
    const drawn = await traces(page, 'mta-models');
    expect(drawn.map((t) => t.name)).toEqual(MODELS);
    for (const t of drawn) expect(t.y.reduce((a, b) => a + b, 0)).toBeCloseTo(19_785, 6);
    // The table lists the 12 channels under every model.
    await expect(page.locator('[data-testid="mta-table"] tbody tr').count()).resolves.toBe(12);
    await expect(page.locator('[data-testid="mta-table"] thead th').count()).resolves.toBe(1 + MODELS.length);
    // Every credit has its 90% bootstrap interval under it, and every model's bars their error bars.
    await expect(page.locator('[data-testid="mta-table"] tbody td .iv').count()).resolves.toBe(12 * MODELS.length);
    const errorBars = await page.locator('[data-plot="mta-models"] .plot-canvas').evaluate((el) => (el as unknown as { data: Array<{ error_y?: { array?: number[] } }> }).data.map((d) => d.error_y?.array?.length ?? 0));
    expect(errorBars).toEqual(MODELS.map(() => 12));
    // Last click against Markov order 1, in words.
    await expect(page.locator('[data-testid="mta-vs-last"] li').first().innerText()).resolves.toMatch(/by last click|agrees/);
    // The other charts are drawn too.
    for (const plot of ['mta-vs-last-click', 'mta-journey-lengths', 'mta-transitions']) expect((await traces(page, plot)).length).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('mta-export').click()]);
    expect(download.suggestedFilename()).toBe('mta_attribution.json');
    expect(download.url()).toMatch(/^blob:/);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(Object.keys(report.models)).toEqual(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'shapley_full', 'markov_1', 'markov_2', 'markov_3']);
    expect(report.metadata).toMatchObject({ engine: 'wasm', source: { file: 'PathData.csv', format: 'paths' }, totals: { journeys: 88_387, conversions: 19_785 } });
    expect(report.metadata.bootstrap).toMatchObject({ method: 'poisson', replicates: 200, seed: 1, level: 0.9 });
    // The table shows the exported interval (first channel, linear model).
    const [ch0, lin] = Object.entries<{ conversions_interval: [number, number] }>(report.models.linear)[0];
    const linearCol = 1 + MODELS.indexOf('Linear');
    const row0 = page.locator('[data-testid="mta-table"] tbody tr').first();
    await expect(row0.locator('th').innerText()).resolves.toBe(ch0);
    await expect(row0.locator('td').nth(linearCol - 1).locator('.iv').innerText()).resolves.toBe(`[${formatNumber(lin.conversions_interval[0])} – ${formatNumber(lin.conversions_interval[1])}]`);
    for (const [ch, ref] of Object.entries<{ pos: number; decay: number; shap: number }>(exact.heuristics)) {
      expect(Math.abs(report.models.position_based[ch].conversions - ref.pos)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.time_decay[ch].conversions - ref.decay)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.shapley[ch].conversions - ref.shap)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.markov_1[ch].conversions - exact.markov_exact_order1_with_null.attributed_conversions[ch])).toBeLessThan(1e-6);
    }
    // Full Shapley can credit a channel below zero (delta in PathData): the note names each such credit as exported.
    const below = Object.entries<{ conversions: number }>(report.models.shapley_full).filter(([, v]) => v.conversions < 0);
    expect(below.length).toBeGreaterThan(0);
    const note = await page.locator('[data-testid="mta-results"] p.muted').last().innerText();
    expect(note).toContain(`Credited below zero: ${below.map(([ch, v]) => `${ch} ${formatNumber(v.conversions)}`).join('; ')} — `);
    // The last-click chart lists channels top to bottom in the order of the sentences, its y title clear of them.
    const sentences = await page.locator('[data-testid="mta-vs-last"] li').allInnerTexts();
    const bars = await page.locator('[data-plot="mta-vs-last-click"] .plot-canvas').evaluate((el) => Array.from((el as unknown as { data: Array<{ y: string[] }> }).data[0].y));
    expect(bars).toEqual(sentences.map((t) => t.split(':')[0]).filter((c) => bars.includes(c)));
    const top = await page.locator('[data-plot="mta-vs-last-click"] .ytick text').evaluateAll((ts) => ts.map((t) => ({ text: t.textContent, y: t.getBoundingClientRect().top })).sort((a, b) => a.y - b.y).map((t) => t.text));
    expect(top).toEqual(bars);
    expect(await yTitleOnTicks(page, 'mta-vs-last-click')).toEqual([]);
    // No run is open: the MMM comparison says what to open or load.
    await expect(page.getByTestId('mta-mmm-missing').innerText()).resolves.toMatch(/^Open an MMM run whose channels have the same names, or load its mmm_channel_contributions\.json/);
    await browser().assertLayout('attribution, PathData, desktop');
    await browser().assertAccessible('attribution, PathData');
    await browser().screenshot('attribution-pathdata');
    // Leaving the area and coming back keeps the analysis.
    await page.getByRole('tab', { name: /Data/ }).click();
    await page.getByRole('tab', { name: /Attribution/ }).click();
    await page.waitForSelector('[data-testid="mta-results"]', { timeout: 10_000 });
  });

  it('shows bad rows with their row numbers and no results', async () => {
    const page = await openAttribution();
    const csv = 'path;total_conversions;total_null\nalpha > beta;1;2\n;2;1\ngamma;many;0\n';
    await page.locator('#mta-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const alert = page.getByRole('alert');
    await alert.first().waitFor({ timeout: 30_000 });
    const text = await alert.first().innerText();
    expect(text).toMatch(/The path is empty[\s\S]*row 3/);
    expect(text).toMatch(/"many" is not a non-negative number[\s\S]*row 4, column total_conversions/);
    await expect(page.locator('[data-testid="mta-results"]').count()).resolves.toBe(0);
  });

  it('says so when no journey converts instead of charting zeros without a word', async () => {
    const page = await openAttribution();
    const csv = 'path;total_conversions;total_null\nalpha > beta;0;5\nbeta;0;3\n';
    await page.locator('#mta-file').setInputFiles({ name: 'no-conversions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('[data-testid="mta-results"]', { timeout: 30_000 });
    await expect(page.getByTestId('mta-no-conversions').innerText()).resolves.toBe(
      "None of the 8 journeys converts, so every model credits 0 to every channel. Check the file's conversion counts (total_conversions in a path file, conversion in an event file).",
    );
  });

  it('says in Model → Calibration when the attribution results match no channel of the data', async () => {
    const page = await browser().open();
    await page.locator('input[type="file"][multiple]').first().setInputFiles(path.join(REPO_ROOT, 'public/demo/mmm_example.csv'));
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: /Attribution/ }).click();
    await page.getByRole('button', { name: /demo journeys/ }).click();
    await page.waitForSelector('[data-testid="mta-results"]', { timeout: 120_000 });
    await page.locator('#tab-model').click();
    await page.getByRole('button', { name: 'Use the current attribution results' }).click();
    // The demo journeys' channels (brand_search, email, ...) are not x1 or x2: no prior, and the summary says why.
    await expect(page.getByTestId('mta-prior-none').innerText()).resolves.toBe(
      'The attribution results give no MTA-informed prior: none of their channels is matched to a channel of the data (x1, x2). Map them under “Channel names: MTA → data” above.',
    );
    await expect(page.getByTestId('lift-tests-in-use').innerText()).resolves.toMatch(/^The next fit uses no lift tests\./);
  });

  it('runs the seeded demo and keeps the layout on a phone', async () => {
    const page = await openAttribution(PHONE);
    await page.getByRole('button', { name: /demo journeys/ }).click();
    await page.waitForSelector('[data-testid="mta-results"]', { timeout: 120_000 });
    await expect(page.locator('[data-testid="mta-table"] tbody tr').count()).resolves.toBe(12);
    // The demo's navigational touches make last click over-credit brand search.
    await expect(page.locator('[data-testid="mta-vs-last"]').innerText()).resolves.toMatch(/brand_search: \d+% overvalued by last click/);
    await browser().assertLayout('attribution, demo, phone');
    // Credit by model and the top paths are cards on a phone: nothing scrolls sideways, and a
    // path keeps its channel names whole on a line of its own.
    expect(await sidewaysTables(page)).toEqual([]);
    const pathCell = page.locator('[data-testid="mta-top-paths"] td.path').first();
    const [cell, table] = await Promise.all([pathCell.boundingBox(), page.getByTestId('mta-top-paths').boundingBox()]);
    expect(cell!.width).toBeGreaterThan(0.9 * table!.width);
    // Every state of the transition matrix is labelled on both axes (Plotly's automatic ticks skipped every other one at 390 px).
    const heat = page.locator('[data-plot="mta-transitions"]');
    await heat.scrollIntoViewIfNeeded();
    await heat.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    const states = await heat.locator('.plot-canvas').evaluate((el) => {
      const d = (el as unknown as { data: Array<{ x: string[]; y: string[] }> }).data[0];
      return { x: [...d.x], y: [...d.y] };
    });
    await expect(heat.locator('.xtick text').allTextContents()).resolves.toEqual(states.x);
    await expect(heat.locator('.ytick text').allTextContents()).resolves.toEqual(states.y);
  });
});

async function loadPathDataPage(): Promise<Page> {
  const page = await openAttribution();
  await loadPathData(page);
  return page;
}

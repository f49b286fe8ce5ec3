// Issue 7, acceptance 3: in the studio's Attribution area, load ChannelAttribution's
// PathData, see every model charted, and export mta_attribution.json with the reference
// numbers. Also: row errors are shown with their row, the demo runs, and the layout holds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
    for (const [ch, ref] of Object.entries<{ pos: number; decay: number; shap: number }>(exact.heuristics)) {
      expect(Math.abs(report.models.position_based[ch].conversions - ref.pos)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.time_decay[ch].conversions - ref.decay)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.shapley[ch].conversions - ref.shap)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.markov_1[ch].conversions - exact.markov_exact_order1_with_null.attributed_conversions[ch])).toBeLessThan(1e-6);
    }
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

  it('runs the seeded demo and keeps the layout on a phone', async () => {
    const page = await openAttribution(PHONE);
    await page.getByRole('button', { name: /demo journeys/ }).click();
    await page.waitForSelector('[data-testid="mta-results"]', { timeout: 120_000 });
    await expect(page.locator('[data-testid="mta-table"] tbody tr').count()).resolves.toBe(12);
    // The demo's navigational touches make last click over-credit brand search.
    await expect(page.locator('[data-testid="mta-vs-last"]').innerText()).resolves.toMatch(/brand_search: \d+% overvalued by last click/);
    await browser().assertLayout('attribution, demo, phone');
  });
});

async function loadPathDataPage(): Promise<Page> {
  const page = await openAttribution();
  await loadPathData(page);
  return page;
}

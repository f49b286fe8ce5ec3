// The runs library in the built studio, with the committed v1 fixture as the saved run:
// import it from a file, see it survive a reload (IndexedDB), open it (data, model and
// results restored, charts drawn with data and titled), rename, compare, export the same
// record back out, delete. Layout and axe are checked on the screens that show a run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const FIXTURE = path.resolve(__dirname, '../store/fixtures/run-v1.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const runFile = (name: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ format: 'carryover-run', exported_at: '2026-11-22T00:00:00Z', run: fixture })),
});

async function importFixture(fileName = 'fixture-run.json') {
  const page = browser().page;
  await page.locator('#tab-runs').click();
  await page.locator('[data-testid="import-run"]').setInputFiles(runFile(fileName));
  await page.getByText('1 run imported.').waitFor();
}

/** Number of points drawn by Plotly in a named plot (markers, bars or line vertices). */
async function plotPoints(name: string): Promise<number> {
  const page = browser().page;
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ y?: ArrayLike<unknown>; z?: unknown[] }> };
    return gd.data.reduce((s, t) => s + (t.y?.length ?? t.z?.length ?? 0), 0);
  }, name);
}

describe('runs library', () => {
  it('imports a run file and keeps it across a reload', async () => {
    const page = await browser().open();
    await importFixture();
    const rows = page.locator('li[data-run-id]');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('Fixture run (schema v1)');
    await page.reload();
    await page.waitForSelector('li[data-run-id]');
    await expect(page.locator('li[data-run-id]').count()).resolves.toBe(1);
    await expect(page.locator('li[data-run-id] .name').textContent()).resolves.toBe('Fixture run (schema v1)');
  });

  it('rejects a damaged file, naming the file and what is wrong', async () => {
    const page = browser().page;
    const bad = structuredClone(fixture);
    bad.inference_data.posterior.adstock_alpha[0].pop();
    await page.locator('[data-testid="import-run"]').setInputFiles({
      name: 'damaged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'carryover-run', run: bad })),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'damaged.json' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/inference_data\.posterior\.adstock_alpha/);
    await expect(page.locator('li[data-run-id]').count()).resolves.toBe(1);
  });

  it('opens a run: results, data and model come back, charts have data', async () => {
    const s = browser();
    const page = s.page;
    await page.locator('li[data-run-id]').getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]');
    await expect(page.locator('.run-name').textContent()).resolves.toBe('Fixture run (schema v1)');
    // 4 band edges + mean + observed, 12 weeks each.
    expect(await plotPoints('observed-vs-predicted')).toBe(6 * 12);
    expect(await plotPoints('residuals')).toBe(12);
    const meanX1 = await page.locator('tr', { hasText: 'adstock_alpha[x1]' }).locator('td').nth(1).textContent();
    const draws = (fixture.inference_data.posterior.adstock_alpha as number[][][]).flat().map((d) => d[0]);
    expect(Number(meanX1)).toBeCloseTo(draws.reduce((a, b) => a + b, 0) / draws.length, 2);
    await s.assertLayout('results');
    await s.assertAccessible('results');
    await s.screenshot('runs-results-desktop');

    await page.locator('#tab-data').click();
    expect(await plotPoints('target-over-time')).toBe(12);
    expect(await plotPoints('spend-over-time')).toBe(24);
    expect(await plotPoints('correlation-heatmap')).toBe(4);
    await s.assertLayout('data overview');
    await s.assertAccessible('data overview');
    await s.screenshot('runs-data-desktop');

    await page.locator('#tab-model').click();
    await expect(page.getByRole('heading', { name: 'x1' }).isVisible()).resolves.toBe(true);
    expect(await plotPoints('prior-x1-adstock_alpha')).toBe(201);
    await s.assertLayout('model');
    await s.assertAccessible('model');
    await s.screenshot('runs-model-desktop');
  });

  it('the model step edits a channel and its priors', async () => {
    const page = browser().page;
    const card = page.locator('section.channel', { has: page.getByRole('heading', { name: 'x2' }) });
    await card.getByLabel('Saturation', { exact: true }).selectOption('hill');
    await card.locator('[data-plot="prior-x2-saturation_kappa"] .main-svg').first().waitFor();
    await expect(page.getByText('Current model: customised.').isVisible()).resolves.toBe(true);
    const alphaSel = card.locator('#prior-x2-adstock_alpha-dist');
    await expect(alphaSel.locator('option').allTextContents()).resolves.toEqual(['Beta']);
    const sigma = card.locator('#prior-x2-saturation_beta-dist');
    await sigma.selectOption('gamma');
    const shape = card.locator('label.param', { hasText: 'shape' }).locator('input').last();
    await shape.fill('-1');
    await shape.press('Tab');
    await expect(card.getByRole('alert').textContent()).resolves.toMatch(/shape must be greater than 0/);
    await browser().screenshot('runs-model-edited');
  });

  it('renames, compares two runs and exports a run unchanged', async () => {
    const page = browser().page;
    await importFixture('second.json');
    const rows = page.locator('li[data-run-id]');
    await expect(rows.count()).resolves.toBe(2);
    const first = rows.first();
    await first.getByRole('button', { name: 'Rename' }).click();
    await first.getByLabel('New name').fill('Renamed <b>run</b>');
    await first.getByRole('button', { name: 'Save name' }).click();
    await page.locator('li[data-run-id] .name', { hasText: 'Renamed <b>run</b>' }).waitFor();
    // User text is shown as text, never parsed as HTML.
    await expect(page.locator('li[data-run-id] .name b').count()).resolves.toBe(0);

    for (const cb of await page.locator('li[data-run-id] input[type="checkbox"]').all()) await cb.check();
    await page.getByRole('button', { name: 'Compare selected (2/2)' }).click();
    await page.getByRole('heading', { name: 'Comparison' }).waitFor();
    await expect(page.getByText('Same setup.').isVisible()).resolves.toBe(true);
    await expect(page.locator('table.params tbody tr').count()).resolves.toBe(12);
    await browser().assertLayout('comparison');
    await browser().assertAccessible('comparison');
    await browser().screenshot('runs-compare-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), rows.last().getByRole('button', { name: 'Export' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(text);
    expect(file.format).toBe('carryover-run');
    expect({ ...file.run, id: fixture.id }).toEqual(fixture);
    expect(download.suggestedFilename()).toBe('carryover-run-Fixture-run-schema-v1.json');
  });

  it('lays out at phone width with runs listed and open', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await page.locator('#tab-runs').click();
    await page.waitForSelector('li[data-run-id]');
    await s.assertLayout('runs @ 390');
    await s.screenshot('runs-phone-list');
    await page.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('[data-plot="observed-vs-predicted"] .main-svg');
    await s.assertLayout('results @ 390');
    await s.assertAccessible('results @ 390');
    await s.screenshot('runs-phone-results');
    await page.locator('#tab-model').click();
    await page.waitForSelector('[data-plot="prior-x1-adstock_alpha"] .main-svg');
    await s.assertLayout('model @ 390');
    await s.screenshot('runs-phone-model');
    await page.setViewportSize(DESKTOP);
  });

  it('deletes a run after confirmation, and the deletion persists', async () => {
    const page = browser().page;
    await page.locator('#tab-runs').click();
    const rows = page.locator('li[data-run-id]');
    const before = await rows.count();
    await rows.first().getByRole('button', { name: 'Delete' }).click();
    await rows.first().getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Run deleted.').waitFor();
    await expect(rows.count()).resolves.toBe(before - 1);
    await page.reload();
    await page.waitForSelector('#tab-runs[aria-selected="true"]');
    await page.waitForSelector('li[data-run-id]');
    await expect(page.locator('li[data-run-id]').count()).resolves.toBe(before - 1);
  });
});

// Steps of the studio's workflow, driven the way a person does it (roles and labels, not
// CSS classes), shared by the privacy, offline and XSS tests.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

/** Short fits for these tests: 2 chains × (150 + 150), fixed seed. */
export const SHORT = { chains: 2, warmup: 150, draws: 150 } as const;

export type FileSpec = string | { name: string; mimeType: string; buffer: Buffer };

/** Waits for an import to finish; returns the overview heading (names the data). */
export async function waitLoaded(page: Page): Promise<string> {
  await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 60_000 });
  return (await page.locator('#overview-h').textContent()) ?? '';
}

export async function openData(page: Page): Promise<void> {
  await page.locator('#tab-data').click();
  await page.getByRole('heading', { name: '1 · Data' }).waitFor();
}

/** The demo's data only ("Load the demo data only"), no fit. */
export async function loadDemo(page: Page): Promise<string> {
  await openData(page);
  await page.getByRole('button', { name: 'Load the demo data only' }).click();
  return waitLoaded(page);
}

/** "Try the demo": loads the demo data and fits it at once, with short settings set first. */
export async function tryDemo(page: Page, seed: number): Promise<void> {
  await page.locator('#tab-fit').click();
  await setSampler(page, seed);
  await openData(page);
  await page.getByRole('button', { name: 'Try the demo' }).click();
}

/** Files through the "Choose files…" picker. */
export async function importFiles(page: Page, files: FileSpec[]): Promise<string> {
  await openData(page);
  await page.locator('input[type="file"][multiple]').first().setInputFiles(files as never);
  return waitLoaded(page);
}

/** A folder through the "Choose a folder…" picker. */
export async function importFolder(page: Page, dir: string): Promise<string> {
  await openData(page);
  await page.locator('input[type="file"][webkitdirectory]').first().setInputFiles(dir);
  return waitLoaded(page);
}

async function setSampler(page: Page, seed: number): Promise<void> {
  for (const [label, v] of [['Chains', SHORT.chains], ['Warmup', SHORT.warmup], ['Draws', SHORT.draws], ['Seed', seed]] as const) {
    const input = page.getByRole('spinbutton', { name: label, exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

/** From loaded data: the Fit step, short settings, "Start fit" (does not wait for the fit). */
export async function startShortFit(page: Page, seed: number): Promise<void> {
  await page.locator('#tab-fit').click();
  await setSampler(page, seed);
  await page.getByRole('button', { name: 'Start fit' }).click();
}

/** Waits for the fit to end on the Results step with the fit plot drawn; returns its point count. */
export async function waitResults(page: Page): Promise<number> {
  await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
  await page.waitForSelector('[data-plot="observed-vs-predicted"] .main-svg', { timeout: 60_000 });
  return page.evaluate(() => {
    const gd = document.querySelector('[data-plot="observed-vs-predicted"] .js-plotly-plot') as unknown as { data: Array<{ y: number[] }> };
    return gd.data.reduce((s, t) => s + t.y.filter(Number.isFinite).length, 0);
  });
}

/** Exports the newest run from the Runs library; returns the download. */
export async function exportNewestRun(page: Page): Promise<Download> {
  await page.locator('#tab-runs').click();
  const row = page.locator('li[data-run-id]').first();
  await row.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
  return download;
}

/** From a fitted run: the Optimize step's plan, then "Download report"; returns the file. */
export async function downloadReport(page: Page): Promise<{ name: string; text: string }> {
  await page.locator('#tab-optimize').click();
  await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download report' }).click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

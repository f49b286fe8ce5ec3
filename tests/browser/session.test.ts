// The studio's working state survives a reload: the dataset, the model as edited, the
// sampler settings and the step all come back (IndexedDB `session` record).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness';

const browser = useBrowser();

describe('working state across a reload', () => {
  it('restores data, model edits and sampler settings', async () => {
    const page = await browser().open();
    await page.waitForSelector('[data-restored="true"]');
    await page.getByRole('button', { name: 'Load the demo data only' }).click();
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
    await page.locator('#tab-model').click();
    await page.getByRole('radio', { name: /Hill/ }).check();
    const lmax = page.getByLabel('Adstock window l_max (weeks)');
    await lmax.fill('6');
    await lmax.press('Tab');
    await page.locator('#tab-fit').click();
    const seed = page.getByLabel('Seed', { exact: true });
    await seed.fill('4242');
    await seed.press('Tab');
    await page.waitForTimeout(800); // the session is saved 400 ms after the last change

    await page.reload();
    await page.waitForSelector('[data-restored="true"]');
    await expect(page.getByRole('tab', { selected: true }).getAttribute('id')).resolves.toBe('tab-fit');
    await expect(page.getByLabel('Seed', { exact: true }).inputValue()).resolves.toBe('4242');
    await page.locator('#tab-model').click();
    await expect(page.getByLabel('Adstock window l_max (weeks)').inputValue()).resolves.toBe('6');
    await expect(page.getByRole('radio', { name: /Hill/ }).isChecked()).resolves.toBe(false);
    await expect(page.getByText('Current model: customised.').isVisible()).resolves.toBe(true);
    await expect(page.locator('section.channel select[id$="-saturation"]').first().inputValue()).resolves.toBe('hill');
    await page.locator('#tab-data').click();
    await expect(page.locator('#overview-h').textContent()).resolves.toMatch(/mmm_example/);
    await expect(page.locator('#overview-h + p').textContent()).resolves.toMatch(/^\s*179 weeks/);
  });
});

describe('a reload after opening a saved run', () => {
  it('keeps the data, model and settings changed after the run, and the run as the results', async () => {
    const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8'));
    const page = await browser().open();
    await page.waitForSelector('[data-restored="true"]');
    await page.locator('#tab-runs').click();
    await page.locator('[data-testid="import-run"]').setInputFiles({
      name: 'fixture-run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'carryover-run', exported_at: '2026-11-22T00:00:00Z', run: fixture })),
    });
    await page.getByText('1 run imported.').waitFor();
    await page.locator('li[data-run-id]').first().getByRole('button', { name: 'Open' }).click();
    await page.locator('#tab-results[aria-selected="true"]').waitFor();
    // After the run: other data, another model and another seed.
    await page.locator('#tab-data').click();
    await page.getByRole('button', { name: 'Load the demo data only' }).click();
    await page.locator('#overview-h + p', { hasText: /^\s*179 weeks/ }).waitFor({ timeout: 30_000 });
    await page.locator('#tab-model').click();
    const lmax = page.getByLabel('Adstock window l_max (weeks)');
    await lmax.fill('5');
    await lmax.press('Tab');
    await page.locator('#tab-fit').click();
    const seed = page.getByLabel('Seed', { exact: true });
    await seed.fill('777');
    await seed.press('Tab');
    await page.waitForTimeout(800); // the session is saved 400 ms after the last change

    await page.reload();
    await page.waitForSelector('[data-restored="true"]');
    await expect(page.getByLabel('Seed', { exact: true }).inputValue()).resolves.toBe('777');
    await page.locator('#tab-model').click();
    await expect(page.getByLabel('Adstock window l_max (weeks)').inputValue()).resolves.toBe('5');
    await page.locator('#tab-data').click();
    await expect(page.locator('#overview-h + p').textContent()).resolves.toMatch(/^\s*179 weeks/);
    // The run is still the one whose results are shown.
    await page.locator('#tab-results').click();
    await expect(page.locator('main').textContent()).resolves.toContain('Fixture run (schema v1)');
  });
});

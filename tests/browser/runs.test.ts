// The runs library in the built studio, with the committed v1 fixture as the saved run:
// import it from a file, see it survive a reload (IndexedDB), open it (data, model and
// results restored, charts drawn with data and titled), rename, compare, export the same
// record back out, delete. Layout and axe are checked on the screens that show a run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness';

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

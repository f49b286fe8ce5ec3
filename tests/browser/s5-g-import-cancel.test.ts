// Cancel beside the import progress: a big CSV (generated here, ~28 MB, in a temp dir, never committed) is
// picked while the demo's data is loaded; Cancel during the reading ends it at once —
// progress gone, "Import cancelled" said, the demo's data still loaded and shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useBrowser } from './harness';
import { loadDemo } from './support/flows';

const browser = useBrowser();
const dir = mkdtempSync(path.join(tmpdir(), 'carryover-cancel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A wide daily CSV of `rows` rows: date, sales and 12 spend columns. */
function bigCsv(rows: number): string {
  const cols = Array.from({ length: 12 }, (_, j) => `spend_${j}`);
  const lines = [['date', 'sales', ...cols].join(',')];
  const day0 = Date.UTC(1900, 0, 1);
  for (let i = 0; i < rows; i++) {
    const date = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
    const spend = cols.map((_, j) => ((i * 7919 + j * 104_729) % 100_000) / 7);
    lines.push([date, (1000 + (i % 977) * 3.5).toFixed(2), ...spend.map((v) => v.toFixed(3))].join(','));
  }
  return lines.join('\n');
}

describe('cancelling an import', () => {
  it('stops reading a big file and keeps the data loaded before', async () => {
    const s = browser();
    const page = await s.open();
    const before = await loadDemo(page);
    expect(before).toMatch(/mmm_example/);
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, bigCsv(250_000));

    await page.locator('input[type="file"][multiple]').first().setInputFiles(file);
    const progress = page.getByRole('progressbar', { name: 'Reading progress' });
    await progress.waitFor({ timeout: 10_000 });
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await cancel.click();

    const status = page.locator('.status[role="status"]');
    await expect.poll(() => status.innerText(), { timeout: 5_000 }).toMatch(/Import cancelled; the data loaded before is kept\.\s+Loaded mmm_example/);
    expect(await progress.count()).toBe(0);
    expect(await cancel.count()).toBe(0);
    expect(await page.locator('#overview-h').textContent()).toBe(before);
    expect(await page.locator('#overview-h + p').textContent()).toMatch(/^\s*179 weeks/);
    // Nothing of the cancelled file arrives later.
    await page.waitForTimeout(1500);
    expect(await page.locator('#overview-h').textContent()).toBe(before);
    // The file picker is usable again, and the demo's data can be modelled as before.
    expect(await page.getByRole('button', { name: 'Load the demo data only' }).isEnabled()).toBe(true);
    await s.screenshot('s5-g-import-cancelled');
    await page.locator('#tab-model').click();
    await page.getByLabel('Adstock window l_max (weeks)', { exact: true }).waitFor();
  });
});

// Daily data modelled at daily grain: the Model step counts the adstock window in days and says
// that the default 8 (meant for weeks) covers 8 days, and that there is no day-of-week term.
// The file: dev_workspace_hill's daily spend and revenue as one wide CSV (built here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const RAW = path.resolve(__dirname, '../../../shared/data/synthetic/dev_workspace_hill/raw');

/** date, one spend column per channel, revenue: the long per-platform files pivoted by day. */
function dailyCsv(): string {
  const spend = new Map<string, Map<string, string>>();
  for (const f of ['google', 'meta', 'radio', 'tv']) {
    const [, ...rows] = readFileSync(path.join(RAW, `campaign_spend_${f}.csv`), 'utf8').trim().split('\n');
    for (const r of rows) {
      const [date, channel, s] = r.split(',');
      if (!spend.has(date)) spend.set(date, new Map());
      spend.get(date)!.set(channel, s);
    }
  }
  const channels = ['tv', 'radio', 'search', 'social', 'display'];
  const [, ...conv] = readFileSync(path.join(RAW, 'conversions.csv'), 'utf8').trim().split('\n');
  const lines = conv.map((r) => {
    const [date, , revenue] = r.split(',');
    return [date, ...channels.map((c) => spend.get(date)?.get(c) ?? ''), revenue].join(',');
  });
  return [['date', ...channels, 'revenue'].join(','), ...lines].join('\n');
}

describe('daily grain', () => {
  it('the adstock window is in days, with what the default means for daily data', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await page.locator('input[type="file"][multiple]').first().setInputFiles({ name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(dailyCsv()) });
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 60_000 });
    await page.locator('#tab-model').click();
    // Summed to weeks by default: the window counts weeks, no daily hint.
    await expect(page.getByLabel('Adstock window l_max (weeks)').inputValue()).resolves.toBe('8');
    await expect(page.getByTestId('daily-window-hint').count()).resolves.toBe(0);
    await page.locator('#tab-data').click();
    await page.getByLabel('Grain').selectOption('day');
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor();
    await page.locator('#tab-model').click();
    const lmax = page.getByLabel('Adstock window l_max (days)');
    await expect(lmax.inputValue()).resolves.toBe('8');
    await expect(lmax.getAttribute('max')).resolves.toBe('366');
    const hint = async () => (await page.getByTestId('daily-window-hint').textContent())!.replace(/\s+/g, ' ');
    expect(await hint()).toMatch(/so 8 covers 8 days of carry-over.*no day-of-week term: weekday swings in revenue go to the noise/);
    await lmax.fill('28');
    await lmax.press('Tab');
    expect(await hint()).toMatch(/so 28 covers 28 days/);
    await page.setViewportSize(PHONE);
    await s.assertLayout('model daily @ 390');
    await s.screenshot('model-daily-phone');
  }, 120_000);
});

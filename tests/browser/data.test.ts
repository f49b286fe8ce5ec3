// The Data step on real inputs, in the built studio: the bundled demo (no network), Robyn's
// wide CSV, the measurement workspace files with a gap, and a broken file whose problems
// are named by file, row and column. Roles are editable; the overview's charts have data.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortLabels } from '../../src/app/lib/short-labels';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const SHARED = path.resolve(__dirname, '../../../shared/data');
const WORKSPACE = path.join(SHARED, 'synthetic/dev_workspace_hill');

async function loaded(): Promise<string> {
  const page = browser().page;
  try {
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
  } catch (e) {
    await browser().screenshot('data-not-loaded');
    throw e;
  }
  return (await page.locator('#overview-h').textContent()) ?? '';
}

async function plotPoints(name: string): Promise<number> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ y?: ArrayLike<unknown>; z?: unknown[] }> };
    return gd.data.reduce((s, t) => s + (t.y?.length ?? t.z?.length ?? 0), 0);
  }, name);
}

const roleOf = (column: string) => browser().page.locator('table.roles tr', { has: browser().page.locator('label', { hasText: new RegExp(`^${column}$`) }) }).locator('select').first();

describe('data step', () => {
  it('loads the bundled demo without leaving the origin', async () => {
    const s = browser();
    const page = await s.open();
    await page.getByRole('button', { name: 'Load the demo data only' }).click();
    expect(await loaded()).toMatch(/mmm_example/);
    await expect(page.getByTestId('format').textContent()).resolves.toBe('Wide CSV');
    await expect(roleOf('date_week').inputValue()).resolves.toBe('date');
    await expect(roleOf('y').inputValue()).resolves.toBe('target');
    await expect(roleOf('x1').inputValue()).resolves.toBe('channel');
    expect(await plotPoints('target-over-time')).toBe(179);
    expect(await plotPoints('spend-over-time')).toBe(2 * 179);
    expect(s.requests.some((u) => u.endsWith('/demo/mmm_example.csv'))).toBe(true);
    await s.assertLayout('demo @ 1280');
    await s.assertAccessible('demo @ 1280');
    await s.screenshot('data-demo-desktop');
    await page.setViewportSize(PHONE);
    await s.assertLayout('demo @ 390');
    await s.screenshot('data-demo-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('editing a role rebuilds the dataset', async () => {
    const page = browser().page;
    await roleOf('x2').selectOption('control');
    await page.locator('tbody tr', { hasText: /^x2\s*control/ }).first().waitFor();
    await expect(page.locator('#overview-h + p').textContent()).resolves.toMatch(/1 channel, 4 controls/);
    expect(await plotPoints('spend-over-time')).toBe(179);
  });

  it("reads Robyn's weekly CSV: channels, one-hot text control, 208 weeks", async () => {
    const s = browser();
    const page = await s.open();
    await page.locator('input[type="file"][multiple]').first().setInputFiles(path.join(SHARED, 'robyn/dt_simulated_weekly.csv'));
    expect(await loaded()).toMatch(/dt_simulated_weekly/);
    await expect(page.locator('#overview-h + p').textContent()).resolves.toMatch(/^\s*208 weeks/);
    await expect(roleOf('DATE').inputValue()).resolves.toBe('date');
    await expect(roleOf('revenue').inputValue()).resolves.toBe('target');
    await expect(roleOf('tv_S').inputValue()).resolves.toBe('channel');
    await expect(roleOf('events').inputValue()).resolves.toBe('control');
    expect(await plotPoints('correlation-heatmap')).toBeGreaterThan(5);
    await s.assertLayout('robyn');
    await s.screenshot('data-robyn-desktop');
  });

  it('reads the workspace contract files together and flags the imputed gap', async () => {
    const s = browser();
    const page = await s.open();
    const files = ['campaign_spend_google.csv', 'campaign_spend_meta.csv', 'campaign_spend_radio.csv', 'campaign_spend_tv.csv', 'conversions.csv', 'external_factors.csv'];
    await page.locator('input[type="file"][multiple]').first().setInputFiles(files.map((f) => path.join(WORKSPACE, 'raw', f)));
    await loaded();
    await expect(page.getByTestId('format').textContent()).resolves.toMatch(/workspace/);
    await expect(page.locator('#overview-h + p').textContent()).resolves.toMatch(/weeks from [\s\S]* imputed cells \(flagged\)/);
    await expect(page.getByRole('alert').filter({ hasText: /imputed/ }).count()).resolves.toBeGreaterThan(0);
    await s.assertLayout('workspace');
    await s.assertAccessible('workspace');
    await s.screenshot('data-workspace-desktop');
  });

  it('names file, row and column of broken cells', async () => {
    const page = await browser().open();
    // Twelve weeks; row 4 (spreadsheet numbering, header = 1) has a text spend cell, row 7 an impossible date.
    const rows = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10);
      return `${i === 5 ? '2024-13-45' : d},${100 + i},${i === 2 ? 'abc' : 10 + i},${5 + i}`;
    });
    const csv = ['date,sales,tv,search', ...rows].join('\n');
    await page.locator('input[type="file"][multiple]').first().setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const alert = page.getByRole('alert').filter({ hasText: 'Validation errors' });
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/file broken\.csv, row 4, column tv/);
    expect(text).toMatch(/file broken\.csv, row 7, column date/);
    await browser().screenshot('data-broken-desktop');
  });

  it('files that are not a dataset yet: Model and Fit say what blocks them, not "load data first"', async () => {
    const page = await browser().open();
    await page.locator('input[type="file"][multiple]').first().setInputFiles({ name: 'no-roles.csv', mimeType: 'text/csv', buffer: Buffer.from('foo,bar\nx,y\nz,w\nq,r\n') });
    await page.getByRole('alert').filter({ hasText: 'Validation errors' }).waitFor({ timeout: 30_000 });
    const errors = await page.getByRole('alert').filter({ hasText: 'Validation errors' }).locator('li').count();
    await page.locator('#tab-model').click();
    const blocked = (await page.getByTestId('model-blocked').textContent())!.replace(/\s+/g, ' ');
    expect(blocked).toContain('The loaded data cannot be modelled yet: No date column chosen');
    expect(blocked).toContain(`(and ${errors - 1} more problem${errors > 2 ? 's' : ''})`);
    expect(blocked).toContain('Fix them on the Data step: mark the column that holds the dates as the date');
    await page.locator('#tab-fit').click();
    await page.getByText('The loaded data has problems to fix on the Data step before it can be fitted.').waitFor();
  });

  it('shows hostile headers and cells as text: nothing executes, no element is injected', async () => {
    const page = await browser().open();
    const img = '<img src=x onerror="window.__xss=1">';
    const script = '<script>window.__xss=2</script>';
    // Tags Plotly itself draws in chart text (a link, bold, a line break): a channel named
    // like this must still read as its name, with no link or styling made of it.
    const markup = '<a href="http://example.com/">tv</a> <b>bold</b><br>&amp;';
    const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const rows = Array.from({ length: 10 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10);
      return `${d},${100 + i},${10 + (i % 3)},${i % 2 ? q(img) : 'a'},${20 + ((i * 7) % 5)}`;
    });
    const csv = [`date,sales,${q(img)},${q(script)},${q(markup)}`, ...rows].join('\n');
    await page.locator('input[type="file"][multiple]').first().setInputFiles({ name: `${img}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('table.roles').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    // The payloads are on screen as text...
    await expect(page.locator('table.roles').textContent()).resolves.toContain(img);
    // ...and never became elements or ran (the harness also fails on any CSP violation).
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], #panel script').count()).toBe(0);
    // Plotly draws a small HTML subset in tick labels: the heatmap's column names must come
    // out as the very text of the header, not as markup. The markup column becomes the
    // channel, so the dataset builds and is charted.
    await roleOf(markup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).selectOption('channel');
    await page.locator('[data-plot="correlation-heatmap"]').waitFor({ timeout: 30_000 });
    await browser().drawAllPlots();
    const ticks = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-plot="correlation-heatmap"] .xtick text, [data-plot="correlation-heatmap"] .ytick text')).map((t) => ({
        text: t.textContent,
        elements: t.querySelectorAll('a, tspan[style*="font-weight"], tspan.line + tspan.line').length,
      })),
    );
    // Names past 20 characters are cut on the axes (the hover has them in full): the cut text, as text.
    for (const name of [img, markup]) expect(ticks.filter((t) => t.text === shortLabels([name], 20)[0]).length, name).toBe(2);
    expect(ticks.filter((t) => t.elements > 0)).toEqual([]);
    expect(await page.locator('[data-plot] svg a').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await browser().screenshot('data-xss-desktop');
  });
});

/// <reference lib="dom" />
// Defects found by walking the built studio as a user (session 4), each checked where the
// user saw it:
// - on a phone, Plotly's mode bar covered every chart title (Results, Diagnostics, Optimize);
// - the Fit step showed the running divergence count, warmup included, in red ("5
//   divergences") while Diagnostics said 0 divergent draws: the Fit step's count after warmup
//   must equal the Diagnostics count per chain;
// - on a phone the MTA chart of 12 channels × 10 models drew bars a pixel or two wide: there
//   the bars run horizontally and each is at least 4 px thick;
// - a journey file (PathData.csv) dropped on the Data step said only "No date column chosen":
//   it is named as a journey file, with a way to the Attribution area;
// - at desktop widths the prior-sensitivity table was wider than its panel, its Flag column
//   cut off behind a sideways scroll: it fits at 1280 px;
// - the Results channel table's "Spend" sat under "posterior mean [90% interval]" without an
//   interval or a unit: it is the observed total over the window, and says so;
// - response curves of channels with very different spend crowded the small ones into the
//   axis' left edge, every current-spend cross black: a relative axis (× current spend) puts
//   every cross at 1×, each in its channel's colour;
// - two fits of the same data within a minute got the same name in the Runs library and the
//   model comparison: the second is "(2)";
// - the Runs comparison listed parameters in model units only: it shows each channel's ROAS
//   in both runs, with intervals;
// - outside UTC a run's name gave the minute in UTC while the library listed it in local time
//   ("05:24" made at "18:24:11"): names use local time;
// - at desktop widths the MTA table broke channel names mid-word ("brand_se / arch"): each
//   name stays on one line;
// - on a phone the run's name in the step headings broke after the date's hyphen
//   ("… · 2026-11-" / "23 05:07"): the date and time stay together;
// - a typed-in lift test with a bad cell was named in the list above the table only: the
//   cell itself is marked invalid;
// - on Robyn's data the ridge ROAS intervals that start at 0 are explained under the chart,
//   naming exactly those channels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/app/results/format';
import { DESKTOP, PHONE, useBrowser } from './harness';
import { tryDemo, waitResults } from './support/flows';

const browser = useBrowser();
const ROBYN = path.resolve(__dirname, '../../../shared/data/robyn/dt_simulated_weekly.csv');
const PATHS = path.resolve(__dirname, '../../../shared/data/mta/PathData.csv');

/**
 * Per drawn plot: does its mode bar's box overlap its title's box (2 px of touching allowed),
 * and does the title end above the plot area (moving the title down must not push it onto the data)?
 */
async function modebarOverTitle(page: Page): Promise<Array<{ plot: string; overlap: boolean; onPlot: boolean }>> {
  for (const fig of await page.locator('[data-plot]').all()) {
    if (!(await fig.isVisible())) continue;
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.main-svg').first().waitFor({ timeout: 30_000 });
  }
  // Plots redraw on the frames after a resize of their container; let them settle.
  await page.waitForTimeout(500);
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-plot]'))
      .filter((f) => f.querySelector('.main-svg'))
      .map((f) => {
        const a = f.querySelector('.modebar')!.getBoundingClientRect();
        const b = f.querySelector('.gtitle')!.getBoundingClientRect();
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom - 2 && b.top < a.bottom - 2;
        const area = f.querySelector('.nsewdrag')?.getBoundingClientRect();
        return { plot: f.getAttribute('data-plot') ?? '', overlap, onPlot: area !== undefined && b.bottom > area.top + 2 };
      }),
  );
}

describe('walking the studio', () => {
  it('phone: no chart title under the mode bar; Fit step divergences after warmup = Diagnostics per chain', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await tryDemo(page, 11);
    await waitResults(page);
    // The heading keeps the run's date and time on one line (it broke after "2026-11-").
    const stampLines = await page.locator('#results-h .stamp').evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size;
    });
    expect(stampLines).toBe(1);
    for (const step of ['results', 'diagnostics', 'optimize'] as const) {
      await page.locator(`#tab-${step}`).click();
      if (step === 'optimize') await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
      await page.locator('#panel [data-plot]').first().waitFor({ timeout: 60_000 });
      const plots = await modebarOverTitle(page);
      expect(plots.length, `${step}: plots drawn`).toBeGreaterThan(2);
      expect(plots.filter((p) => p.overlap).map((p) => p.plot), `${step}: titles under the mode bar`).toEqual([]);
      expect(plots.filter((p) => p.onPlot).map((p) => p.plot), `${step}: titles over the plot area`).toEqual([]);
    }
    await s.screenshot('walkthrough-optimize-phone');
    // A chart without a mode bar (the Model step's prior densities) keeps its title at the top.
    await page.locator('#tab-model').click();
    const density = page.locator('[data-plot^="prior-"]').first();
    await density.scrollIntoViewIfNeeded();
    await density.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    const titleTop = await density.evaluate((f) => f.querySelector('.gtitle')!.getBoundingClientRect().top - f.getBoundingClientRect().top);
    expect(titleTop).toBeLessThan(20);

    await page.locator('#tab-diagnostics').click();
    const kept = await page.locator('[data-testid="chain-table"] tbody tr td[data-label="Divergent"]').allTextContents();
    await page.locator('#tab-fit').click();
    const shown = await page.locator('li.chain .divergences > span').first().textContent();
    const rows = await page.locator('li.chain .divergences').allTextContents();
    expect(rows.length).toBe(kept.length);
    rows.forEach((r, c) => expect(r.trim(), `chain ${c + 1}`).toMatch(new RegExp(`^${kept[c].trim()} divergences?(\\s\\(\\+\\d+ in warmup, discarded\\))?$`)));
    expect(shown).toMatch(/divergence/);
  });

  it("desktop: the ridge note names exactly the channels whose ROAS interval starts at 0", async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await page.locator('input[type="file"][multiple]').first().setInputFiles(ROBYN);
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
    await page.locator('#tab-ridge').click();
    for (const [label, v] of Object.entries({ Population: 16, Generations: 6, 'Bootstrap replicates': 60, 'Ridge seed': 77 })) {
      const input = page.getByLabel(label, { exact: true });
      await input.fill(String(v));
      await input.press('Tab');
    }
    await page.getByRole('button', { name: 'Run ridge' }).click();
    await page.waitForSelector('[data-testid="ridge"][data-completed="1"]', { timeout: 60_000 });
    const roas = await page.locator('[data-testid="ridge-channels"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ channel: tr.getAttribute('data-channel') ?? '', roas: tr.querySelector('.ridge-roas')?.textContent ?? '' })),
    );
    const atZero = roas.filter((r) => /\[0\.0, /.test(r.roas)).map((r) => r.channel);
    expect(atZero.length).toBeGreaterThan(0);
    const note = (await page.getByTestId('ridge-wide-note').textContent()) ?? '';
    for (const r of roas) expect(new RegExp(`\\b${r.channel}\\b`).test(note.split(' start')[0]), r.channel).toBe(atZero.includes(r.channel));
    await s.assertLayout('ridge with note @ 1280');
  });

  it('phone: the MTA models chart draws horizontal bars at least 4 px thick, every model and channel', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await page.locator('#tab-attribution').click();
    await page.locator('#mta-file').setInputFiles(PATHS);
    const fig = page.locator('[data-plot="mta-models"]');
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.main-svg').first().waitFor({ timeout: 60_000 });
    const drawn = await fig.locator('.plot-canvas').evaluate((el) =>
      (el as unknown as { data: Array<{ orientation?: string; y: string[] }> }).data.map((d) => ({ orientation: d.orientation, channels: d.y.length })),
    );
    expect(drawn.length).toBe(10);
    for (const d of drawn) expect(d).toEqual({ orientation: 'h', channels: 12 });
    const thickness = await fig.locator('.bars path').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().height).filter((h) => h > 0));
    expect(thickness.length).toBeGreaterThan(100);
    // 4 px is the layout's bar (models-figure.ts BAR_PX); Plotly's geometry lands a few 1e-6 px either side.
    expect(Math.min(...thickness)).toBeGreaterThanOrEqual(4 - 1e-3);
    await s.assertLayout('attribution @ 390');
  });

  it('desktop: a journey file on the Data step is named as one, with a way to Attribution', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await page.locator('input[type="file"][multiple]').first().setInputFiles(PATHS);
    const box = page.getByTestId('journey-file');
    await box.waitFor({ timeout: 60_000 });
    const text = await box.innerText();
    for (const part of [/customer journeys as paths/, /Attribution area/, /PathData\.csv/]) expect(text).toMatch(part);
    await box.getByRole('button', { name: 'Go to Attribution' }).click();
    await page.waitForSelector('#tab-attribution[aria-selected="true"]');
  });

  it('desktop: the prior-sensitivity table fits its panel, Flag column visible', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await tryDemo(page, 4);
    await waitResults(page);
    await page.locator('#tab-diagnostics').click();
    await page.getByRole('button', { name: 'Run sensitivity check' }).click();
    await page.getByTestId('sensitivity-table').waitFor({ timeout: 120_000 });
    const fit = await page.getByTestId('sensitivity-table').evaluate((t) => {
      const region = t.closest('.table-scroll') as HTMLElement;
      return { table: Math.ceil(t.getBoundingClientRect().width), region: region.clientWidth, scroll: region.scrollWidth };
    });
    expect(fit.scroll, `table ${fit.table} px in a region of ${fit.region} px`).toBeLessThanOrEqual(fit.region);
    await s.assertLayout('diagnostics with sensitivity @ 1280');
  });

  it('desktop: Results spend is the observed total, response curves on a relative axis; two fits of the same data in the same minute get different names and compare on ROAS', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await tryDemo(page, 21);
    await waitResults(page);
    await page.locator('#tab-fit').click();
    await page.getByRole('button', { name: 'Start fit' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 180_000 });
    // The channel table's spend: the observed total of the demo CSV's column, said as such.
    const csv = readFileSync(path.resolve(__dirname, '../../public/demo/mmm_example.csv'), 'utf8').trim().split('\n');
    const col = csv[0].split(',').indexOf('x1');
    const total = csv.slice(1).reduce((t, line) => t + Number(line.split(',')[col]), 0);
    const cell = page.locator('table.channels tbody tr', { hasText: 'x1' }).locator('td[data-label="Spend (total)"]');
    await expect(cell.textContent()).resolves.toBe(num(total));
    await expect(page.locator('table.channels caption').textContent()).resolves.toMatch(/spend as observed/);
    await page.getByLabel(/Multiple of current spend/).check();
    const fig = page.locator('[data-plot="response-curves"]');
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => fig.locator('.plot-canvas').evaluate((el) => (el as unknown as { layout: { xaxis: { ticksuffix?: string } } }).layout.xaxis.ticksuffix))
      .toBe('×');
    const crosses = await fig.locator('.plot-canvas').evaluate((el) =>
      (el as unknown as { data: Array<{ legendgroup?: string; x: number[]; marker?: { color?: string } }> }).data
        .filter((d) => d.legendgroup === 'current')
        .map((d) => ({ x: d.x[0], color: d.marker?.color })),
    );
    expect(crosses.map((c) => c.x)).toEqual([1, 1]);
    expect(new Set(crosses.map((c) => c.color)).size).toBe(2);
    await page.locator('#tab-runs').click();
    await page.locator('li[data-run-id]').nth(1).waitFor();
    const names = await page.locator('li[data-run-id] strong.name').allTextContents();
    const mine = names.filter((n) => n.startsWith('mmm_example'));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine).size, mine.join(' | ')).toBe(mine.length);
    // Compared, the two runs show each channel's ROAS with its interval, not only parameters in model units.
    for (const cb of await page.locator('li[data-run-id] input[type="checkbox"]').all()) if (!(await cb.isChecked())) await cb.check();
    await page.getByRole('button', { name: /Compare selected/ }).click();
    await page.getByTestId('compare-roas').locator('tbody tr').nth(1).waitFor({ timeout: 30_000 });
    const roasRows = await page.getByTestId('compare-roas').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')));
    expect(roasRows.map((r) => r[0])).toEqual(['x1', 'x2']);
    for (const r of roasRows) for (const cell of r.slice(1)) expect(cell).toMatch(/^[\d.]+k? \[[\d.]+k?, [\d.]+k?\]$/);
  });

  it('desktop, in Auckland: a new run is named with the local minute the library lists it at', async () => {
    const s = browser();
    const context = await s.browser.newContext({ viewport: DESKTOP, timezoneId: 'Pacific/Auckland' });
    try {
      const page = await context.newPage();
      await page.goto(s.url);
      await page.waitForSelector('[data-testid="studio"][data-restored="true"]', { timeout: 30_000 });
      await tryDemo(page, 31);
      await waitResults(page);
      await page.locator('#tab-runs').click();
      const row = page.locator('li[data-run-id]').first();
      await row.waitFor();
      const name = (await row.locator('strong.name').textContent()) ?? '';
      const listed = (await row.locator('.muted').first().textContent()) ?? '';
      const minute = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}):\d{2}/.exec(listed)?.[1];
      expect(minute, listed).toBeTruthy();
      expect(name).toContain(` · ${minute}`);
    } finally {
      await context.close();
    }
  });

  it("desktop: the MTA table keeps each channel name on one line", async () => {
    const s = browser();
    const page = await s.open({ width: 1440, height: 900 });
    await page.locator('#tab-attribution').click();
    await page.getByRole('button', { name: /Try 50,000 demo journeys/ }).click();
    await page.getByTestId('mta-table').waitFor({ timeout: 120_000 });
    const lines = await page.getByTestId('mta-table').evaluate((t) =>
      Array.from(t.querySelectorAll('tbody th[scope="row"]')).map((th) => {
        const r = document.createRange();
        r.selectNodeContents(th);
        const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
        return { name: th.textContent ?? '', lines: tops.size };
      }),
    );
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.lines !== 1)).toEqual([]);
    await s.assertLayout('attribution demo journeys @ 1440');
  });

  it('desktop: the cell a lift-test error names is marked invalid in the typed-in table', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await page.getByRole('button', { name: 'Load the demo data only' }).click();
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 30_000 });
    await page.locator('#tab-model').click();
    await page.getByRole('button', { name: 'Add a test row' }).click();
    for (const [label, v] of [['x, row 1', '0.3'], ['Δx, row 1', '0.1'], ['Δy, row 1', '40'], ['σ, row 1', '-5']] as const) {
      const input = page.getByLabel(label, { exact: true });
      await input.fill(v);
      await input.press('Tab');
    }
    await page.getByRole('alert').filter({ hasText: 'Lift-test problems' }).waitFor();
    await expect(page.getByLabel('σ, row 1', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    for (const ok of ['x, row 1', 'Δx, row 1', 'Δy, row 1']) await expect(page.getByLabel(ok, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('false');
    await s.assertAccessible('typed-in lift test with an invalid cell');
  });
});

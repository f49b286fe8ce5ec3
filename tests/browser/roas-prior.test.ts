// ROAS priors in the built studio, the MTA-informed flow end to end on the demo data (x1, x2).
// The attribution results of PathData are not the demo's channels, so a small hand-made
// mta_attribution.json (below) credits x1 and x2 over the demo's whole date range: x1 at about
// its data ROAS, x2 at three times it. In Model → Calibration it becomes one LogNormal per
// channel (mean, 90% interval, as src/calibration computes them in Node), x1 is left out, the
// x2 card shows its ROAS prior instead of saturation_beta's HalfNormal; a short fit
// (2 × (150 + 150)) records the prior; the Calibration tab shows it against the posterior and,
// after "Fit without the MTA-informed priors", both posteriors side by side, with both runs in
// the library and linked both ways. Layout at 1280 and 390 px, axe, no request off the origin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/app/results/format';
import { describeRoasPrior, mtaRoasPriors, type MtaAttribution } from '../../src/calibration/mta-prior';
import type { Dataset } from '../../src/core/types';
import { DESKTOP, PHONE, REPO_ROOT, useBrowser } from './harness';
import { loadDemo, startShortFit, waitResults } from './support/flows';

const browser = useBrowser();

// The demo's spend columns, read straight from the CSV the studio loads.
const csv = readFileSync(path.join(REPO_ROOT, 'public/demo/mmm_example.csv'), 'utf8').trim().split(/\r?\n/);
const header = csv[0].split(',');
const rows = csv.slice(1).map((l) => l.split(','));
const col = (name: string) => Float64Array.from(rows, (r) => Number(r[header.indexOf(name)]));
const dates = rows.map((r) => r[header.indexOf('date_week')]);
const total = (name: string) => col(name).reduce((a, b) => a + b, 0);
// Data ROAS of the demo's default fit is about 5000 (x1) and 2400 (x2); x2 is credited at 3×.
const MTA: MtaAttribution = {
  metadata: { data_range: { first: dates[0], last: dates[dates.length - 1] } },
  models: { markov_1: { x1: { conversions: 400, value: 5000 * total('x1') }, x2: { conversions: 300, value: 7000 * total('x2') } } },
};
const MTA_FILE = { name: 'mta_attribution.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...MTA, removal_effects: {} })) };
const demo = { dates, grain: 'week', channels: ['x1', 'x2'].map((name) => ({ name, spend: col(name) })) } as unknown as Dataset;
const expected = mtaRoasPriors(MTA, demo, MTA_FILE.name);

const cells = (selector: string) =>
  browser().page.evaluate(
    (sel) => Array.from(document.querySelectorAll(`${sel} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    selector,
  );

async function plotPoints(name: string): Promise<number> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ x?: ArrayLike<unknown> }> };
    return gd.data.reduce((s, t) => s + Array.from(t.x ?? []).filter((v) => typeof v === 'number' && Number.isFinite(v)).length, 0);
  }, name);
}

describe('MTA-informed ROAS priors', () => {
  it('turn an uploaded mta_attribution.json into one LogNormal per channel, applied per channel', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);
    await page.locator('#tab-model').click();
    await page.locator('#mta-file').setInputFiles(MTA_FILE);
    const table = page.getByTestId('mta-prior-table');
    await table.waitFor({ timeout: 30_000 });
    expect(expected.issues).toEqual([]);
    // The model is named as the Attribution step names it; the channel map stays closed when the names match.
    await expect(page.getByLabel('Attribution model').locator('option:checked').textContent()).resolves.toBe('Markov order 1');
    await expect(page.getByTestId('mta-channel-map').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    // Apply, channel, credit, spend, mean, 90% interval, σ, label, status.
    const shown = await cells('[data-testid="mta-prior-table"]');
    expect(shown.map((r) => r[1])).toEqual(['x1', 'x2']);
    shown.forEach((r, i) => {
      const p = describeRoasPrior(expected.priors[i]);
      expect(r.slice(2, 8)).toEqual([num(expected.credited[i].credit), num(expected.credited[i].spend), num(p.mean), `${num(p.q05)} – ${num(p.q95)}`, '1.00', 'MTA-informed (Markov order 1)']);
      expect(r[8]).toBe('applied');
    });
    // The prior's mean is the credited ROAS times e^(σ²/2) (LogNormal with median = credited ROAS, σ = 1).
    expect(describeRoasPrior(expected.priors[1]).mean / (7000 * Math.exp(0.5))).toBeCloseTo(1, 10);
    await expect(page.getByTestId('lift-tests-in-use').textContent()).resolves.toMatch(/no lift tests as likelihood terms and 2 ROAS priors/);

    await page.getByLabel('Apply the MTA-informed prior to x1').uncheck();
    await expect(page.getByTestId('lift-tests-in-use').textContent()).resolves.toMatch(/and 1 ROAS prior\./);
    expect((await cells('[data-testid="roas-priors-in-use"]')).map((r) => [r[0], r[1], r[2]])).toEqual([['x2', 'MTA-informed (Markov order 1)', 'MTA']]);
    // x2's card shows its ROAS prior (and the beta prior it implies), not beta's own editor; x1 keeps its editor.
    await expect(page.locator('[data-testid="roas-prior-plot"][data-channel="x2"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid="roas-prior-plot"][data-channel="x1"]').count()).resolves.toBe(0);
    await expect(page.locator('#prior-x2-saturation_beta-dist').count()).resolves.toBe(0);
    await expect(page.locator('#prior-x1-saturation_beta-dist').count()).resolves.toBe(1);
    expect(await plotPoints('roas-prior-x2')).toBeGreaterThan(50);
    await s.assertLayout('model with MTA priors @ 1280');
    await s.assertAccessible('model with MTA priors @ 1280');
    await s.screenshot('roas-prior-model-desktop');
    await page.setViewportSize(PHONE);
    await s.assertLayout('model with MTA priors @ 390');
    await s.screenshot('roas-prior-model-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('a short fit records the prior; the Calibration tab shows it against the posterior', async () => {
    const s = browser();
    const page = s.page;
    await startShortFit(page, 7);
    await waitResults(page);
    await page.locator('#tab-calibration').click();
    const channels = page.getByTestId('calibration-channels');
    await channels.waitFor({ timeout: 60_000 });
    const rowsShown = await cells('[data-testid="calibration-channels"]');
    expect(rowsShown.map((r) => r[0])).toEqual(['x2']);
    // Channel, tests and priors, prior, posterior, narrowing, ROAS prior, its LogNormal, posterior in its scope.
    const p = describeRoasPrior(expected.priors[1]);
    expect(rowsShown[0][5]).toBe('MTA-informed (Markov order 1) (over the data)');
    expect(rowsShown[0][6]).toBe(`${num(p.mean)} [${num(p.q05)}, ${num(p.q95)}]`);
    expect(rowsShown[0][7]).toMatch(/^[\d.]+k? \[/);
    expect(await plotPoints('calibration-roas-prior')).toBe(2);
  }, 300_000);

  it('fits the counterpart without the MTA-informed priors and shows both posteriors side by side, both runs saved and linked', async () => {
    const s = browser();
    const page = s.page;
    const original = (await page.locator('.run-name').textContent())!.trim();
    await page.getByRole('button', { name: 'Fit without the MTA-informed priors' }).click();
    const table = page.getByTestId('mta-comparison-table');
    await table.waitFor({ timeout: 240_000 });
    const shown = await cells('[data-testid="mta-comparison-table"]');
    expect(shown.map((r) => r[0])).toEqual(['x1', 'x2']);
    expect(shown[0][1]).toBe('none');
    const p = describeRoasPrior(expected.priors[1]);
    expect(shown[1][1]).toBe(`${num(p.mean)} [${num(p.q05)}, ${num(p.q95)}]`);
    for (const r of shown) {
      expect(r[2]).toMatch(/^[\d.]+k? \[/);
      expect(r[3]).toMatch(/^[\d.]+k? \[/);
      expect(Number.isFinite(Number(r[5]))).toBe(true);
      expect(Number(r[6])).toBeGreaterThan(0);
    }
    // With / without per channel, the prior on x2 only.
    expect(await plotPoints('mta-comparison')).toBe(2 + 2 + 1);
    const twin = (await page.getByTestId('mta-counterpart-name').textContent())!.trim();
    expect(twin).toBe(`${original} · without MTA-informed priors`);
    await s.assertLayout('mta comparison @ 1280');
    await s.assertAccessible('mta comparison @ 1280');
    await s.screenshot('roas-prior-comparison-desktop');
    await page.setViewportSize(PHONE);
    await s.assertLayout('mta comparison @ 390');
    await s.screenshot('roas-prior-comparison-phone');
    await page.setViewportSize(DESKTOP);

    // Both runs are in the library; the counterpart, opened, points back at the original.
    await page.locator('#tab-runs').click();
    const names = await page.locator('li[data-run-id] .name').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(expect.arrayContaining([original, twin]));
    await page.locator('li[data-run-id]', { hasText: twin }).getByRole('button', { name: 'Open' }).click();
    await page.locator('#tab-calibration').click();
    await page.getByTestId('mta-comparison-table').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('mta-comparison').textContent()).resolves.toContain('This run is the fit without them');
    await expect(page.getByTestId('mta-counterpart-name').textContent()).resolves.toBe(original);
    expect(s.foreignRequests).toEqual([]);
  }, 420_000);

  it('opens the channel map by itself when no MTA channel matches a data channel', async () => {
    const s = browser();
    const page = s.page;
    await page.locator('#tab-model').click();
    const other = { ...MTA, models: { linear: { tv_brand: MTA.models.markov_1.x1, search_paid: MTA.models.markov_1.x2 } } };
    await page.locator('#mta-file').setInputFiles({ ...MTA_FILE, name: 'other_mta.json', buffer: Buffer.from(JSON.stringify(other)) });
    const map = page.getByTestId('mta-channel-map');
    await expect.poll(() => map.evaluate((d) => (d as HTMLDetailsElement).open), { timeout: 30_000 }).toBe(true);
    await expect(page.getByLabel('Attribution model').locator('option:checked').textContent()).resolves.toBe('Linear');
    // Mapping the first channel keeps it open for the next.
    await map.getByLabel('tv_brand →').selectOption('x1');
    await expect(map.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    await map.locator('summary').scrollIntoViewIfNeeded();
    await s.screenshot('roas-prior-map-open-desktop');
    expect(await cells('[data-testid="mta-prior-table"]').then((r) => r.map((c) => c[1]))).toEqual(['x1']);
  }, 120_000);
});

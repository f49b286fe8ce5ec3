// Lift-test calibration in the built studio: the workspace (dev_workspace_hill, raw files plus
// analysis/incrementality_results.json) brings its two tests into Model → Calibration, mapped to
// per-period numbers exactly as src/calibration maps them in Node; a deliberately wrong tv test
// (lift twice the workspace's) is typed into the table, a bad row is named by row and column;
// a short fit (2 chains × (150 + 150)) uses all three tests, and the Calibration view shows
// prior vs posterior at each test (one small figure per test, on its own axis) and flags the
// wrong one (> 2σ, issue 6 acceptance 1).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/app/results/format';
import { importLiftTests } from '../../src/calibration';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sidewaysTables, yTitleOnTicks } from './area-layout';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const WORKSPACE = path.resolve(__dirname, '../../../shared/data/synthetic/dev_workspace_hill');
const FILES = ['raw', 'analysis'].flatMap((sub) => readdirSync(path.join(WORKSPACE, sub)).map((f) => path.join(WORKSPACE, sub, f)));

// The oracle: the same files through src/data and src/calibration in Node.
const parsed = parseFiles(FILES.map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') })));
const dataset = buildDataset(parsed, detectRoles(parsed)).dataset!;
const pass = parsed.passthrough[0];
const expected = importLiftTests(pass.text, pass.file, dataset).tests;
const tv = expected.find((t) => t.channel === 'tv')!;
const WRONG = 'tv wrong (2x lift)';

async function fillCell(label: string, value: string) {
  const input = browser().page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Tab');
}

async function plotPoints(name: string): Promise<number> {
  const page = browser().page;
  await page.locator(`[data-plot="${name}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-plot="${name}"] .main-svg`, { timeout: 30_000 });
  return page.evaluate((n) => {
    const gd = document.querySelector(`[data-plot="${n}"] .js-plotly-plot`) as unknown as { data: Array<{ x?: ArrayLike<unknown> }> };
    return gd.data.reduce((s, t) => s + Array.from(t.x ?? []).filter((v) => typeof v === 'number' && Number.isFinite(v)).length, 0);
  }, name);
}

/** A number as num() shows it ("13.3k", "1.20M", "0.55"). */
const shown = (t: string) => Number(t.replace(/[kM]$/, '')) * (t.endsWith('M') ? 1e6 : t.endsWith('k') ? 1e3 : 1);
/** Width of the interval in "mean [q05, q95]". */
function shownWidth(text: string): number {
  const m = /\[(\S+), (\S+)\]/.exec(text);
  if (!m) throw new Error(`no interval in "${text}"`);
  return shown(m[2]) - shown(m[1]);
}

const rowCells = (selector: string) =>
  browser().page.evaluate(
    (sel) => Array.from(document.querySelectorAll(`${sel} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    selector,
  );

describe('calibration with lift tests', () => {
  it('maps the workspace tests in Model → Calibration', async () => {
    const s = browser();
    const page = await s.open();
    await page.locator('input[type="file"][multiple]').first().setInputFiles(FILES);
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 60_000 });
    await page.locator('#tab-model').click();
    await page.locator('[data-testid="lift-tests"]').waitFor({ timeout: 30_000 });
    const rows = await rowCells('[data-testid="lift-tests"]');
    // Use, test, channel, x, Δx, Δy, σ, Δy/Δx, source, notes.
    expect(rows.map((r) => r[2])).toEqual(expected.map((t) => t.channel));
    rows.forEach((r, i) => {
      const t = expected[i];
      expect(r.slice(3, 8)).toEqual([num(t.x), num(t.delta_x), num(t.delta_y), num(t.sigma), num(t.delta_y / t.delta_x)]);
      expect(r[8]).toBe(`workspace incrementality_results.json, row ${i + 1} (incrementality results)`);
    });
    await expect(page.getByTestId('lift-tests-in-use').textContent()).resolves.toMatch(/uses 2 lift tests/);
    // The metric "sales" is read as the target "revenue": a warning naming file, row and column.
    await expect(page.getByRole('alert').filter({ hasText: 'Lift-test problems' }).textContent()).resolves.toMatch(/file incrementality_results\.json, row 1, column metric/);
    await s.assertLayout('model calibration @ 1280');
    await s.assertAccessible('model calibration @ 1280');
    await s.screenshot('calibration-model-desktop');
  });

  it('takes a typed test, and names the row and column of a bad one', async () => {
    const s = browser();
    const page = s.page;
    await page.getByRole('button', { name: 'Add a test row' }).click();
    await page.getByLabel('Channel, row 1', { exact: true }).selectOption('tv');
    await fillCell('x, row 1', String(tv.x));
    await fillCell('Δx, row 1', String(tv.delta_x));
    await fillCell('Δy, row 1', String(2 * tv.delta_y));
    await fillCell('σ, row 1', String(tv.sigma));
    await fillCell('Label, row 1', WRONG);
    await expect(page.getByTestId('lift-tests-in-use').textContent()).resolves.toMatch(/uses 3 lift tests/);
    const rows = await rowCells('[data-testid="lift-tests"]');
    expect(rows[2].slice(1, 8)).toEqual([WRONG, 'tv', num(tv.x), num(tv.delta_x), num(2 * tv.delta_y), num(tv.sigma), num((2 * tv.delta_y) / tv.delta_x)]);
    expect(rows[2][8]).toBe('table, row 1 (per period)');

    await page.getByRole('button', { name: 'Add a test row' }).click();
    await fillCell('x, row 2', '1000');
    await fillCell('Δx, row 2', '100');
    await fillCell('Δy, row 2', '50');
    await fillCell('σ, row 2', '-5');
    await expect(page.getByRole('alert').filter({ hasText: 'Lift-test problems' }).textContent()).resolves.toMatch(/standard error is not positive.*\(typed-in table, row 2, column σ, channel /);
    await expect(page.getByTestId('lift-tests-in-use').textContent()).resolves.toMatch(/uses 3 lift tests/);
    await page.setViewportSize(PHONE);
    await s.assertLayout('model calibration @ 390');
    // The mapped tests and the typed-in rows are cards on a phone: nothing scrolls sideways.
    expect(await sidewaysTables(page)).toEqual([]);
    await s.screenshot('calibration-model-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'Remove row 2' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Lift-test problems' }).textContent()).resolves.not.toMatch(/row 2, column σ/);
  });

  it('a short fit uses the tests; the Calibration view shows prior vs posterior and flags the wrong test', async () => {
    const s = browser();
    const page = s.page;
    await page.locator('#tab-fit').click();
    for (const [label, v] of [['Chains', 2], ['Warmup', 150], ['Draws', 150], ['Seed', 6]] as const) {
      const input = page.getByLabel(label, { exact: true });
      await input.fill(String(v));
      await input.press('Tab');
    }
    await page.getByRole('button', { name: 'Start fit' }).click();
    await page.waitForSelector('#tab-results[aria-selected="true"]', { timeout: 240_000 });
    await page.locator('#tab-calibration').click();
    const verdict = page.getByTestId('calibration-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    await expect(verdict.textContent()).resolves.toMatch(/disagrees with \d of 3 lift tests by more than 2σ/);
    expect(await verdict.textContent()).toContain(WRONG);

    const tests = await rowCells('[data-testid="calibration-tests"]');
    expect(tests.map((r) => r[0])).toEqual([...expected.map((t) => t.label), WRONG]);
    const wrongRow = page.locator('[data-testid="calibration-tests"] tbody tr', { hasText: WRONG });
    await expect(wrongRow.getAttribute('data-disagrees')).resolves.toBe('true');
    for (const r of tests) {
      // Prior and posterior lift: "mean [q05, q95]" with numbers; z a number.
      expect(r[3]).toMatch(/^-?[\d.]+k?M? \[/);
      expect(r[4]).toMatch(/^-?[\d.]+k?M? \[/);
      expect(Number.isFinite(Number(r[5]))).toBe(true);
    }
    // z of the wrong test is below −2: the posterior sits under the doubled lift.
    expect(Number(tests[2][5])).toBeLessThan(-2);
    const channels = await rowCells('[data-testid="calibration-channels"]');
    expect(channels.map((r) => r[0])).toEqual(['tv', 'radio']);
    // No ROAS prior in this run: no columns of dashes for one (channel, tests, prior, posterior, narrowing).
    for (const r of channels) expect(r).toHaveLength(5);
    expect(channels[0][1]).toContain(WRONG);
    // Three traces (prior, posterior, test) per test; two (prior, posterior) per calibrated channel.
    // One small figure per test (its own axis): prior, posterior and test, one point each.
    for (const i of [1, 2, 3]) expect(await plotPoints(`calibration-lift-${i}`)).toBe(3);
    expect(await plotPoints('calibration-roas')).toBe(2 * 2);
    // Narrowing in words: 1 − posterior/prior 90% width, "wider" when the posterior is wider,
    // consistent with the intervals shown (to their display rounding).
    for (const r of channels) {
      const m = /^(\d+\.\d)% (narrower|wider)$/.exec(r[4]);
      expect(m, r[4]).not.toBeNull();
      const narrowing = 1 - shownWidth(r[3]) / shownWidth(r[2]);
      expect(m![2]).toBe(narrowing >= 0 ? 'narrower' : 'wider');
      expect(Math.abs(Number(m![1]) - 100 * Math.abs(narrowing))).toBeLessThan(1.5);
    }
    // Each test's figure is titled with its label and the table's verdict (⚠ when flagged), and
    // its shaded band Δy ± 2σ holds the posterior mean exactly when the test is not flagged.
    expect(await yTitleOnTicks(page, 'calibration-lift-1')).toEqual([]);
    const flags = await page.locator('[data-testid="calibration-tests"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-disagrees') === 'true'));
    const figures = await page.evaluate(() =>
      [1, 2, 3].map((i) => {
        const gd = document.querySelector(`[data-plot="calibration-lift-${i}"] .js-plotly-plot`) as unknown as { data: Array<{ name: string; x: number[] }>; layout: { shapes: Array<{ x0: number; x1: number }> } };
        const title = document.querySelector(`[data-plot="calibration-lift-${i}"] .gtitle`)?.textContent ?? '';
        return { title, posterior: gd.data.find((d) => d.name === 'Posterior')!.x[0], band: gd.layout.shapes[0] };
      }),
    );
    figures.forEach((f, i) => {
      const label = [...expected.map((t) => t.label), WRONG][i]!;
      expect(f.title.startsWith(flags[i] ? `⚠ ${label}: disagrees` : `${label}: agrees`), f.title).toBe(true);
      expect(f.posterior < f.band.x0 || f.posterior > f.band.x1).toBe(flags[i]);
    });
    expect(flags[2]).toBe(true);
    await s.assertLayout('calibration view @ 1280');
    await s.assertAccessible('calibration view @ 1280');
    await s.screenshot('calibration-view-desktop');
    await page.setViewportSize(PHONE);
    await s.assertLayout('calibration view @ 390');
    expect(await sidewaysTables(page)).toEqual([]);
    expect(await yTitleOnTicks(page, 'calibration-lift-3')).toEqual([]);
    expect(await yTitleOnTicks(page, 'calibration-roas')).toEqual([]);
    await s.screenshot('calibration-view-phone');
    await page.setViewportSize(DESKTOP);
    expect(s.foreignRequests).toEqual([]);
  }, 420_000);

  it('the workspace picked as a folder: the Source column names the file, the path is on hover, nothing scrolls sideways at 1280', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    // A folder pick gives each file its path inside the folder (webkitRelativePath).
    await page.locator('input[type="file"][webkitdirectory]').first().setInputFiles(WORKSPACE);
    await page.locator('[role="status"]', { hasText: 'Loaded' }).first().waitFor({ timeout: 60_000 });
    await page.locator('#tab-model').click();
    await page.locator('[data-testid="lift-tests"]').waitFor({ timeout: 30_000 });
    // The session keeps the tests typed in earlier: the workspace's two are the ones from the folder.
    const all = await page.locator('[data-testid="lift-tests"] td.source').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent?.trim() ?? '', title: td.getAttribute('title') })));
    const cells = all.filter((c) => c.text.startsWith('workspace'));
    expect(cells).toHaveLength(2);
    cells.forEach((c, i) => {
      expect(c.text).toBe(`workspace incrementality_results.json, row ${i + 1} (incrementality results)`);
      expect(c.title).toMatch(new RegExp(`^workspace \\S*dev_workspace_hill/analysis/incrementality_results\\.json, row ${i + 1} \\(incrementality results\\)$`));
    });
    expect(await sidewaysTables(page)).toEqual([]);
    await page.locator('[data-testid="lift-tests"]').scrollIntoViewIfNeeded();
    await s.screenshot('calibration-model-folder-desktop');
  }, 180_000);
});

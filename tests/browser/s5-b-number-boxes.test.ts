// Model → Calibration, Robyn's lift-test rows without a standard error: σ is the fraction
// typed in the box × |liftAbs| (src/calibration/from-robyn.ts). Emptying the box used to feed
// NaN into every such test; now empty is the default 0.25 (the hint says so) and a value
// outside [0.01, 2] is named and not used. The oracle is src/calibration in Node on the same
// CSV and the demo's data. The Model step's adstock window and Fourier order, emptied, said only
// "l_max must be a whole number" under an empty box: now what the model keeps. On a phone the Robyn options made the page 508 px wide: they fit now.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/app/results/format';
import { importLiftTests } from '../../src/calibration';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { DESKTOP, PHONE, useBrowser } from './harness';
import { loadDemo } from './support/flows';

const browser = useBrowser();
const DEMO = path.resolve(__dirname, '../../public/demo/mmm_example.csv');
// One Robyn row on the demo's x1, no sigma column: σ comes from the fraction.
const CSV = 'channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,calibration_scope\nx1,2020-01-06,2020-02-24,7000,12,0.9,immediate\n';
const parsed = parseFiles([{ name: 'mmm_example.csv', text: readFileSync(DEMO, 'utf8') }]);
const dataset = buildDataset(parsed, detectRoles(parsed)).dataset!;
const sigmaWith = (fraction?: number) => {
  const out = importLiftTests(CSV, 'robyn.csv', dataset, { robynSigmaFraction: fraction });
  expect(out.tests, JSON.stringify(out.issues)).toHaveLength(1);
  return num(out.tests[0].sigma);
};
const LABEL = 'σ without a standard error (fraction of |liftAbs|)';

describe('number boxes emptied or mistyped', () => {
  it('empty means the default 0.25, said in a hint; out of range is named and not used', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await loadDemo(page);
    await page.locator('#tab-model').click();
    await page.locator('#lift-files').setInputFiles({ name: 'robyn.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const sigmaCell = page.locator('[data-testid="lift-tests"] tr[data-channel="x1"] td[data-label="σ"]');
    await sigmaCell.waitFor();
    // The model takes the test in (CalibrationSync) before the box is used: that re-renders the section.
    await page.getByTestId('lift-tests-in-use').filter({ hasText: 'uses 1 lift test' }).waitFor();
    await page.waitForLoadState('networkidle');
    const box = page.getByLabel(LABEL, { exact: true });
    const hint = page.locator('#sigma-hint');
    const set = async (v: string) => {
      await box.fill(v);
      await box.press('Tab');
    };

    expect(await sigmaCell.textContent()).toBe(sigmaWith(undefined));
    expect(await hint.textContent()).toMatch(/Empty: 0\.25, the default/);

    await set('0.5');
    await expect.poll(() => sigmaCell.textContent()).toBe(sigmaWith(0.5));
    expect(sigmaWith(0.5)).not.toBe(sigmaWith(0.25));

    // Emptied: the default again, never NaN.
    await set('');
    await expect.poll(() => sigmaCell.textContent()).toBe(sigmaWith(0.25));
    expect(await box.getAttribute('aria-invalid')).toBeNull();
    expect(await box.getAttribute('placeholder')).toBe('0.25');

    // Out of range: named next to the box, the tests keep the last good fraction.
    await set('0.4');
    await expect.poll(() => sigmaCell.textContent()).toBe(sigmaWith(0.4));
    await set('5');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await hint.textContent()).toMatch(/"5" is not a fraction from 0\.01 to 2: σ stays 0\.4/);
    expect(await sigmaCell.textContent()).toBe(sigmaWith(0.4));
    await s.screenshot('s5-b-sigma-out-of-range');
    await s.assertAccessible('calibration with the σ error');
    // The box, its hint and the error fit a phone and a 200% zoomed laptop.
    for (const vp of [PHONE, { width: 640, height: 360 }]) {
      await page.setViewportSize(vp);
      await s.assertLayout(`Model step with Robyn tests @ ${vp.width}`);
    }
    await page.setViewportSize(PHONE);
    await s.screenshot('s5-b-sigma-phone');
  }, 120_000);

  it('Model step: an emptied adstock window or Fourier order says what the model keeps', async () => {
    const s = browser();
    const page = s.page;
    await page.setViewportSize(DESKTOP);
    const lmax = page.getByLabel(/^Adstock window l_max/);
    const order = page.getByLabel('Yearly Fourier order', { exact: true });
    const kept = await lmax.inputValue();
    await lmax.fill('');
    await lmax.press('Tab');
    await expect.poll(() => page.locator('p.problem').allTextContents()).toEqual([`The adstock window l_max is empty: the model keeps ${kept}. Type a whole number.`]);
    expect(await lmax.getAttribute('aria-invalid')).toBe('true');
    await order.fill('2.5');
    await order.press('Tab');
    await expect.poll(() => page.locator('p.problem').count()).toBe(2);
    // A whole number clears the message and is used.
    await lmax.fill('9');
    await lmax.press('Tab');
    await order.fill('3');
    await order.press('Tab');
    await expect.poll(() => page.locator('p.problem').count()).toBe(0);
    expect(await lmax.getAttribute('aria-invalid')).toBeNull();
    // The session is saved 400 ms after the last change (state/session.svelte.ts).
    await page.waitForTimeout(1200);
    await page.reload();
    await page.waitForSelector('[data-testid="studio"][data-restored="true"]');
    expect(await page.getByLabel(/^Adstock window l_max/).inputValue()).toBe('9');
  });
});

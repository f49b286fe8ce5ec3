/// <reference lib="dom" />
// The studio in the states a first look does not reach, at a phone (390 px) and a laptop at
// 200% zoom (640 px): Robyn lift tests and a typed-in test row on the Model step, a fit that
// uses them, its Calibration view, a hold-out check, two runs compared, a small ridge run.
// Each step: no horizontal overflow, no overlapping controls, charts titled; axe-core clean.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/app/state/steps';
import { PHONE, layoutProblems, useBrowser } from './harness';
import { loadDemo, startShortFit, waitResults } from './support/flows';

const browser = useBrowser();
const ROBYN = 'channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,calibration_scope\nx1,2020-01-06,2020-02-24,7000,12,0.9,immediate\n';
const ZOOM = { width: 640, height: 360 };

async function setNumber(page: Page, label: string, v: number): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(v));
  await input.press('Tab');
}

describe('less visited states at narrow widths', () => {
  it('lift tests, a calibrated fit, a hold-out check, a comparison and a ridge run fit 390 and 640 px', async () => {
    const s = browser();
    const page = await s.open(PHONE);
    await loadDemo(page);
    await page.locator('#tab-model').click();
    await page.locator('#lift-files').setInputFiles({ name: 'robyn.csv', mimeType: 'text/csv', buffer: Buffer.from(ROBYN) });
    await page.locator('[data-testid="lift-tests"]').waitFor();
    await page.getByRole('button', { name: 'Add a test row' }).click();
    await startShortFit(page, 51);
    await waitResults(page);
    await startShortFit(page, 52);
    await waitResults(page);

    await page.locator('#tab-diagnostics').click();
    await setNumber(page, 'Held-out periods', 13);
    await page.getByRole('button', { name: 'Run hold-out check' }).click();
    await page.waitForSelector('[data-testid="holdout-status"][data-status="done"]', { timeout: 240_000 });

    await page.locator('#tab-runs').click();
    for (const cb of (await page.locator('li[data-run-id] input[type="checkbox"]').all()).slice(0, 2)) await cb.check();
    await page.getByRole('button', { name: 'Compare selected (2/2)' }).click();
    await page.getByRole('heading', { name: 'Comparison' }).waitFor();

    await page.locator('#tab-ridge').click();
    await setNumber(page, 'Population', 8);
    await setNumber(page, 'Generations', 2);
    await setNumber(page, 'Bootstrap replicates', 30);
    await page.getByRole('button', { name: 'Run ridge' }).click();
    await page.waitForSelector('[data-testid="ridge"][data-completed="1"]', { timeout: 120_000 });

    const failing: string[] = [];
    for (const vp of [PHONE, ZOOM]) {
      await page.setViewportSize(vp);
      for (const { id } of STEPS) {
        await page.locator(`#tab-${id}`).click();
        if (id === 'optimize') await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
        await page.waitForLoadState('networkidle');
        const report = await s.assertLayout(`${id} @ ${vp.width}`);
        if (layoutProblems(report) > 0) failing.push(`${id} @ ${vp.width}`);
        await s.assertAccessible(`${id} @ ${vp.width}`);
        await s.screenshot(`s5-b-narrow-${vp.width}-${id}`);
      }
    }
    expect(failing).toEqual([]);
  }, 900_000);
});

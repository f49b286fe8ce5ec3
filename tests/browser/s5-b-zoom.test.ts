/// <reference lib="dom" />
// The studio after a demo fit, at the widths people read it at besides a desktop and a phone:
// a 1280 × 720 laptop at 200% zoom (a 640 × 360 CSS viewport; WCAG 2.2 SC 1.4.4 Resize
// Text and 1.4.10 Reflow) and a 768 px tablet. Every step: no horizontal overflow, no
// overlapping controls, every chart titled (the harness's layout probe), and axe-core finds no
// serious or critical violation. The readiness list's text lines up whatever its badge says
// (a Fail badge was narrower than Pass and Warn, so its text started further left).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STEPS, type StepId } from '../../src/app/state/steps';
import { layoutProblems, useBrowser } from './harness';
import { tryDemo, waitResults } from './support/flows';

const browser = useBrowser();
const VIEWPORTS = [
  { name: 'zoom200', width: 640, height: 360 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

async function visit(page: Page, id: StepId): Promise<void> {
  await page.locator(`#tab-${id}`).click();
  await page.waitForSelector(`#tab-${id}[aria-selected="true"]`);
  if (id === 'optimize') await page.locator('[data-testid="plan-summary"]').waitFor({ timeout: 120_000 });
  if (id === 'diagnostics') await page.locator('[data-testid="chain-table"]').waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
}

describe('200% zoom and tablet', () => {
  it('every step after a demo fit: reflows without overflow or overlaps, axe clean', async () => {
    const s = browser();
    const page = await s.open(VIEWPORTS[0]);
    await tryDemo(page, 12);
    await waitResults(page);
    const problems: string[] = [];
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      for (const { id } of STEPS) {
        await visit(page, id);
        const report = await s.assertLayout(`${id} @ ${vp.name}`);
        if (layoutProblems(report) > 0) problems.push(`${id} @ ${vp.name}`);
        await s.assertAccessible(`${id} @ ${vp.name}`);
        if (id === 'diagnostics') {
          // The readiness checks' text starts at one place whatever the badge says (Pass, Warn, Fail).
          const lefts = await page.locator('.gate .body').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
          expect(lefts.length).toBeGreaterThan(3);
          expect(new Set(lefts).size, `readiness text starts @ ${vp.name}: ${lefts.join(', ')}`).toBe(1);
        }
        await s.screenshot(`s5-b-${vp.name}-${id}`);
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

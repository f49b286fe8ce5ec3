// The studio shell in the production build: it renders, the steps are tabs reachable and
// operable by keyboard, the layout holds at desktop and phone widths on every step, axe
// finds nothing serious, and nothing is requested outside the origin (checked after each
// test by the harness).
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/app/state/steps';
import { DESKTOP, PHONE, useBrowser } from './harness';

const browser = useBrowser();
const STEP_IDS = STEPS.map((s) => s.id);

describe('studio shell', () => {
  it('renders the title and one tab per step, Data selected', async () => {
    const page = await browser().open();
    await expect(page.title()).resolves.toMatch(/Carryover/);
    const tabs = page.getByRole('tab');
    await expect(tabs.count()).resolves.toBe(STEP_IDS.length);
    await expect(page.getByRole('tab', { selected: true }).getAttribute('id')).resolves.toBe('tab-data');
    await expect(page.getByRole('heading', { name: '1 · Data' }).isVisible()).resolves.toBe(true);
  });

  it('steps are reachable and operable by keyboard only', async () => {
    const page = await browser().open();
    // Tab from the top of the page lands on the selected tab (the only tab in the tab order).
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('role'))) === 'tab') break;
    }
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await expect(focused()).resolves.toBe('tab-data');
    await page.keyboard.press('ArrowRight');
    await expect(focused()).resolves.toBe('tab-model');
    await expect(page.getByRole('heading', { name: '2 · Model' }).isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).hash).toBe('#model');
    await page.keyboard.press('End');
    await expect(focused()).resolves.toBe(`tab-${STEP_IDS[STEP_IDS.length - 1]}`);
    await expect(page.getByRole('heading', { name: 'Runs library' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect(focused()).resolves.toBe('tab-data');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(focused()).resolves.toBe(`tab-${STEP_IDS[STEP_IDS.length - 2]}`);
    await page.keyboard.press('Home');
    await expect(focused()).resolves.toBe('tab-data');
    // Tab leaves the tab list for the step's content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.not.toBe('tab');
  });

  it('a reload and the back button keep the step', async () => {
    const page = await browser().open();
    await page.getByRole('tab', { name: /Fit/ }).click();
    await page.getByRole('tab', { name: /Results/ }).click();
    await page.reload();
    await page.waitForSelector('[data-testid="studio"]');
    await expect(page.getByRole('tab', { selected: true }).getAttribute('id')).resolves.toBe('tab-results');
    await page.goBack();
    await expect(page.getByRole('tab', { selected: true }).getAttribute('id')).resolves.toBe('tab-fit');
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`every step lays out at ${viewport.width} px (${label}) and passes axe`, async () => {
      const s = browser();
      const page = await s.open(viewport);
      for (const id of STEP_IDS) {
        await page.locator(`#tab-${id}`).click();
        await page.waitForSelector(`#tab-${id}[aria-selected="true"]`);
        const report = await s.assertLayout(`${id} @ ${viewport.width}px`);
        expect(report.controlsChecked).toBeGreaterThan(STEP_IDS.length - 1);
        await s.assertAccessible(`${id} @ ${viewport.width}px`);
        await s.screenshot(`shell-${label}-${id}`);
      }
    });
  }

  it('requests stay on the origin and include the app bundle', () => {
    const s = browser();
    expect(s.requests.some((u) => u.startsWith(s.origin) && u.endsWith('.js'))).toBe(true);
    expect(s.requests.filter((u) => !u.startsWith(s.origin) && !u.startsWith('data:'))).toEqual([]);
  });
});

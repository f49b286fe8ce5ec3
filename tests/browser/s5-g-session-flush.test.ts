// A change made just before a reload is kept: the session save waits 400 ms after the last
// change, and a reload within that time lost the change (a model edit, or sampler settings
// typed and started at once, then a reload mid-fit). The pending save is now written when the
// page is hidden (session.svelte.ts); here the reload follows the edit with no wait at all.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness';
import { loadDemo } from './support/flows';

const browser = useBrowser();
const ready = (page: Page) => page.waitForSelector('[data-testid="studio"][data-restored="true"]', { timeout: 30_000 });

async function type(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Tab');
}

describe('a reload straight after a change', () => {
  it('keeps a model edit', async () => {
    const page = await browser().open();
    await loadDemo(page);
    // The dataset itself is not in the pagehide note (it can be many MB): let its debounced
    // save (400 ms) land first, so what is checked is the edit made just before the reload.
    await page.waitForTimeout(1500);
    await page.locator('#tab-model').click();
    await type(page, 'Adstock window l_max (weeks)', '5');
    await page.reload();
    await ready(page);
    await page.locator('#tab-model').click();
    expect(await page.getByLabel('Adstock window l_max (weeks)', { exact: true }).inputValue()).toBe('5');
    await type(page, 'Adstock window l_max (weeks)', '9');
    await page.reload();
    await ready(page);
    await page.locator('#tab-model').click();
    expect(await page.getByLabel('Adstock window l_max (weeks)', { exact: true }).inputValue()).toBe('9');
  });

  it('keeps sampler settings typed and started at once, through a reload mid-fit', async () => {
    const page = await browser().open();
    await loadDemo(page);
    await page.locator('#tab-fit').click();
    await type(page, 'Draws', '2500');
    await type(page, 'Seed', '9191');
    await page.getByRole('button', { name: 'Start fit' }).click();
    await page.reload();
    await ready(page);
    await page.locator('#tab-fit').click();
    expect(await page.getByLabel('Draws', { exact: true }).inputValue()).toBe('2500');
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('9191');
  });
});

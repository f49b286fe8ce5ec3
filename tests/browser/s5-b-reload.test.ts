/// <reference lib="dom" />
// Reloading and a second tab, on the built studio. Defects found (session 5):
// - a reload in the middle of a fit came back to an empty Fit step, with the previous run
//   still ticked in Results and not a word about the fit that was lost: a notice now says
//   which fit stopped (time, chains × (warmup + draws), seed), that nothing of it was saved
//   and that data, model and settings are kept; it is said once, not after the next reload;
// - a fit finished in a second tab did not appear in the first tab's Runs library (read once
//   at start): the library is read again whenever it is shown or the tab comes to the front.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, useBrowser } from './harness';
import { loadDemo, startShortFit, waitResults } from './support/flows';

const browser = useBrowser();

async function setSampler(page: Page, values: Record<string, number>): Promise<void> {
  await page.locator('#tab-fit').click();
  for (const [label, v] of Object.entries(values)) {
    const input = page.getByRole('spinbutton', { name: label, exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

const ready = (page: Page) => page.waitForSelector('[data-testid="studio"][data-restored="true"]', { timeout: 30_000 });

describe('reload and a second tab', () => {
  it('a reload mid-fit says which fit was lost and that nothing else was; once', async () => {
    const s = browser();
    const page = await s.open(DESKTOP);
    await loadDemo(page);
    await startShortFit(page, 41);
    await waitResults(page);
    const firstRun = await page.locator('#results-h').textContent();

    await setSampler(page, { Chains: 2, Warmup: 3000, Draws: 3000, Seed: 42 });
    await page.getByRole('button', { name: 'Start fit' }).click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLProgressElement>('li.chain progress')).some((p) => p.value > 0), undefined, { timeout: 60_000 });
    await page.reload();
    await ready(page);

    const notice = page.locator('[data-testid="fit-interrupted"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/2 chains × \(3000 \+ 3000\), seed 42\) stopped when the page was reloaded/);
    expect(await notice.textContent()).toMatch(/nothing of it was kept/);
    // What the user had is there: a fit can start again, the first run is in Results.
    expect(await page.getByRole('button', { name: 'Start fit' }).isEnabled()).toBe(true);
    await s.screenshot('s5-b-reload-mid-fit');
    await s.assertAccessible('notice after a reload mid-fit');
    // Settings typed and started at once are kept through the reload (the pending session save
    // is noted at pagehide, session-note.ts): the Fit step shows the lost fit's settings.
    for (const [label, v] of [['Chains', '2'], ['Warmup', '3000'], ['Draws', '3000'], ['Seed', '42']]) {
      expect(await page.getByRole('spinbutton', { name: label, exact: true }).inputValue(), label).toBe(v);
    }
    expect(await notice.textContent()).not.toMatch(/other sampler settings/);
    await page.locator('#tab-results').click();
    expect(await page.locator('#results-h').textContent()).toBe(firstRun);
    // Dismissed by keyboard; focus is not dropped.
    await notice.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id} ${document.activeElement?.textContent?.slice(0, 30)}`), { timeout: 10_000 }).toMatch(/^DIV#panel /);

    // Said once: the next reload has nothing to report.
    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    expect(await notice.count()).toBe(0);
  }, 240_000);

  it('a fit finished in a second tab is in the first tab\'s Runs library', async () => {
    const s = browser();
    const first = s.page;
    await first.locator('#tab-runs').click();
    const rows = first.locator('li[data-run-id]');
    await rows.first().waitFor();
    const before = await rows.count();
    await first.locator('#tab-fit').click();

    const second = await s.context.newPage();
    const errors: string[] = [];
    second.on('pageerror', (e) => errors.push(e.message));
    await second.goto(s.url);
    await ready(second);
    // The second tab starts from the saved session: the demo data is loaded there too.
    await second.locator('#tab-data').click();
    await second.locator('#overview-h').waitFor({ timeout: 30_000 });
    await startShortFit(second, 43);
    await waitResults(second);
    await second.close();

    await first.bringToFront();
    await first.locator('#tab-runs').click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before + 1);
    expect(await first.locator('li[data-run-id]', { hasText: 'seed 43' }).count()).toBe(1);
    expect(errors).toEqual([]);
  }, 240_000);
});

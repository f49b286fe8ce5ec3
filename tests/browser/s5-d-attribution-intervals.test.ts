// The Attribution area shows the point credits first and fills the 90% intervals in when the
// bootstrap finishes, with its progress and a way to stop it (issue: 200 replicates held the
// 50,000-journey demo back by ~9 s before anything showed). Order is checked in the page by a
// MutationObserver, not by timing: when the credit table first appears it holds no interval
// and the bootstrap's status is beside it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness';

const browser = useBrowser();
const IV = '[data-testid="mta-table"] tbody td .iv';

interface Seen {
  tableAt: number | null;
  ivInTableAtFirst: number;
  pendingWithTable: boolean;
  firstIvAt: number | null;
  progressTexts: string[];
}

/** Records, from inside the page, when the table and the first interval appear, and the bootstrap's status texts. */
async function watch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Seen = { tableAt: null, ivInTableAtFirst: -1, pendingWithTable: false, firstIvAt: null, progressTexts: [] };
    (window as unknown as { __seen: Seen }).__seen = seen;
    const look = () => {
      const table = document.querySelector('[data-testid="mta-table"]');
      if (table && seen.tableAt === null) {
        seen.tableAt = performance.now();
        seen.ivInTableAtFirst = table.querySelectorAll('tbody td .iv').length;
        seen.pendingWithTable = document.querySelector('[data-testid="mta-intervals-pending"]') !== null;
      }
      if (seen.firstIvAt === null && document.querySelector('[data-testid="mta-table"] tbody td .iv')) seen.firstIvAt = performance.now();
      const status = document.querySelector('[data-testid="mta-intervals-pending"]')?.textContent?.trim();
      if (status && seen.progressTexts.at(-1) !== status) seen.progressTexts.push(status);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function openAttribution(): Promise<Page> {
  const page = await browser().open();
  await page.getByRole('tab', { name: /Attribution/ }).click();
  await page.waitForSelector('[data-testid="attribution-view"]', { timeout: 30_000 });
  return page;
}

describe('attribution: credits first, intervals after', () => {
  it('shows the demo credit table before its intervals, with the bootstrap progress beside it', async () => {
    const page = await openAttribution();
    await watch(page);
    await page.getByRole('button', { name: /demo journeys/ }).click();
    await page.waitForSelector('[data-testid="mta-table"]', { timeout: 120_000 });
    const rows = await page.locator('[data-testid="mta-table"] tbody tr').count();
    const models = (await page.locator('[data-testid="mta-table"] thead th').count()) - 1;
    expect(rows).toBe(12);
    // The intervals fill in later: every credit gets one, and the status goes away.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="mta-table"] tbody td .iv').length === n, rows * models, { timeout: 120_000 });
    await page.locator('[data-testid="mta-intervals-pending"]').waitFor({ state: 'detached', timeout: 10_000 });
    const seen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
    expect(seen.ivInTableAtFirst).toBe(0);
    expect(seen.pendingWithTable).toBe(true);
    expect(seen.firstIvAt!).toBeGreaterThan(seen.tableAt!);
    // The status counted replicates on the way (some replicate short of 200 was shown).
    const counts = seen.progressTexts.map((t) => /replicate ([\d,]+) of 200/.exec(t)?.[1]).filter((x): x is string => x !== undefined);
    expect(counts.some((c) => Number(c.replace(/,/g, '')) < 200)).toBe(true);
    await expect(page.getByTestId('mta-results').locator('p.muted').first().innerText()).resolves.toMatch(/90% intervals from 200 bootstrap replicates in \d+\.\d s/);
    await browser().assertAccessible('attribution, intervals filled in');
  });

  it('stops the bootstrap on request and keeps the credits, without intervals', async () => {
    const page = await openAttribution();
    await page.getByText('Settings', { exact: true }).click();
    // Enough replicates that the bootstrap is surely still running when stopped.
    await page.getByLabel(/Bootstrap replicates/).fill('5000');
    await page.getByRole('button', { name: /demo journeys/ }).click();
    const pending = page.getByTestId('mta-intervals-pending');
    await pending.waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => /replicate [1-9][\d,]* of 5,000/.test(document.querySelector('[data-testid="mta-intervals-pending"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await expect(page.locator('progress[aria-label^="Bootstrap replicates"]').count()).resolves.toBe(1);
    await pending.getByRole('button', { name: 'Stop intervals' }).click();
    await pending.waitFor({ state: 'detached', timeout: 10_000 });
    await expect(page.locator('[data-testid="mta-table"] tbody tr').count()).resolves.toBe(12);
    await expect(page.locator(IV).count()).resolves.toBe(0);
    await expect(page.getByText('Intervals cancelled: the credits are shown without their 90% intervals.').isVisible()).resolves.toBe(true);
    // Idle again: the demo can be run once more.
    await expect(page.getByRole('button', { name: /demo journeys/ }).isEnabled()).resolves.toBe(true);
    // The export says what it holds: credits without a bootstrap.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('mta-export').click()]);
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(report.metadata.bootstrap).toBeNull();
    expect(report.models.linear[Object.keys(report.models.linear)[0]].conversions_interval).toBeUndefined();
  });
});

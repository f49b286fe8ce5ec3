// When another tab takes the runs library away (a newer Carryover upgrading the database, or
// deleting it), the studio says so on every step, not only on Runs and Fit: one banner in
// the shell with the Runs library's own notice, a Reload button and Dismiss. Before, the
// Data, Model and Results steps said nothing until the user tried to save.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../src/store/migrations/db-upgrades';
import { DESKTOP, PHONE, useBrowser } from './harness';
import { loadDemo } from './support/flows';

const browser = useBrowser();
const ready = (page: Page) => page.waitForSelector('[data-testid="studio"][data-restored="true"]', { timeout: 30_000 });

/** A second page of the same profile, running `script` against IndexedDB; resolves with its outcome. */
async function inAnotherTab(s: ReturnType<typeof browser>, script: (version: number) => Promise<string>): Promise<string> {
  const other = await s.context.newPage();
  await other.goto(s.url);
  await ready(other);
  // Its own studio's connection would hear the change too: close it by leaving the studio first.
  await other.goto(`${s.url}manifest.webmanifest`);
  const out = await other.evaluate(script, DB_VERSION + 1);
  await other.close();
  return out;
}

describe('the runs library taken away by another tab', () => {
  it('deleted: the banner says so on the Data step; Reload starts a new library and the banner is gone', async () => {
    const s = browser();
    const page = await s.open();
    const banner = page.locator('[data-testid="library-lost"]');
    expect(await banner.count()).toBe(0);
    const outcome = await inAnotherTab(
      s,
      () =>
        new Promise<string>((res) => {
          const q = indexedDB.deleteDatabase('carryover');
          q.onblocked = () => res('blocked');
          q.onsuccess = () => res('deleted');
          q.onerror = () => res(`error ${q.error?.name}`);
        }),
    );
    expect(outcome).toBe('deleted');
    await banner.waitFor({ timeout: 10_000 });
    const text = await banner.innerText();
    expect(text).toContain('The runs library was deleted in another tab, so this tab can no longer read or save runs.');
    expect(text).toContain('Reload this tab to start a new library');
    expect(text).toContain('Changes made in this tab from now on are not kept for the next visit.');
    await s.screenshot('s5-g-lost-banner-deleted');
    await s.assertAccessible('lost-library banner');
    await page.setViewportSize(PHONE);
    await s.assertLayout('lost-library banner @ 390');
    await s.screenshot('s5-g-lost-banner-phone');
    await page.setViewportSize(DESKTOP);

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await ready(page);
    expect(await banner.count()).toBe(0);
    // The new library works: the Runs step lists no runs and shows no error.
    await page.locator('#tab-runs').click();
    await page.getByRole('heading', { name: /Runs/ }).first().waitFor();
    expect(await page.locator('section[aria-labelledby="runs-h"] [role="alert"]').count()).toBe(0);
  });

  it('upgraded: the banner is on every step until dismissed, and stays dismissed', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);
    const outcome = await inAnotherTab(
      s,
      (version) =>
        new Promise<string>((res) => {
          const q = indexedDB.open('carryover', version);
          q.onblocked = () => res('blocked');
          q.onsuccess = () => (q.result.close(), res(`opened at ${q.result.version}`));
          q.onerror = () => res(`error ${q.error?.name}`);
        }),
    );
    expect(outcome).toBe(`opened at ${DB_VERSION + 1}`);
    const banner = page.locator('[data-testid="library-lost"]');
    for (const step of ['data', 'model', 'fit', 'results', 'runs']) {
      await page.locator(`#tab-${step}`).click();
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.innerText(), step).toContain('Carryover was updated in another tab, so this tab can no longer read or save runs. Reload this tab to keep working; nothing saved is lost.');
    }
    expect(await banner.getByRole('button', { name: 'Reload' }).isEnabled()).toBe(true);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await banner.count()).toBe(0);
    for (const step of ['data', 'model']) {
      await page.locator(`#tab-${step}`).click();
      expect(await banner.count(), step).toBe(0);
    }
  });
});

// The built studio when another tab (a newer Carryover) upgrades the database under it: the
// Runs library says at once that Carryover was updated in another tab and to reload, never
// "storage unavailable … private windows"; a fit that finishes afterwards is not thrown away
// silently: the Fit step says it exists only in this tab and how to keep it (the Diagnostics
// step's ArviZ download, which works), and the runs saved before are untouched.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../src/store/migrations/db-upgrades';
import { useBrowser } from './harness';
import { loadDemo, startShortFit } from './support/flows';

const browser = useBrowser();

describe('a newer Carryover in another tab', () => {
  it('the Runs library says so at once; a fit finished afterwards says how to keep it', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);

    // Another tab of the same profile opens the database at a higher version, as a newer build would.
    const other = await s.context.newPage();
    await other.goto(s.url);
    await other.waitForSelector('[data-testid="studio"][data-restored="true"]');
    const upgraded = await other.evaluate(
      (version) =>
        new Promise<string>((res) => {
          const q = indexedDB.open('carryover', version);
          q.onblocked = () => res('blocked');
          q.onsuccess = () => (q.result.close(), res(`opened at ${q.result.version}`));
          q.onerror = () => res(`error ${q.error?.name}`);
        }),
      DB_VERSION + 1,
    );
    expect(upgraded).toBe(`opened at ${DB_VERSION + 1}`);

    await page.locator('#tab-runs').click();
    const alert = page.locator('section[aria-labelledby="runs-h"] [role="alert"]');
    await expect.poll(() => alert.innerText()).toContain('Carryover was updated in another tab, so this tab can no longer read or save runs.');
    expect(await alert.innerText()).toContain('Reload this tab to keep working; nothing saved is lost.');

    await startShortFit(page, 11);
    const status = page.getByText('Fit finished, but the run could not be saved');
    await status.waitFor({ timeout: 180_000 });
    const fitErrors = await page.locator('section[aria-labelledby="fit-h"] [role="alert"]').innerText();
    expect(fitErrors).toContain('Carryover was updated in another tab, so this tab could not save the fit to the runs library: its results exist only in this tab.');
    expect(fitErrors).toContain('on the Diagnostics step, "Download ArviZ JSON"');
    expect(fitErrors).not.toMatch(/unavailable|[Pp]rivate/);
    await s.screenshot('s5-a-tab-pushed-fit');

    // The way out the message names exists and writes the fit.
    await page.locator('#tab-diagnostics').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Download ArviZ JSON' }).click()]);
    const arviz = JSON.parse(readFileSync(await download.path(), 'utf8')) as { posterior: Record<string, unknown[]> };
    expect(Object.values(arviz.posterior)[0]).toHaveLength(2);

    await other.close();
  });
});

// Issue 8, faults, in the built studio. A fit cancelled mid-way and a fit interrupted by
// a reload leave the runs library exactly as it was (the saved run byte for byte, nothing
// half-written). A chain that cannot start is shown as failed while the others finish,
// and the run they make is saved and opens in Results and Diagnostics.
//
// The failing chain is real: on its way to the chain worker (the Comlink message the pool
// posts), chain 2's job gets random inits from Uniform(-1e6, 1e6) on the unconstrained scale
// (CmdStan's init=R; the others keep R = 2), where the model's log density overflows, so the
// engine's init search fails all its 100 attempts (src/engine/chain-runner.ts). Nothing in
// the studio knows about the test.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness';
import { loadDemo, waitResults } from './support/flows';
import { partial, readLibrary } from '../robustness/support/library';
// Draw arrays are stored packed (src/store/packed.ts); read them as the studio does.
import { unpackRecord } from '../../src/store/packed';

const browser = useBrowser();
const SEED = 4242;

async function setSampler(page: Page, s: { chains: number; warmup: number; draws: number; seed: number }): Promise<void> {
  await page.locator('#tab-fit').click();
  for (const [label, v] of [['Chains', s.chains], ['Warmup', s.warmup], ['Draws', s.draws], ['Seed', s.seed]] as const) {
    const input = page.getByRole('spinbutton', { name: label, exact: true });
    await input.fill(String(v));
    await input.press('Tab');
  }
}

/** Resolves once some chain has done at least one iteration. */
async function fitUnderway(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLProgressElement>('li.chain progress')).some((p) => p.value > 0), undefined, { timeout: 120_000 });
}

describe('faults', () => {
  it('cancelling and reloading mid-fit leave the saved run intact and nothing else', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);
    await setSampler(page, { chains: 2, warmup: 150, draws: 150, seed: SEED });
    await page.getByRole('button', { name: 'Start fit' }).click();
    await waitResults(page);
    const saved = await readLibrary(page);
    expect(saved.runs).toHaveLength(1);
    expect(saved.payloads).toHaveLength(1);

    // A second fit, long enough to be caught in the middle, cancelled.
    await setSampler(page, { chains: 2, warmup: 3000, draws: 3000, seed: SEED + 1 });
    await page.getByRole('button', { name: 'Start fit' }).click();
    await fitUnderway(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Fit cancelled; nothing was saved.').waitFor({ timeout: 60_000 });
    expect(await readLibrary(page)).toEqual(saved);

    // A third, interrupted by a reload.
    await page.getByRole('button', { name: 'Start fit' }).click();
    await fitUnderway(page);
    await page.reload();
    await page.waitForSelector('[data-testid="studio"][data-restored="true"]', { timeout: 30_000 });
    const after = await readLibrary(page);
    expect(after).toEqual(saved);
    expect(partial(after)).toEqual([]);
    // The studio shows the library as it is: one run, the first.
    await page.locator('#tab-runs').click();
    await expect(page.locator('li[data-run-id]').count()).resolves.toBe(1);
    await expect(page.locator('li[data-run-id]').first().getAttribute('data-run-id')).resolves.toBe(saved.runs[0].id);
    // Nothing is left running after the reload.
    await page.locator('#tab-fit').click();
    await expect(page.getByRole('button', { name: 'Start fit' }).isEnabled()).resolves.toBe(true);
    await expect(page.locator('li.chain').count()).resolves.toBe(0);
  }, 420_000);

  it('a chain that cannot start is shown as failed; the others finish and their run is saved and opens', async () => {
    const s = browser();
    const page = await s.open();
    await loadDemo(page);
    // Chain 2 (index 1) draws its inits a million units wide, on its way to the worker.
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
        const m = message as { type?: string; path?: string[]; argumentList?: Array<{ value?: { chain?: number; init_radius?: number } }> } | null;
        const job = m?.type === 'APPLY' && m.path?.[0] === 'runChain' ? m.argumentList?.[0]?.value : undefined;
        if (job && job.chain === 1) job.init_radius = 1e6;
        return (post as (this: Worker, ...a: unknown[]) => void).call(this, message, ...rest);
      } as typeof post;
    });
    await setSampler(page, { chains: 3, warmup: 150, draws: 150, seed: SEED });
    await page.getByRole('button', { name: 'Start fit' }).click();
    await waitResults(page);

    // The Fit step names the failed chain, says why, and shows its row as failed.
    await page.locator('#tab-fit').click();
    const rows = page.locator('li.chain');
    await expect(rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')))).resolves.toEqual(['done', 'failed', 'done']);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/Chain 2\s+failed, left out/);
    const warning = await page.getByRole('alert').innerText();
    expect(warning).toMatch(/Chain 2 failed and was left out: no initial point with a finite log density and gradient after 100 attempts/);
    expect(warning).not.toMatch(/chain 2: /);
    await s.assertAccessible('fit with a failed chain');
    await s.screenshot('robustness-failed-chain-fit');

    // The run holds the two chains that finished, and says which one failed.
    const lib = await readLibrary(page);
    type Stored = { inference_data: { posterior: Record<string, unknown[]>; coords: { chain: number[] }; attrs: { sampler: { chains: number }; failed_chains: Array<{ chain: number; error: string }> } } };
    const runs = (lib.payloads.map(unpackRecord) as unknown as Stored[]).filter((r) => r.inference_data.attrs.sampler.chains === 3);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run.inference_data.coords.chain).toEqual([0, 2]);
    for (const [name, arr] of Object.entries(run.inference_data.posterior)) expect(arr.length, `posterior.${name} chains`).toBe(2);
    expect(run.inference_data.attrs.failed_chains).toEqual([{ chain: 1, error: expect.stringMatching(/^chain 2: no initial point .* after 100 attempts/) }]);

    // It opens: Results draws with data, Diagnostics lists the chains that ran.
    await page.locator('#tab-results').click();
    expect(await waitResults(page)).toBeGreaterThan(100);
    await expect(page.locator('#results-h + p').innerText()).resolves.toMatch(/2 of 3 chains × 150 draws .* chain 2 failed and was left out/);
    await s.screenshot('robustness-failed-chain-results');
    await page.locator('#tab-diagnostics').click();
    await page.locator('[data-testid="chain-table"] tbody tr').first().waitFor({ timeout: 120_000 });
    await expect(page.locator('[data-testid="chain-table"] tbody tr').count()).resolves.toBe(2);
  }, 420_000);
});

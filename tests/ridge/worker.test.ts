// The ridge fallback in a Web Worker in Chromium (Comlink), against the same run in Node:
// same seed, same result, bit for bit, across environments; progress arrives; abort ends it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRidge } from '../../src/ridge/run';
import type { RidgeOptions, RidgeProgress } from '../../src/ridge/types';
import { useBrowser } from '../browser/harness';
import { buildTestPage } from '../browser/support/build-page';
import { robynWeekly } from '../calibration/wide-csv';

const browser = useBrowser({ serve: () => buildTestPage(path.join(__dirname, 'worker-page')), readySelector: '[data-testid="ridge-page"]' });

const data = robynWeekly();
const plain = {
  ...data,
  target: { name: data.target.name, values: Array.from(data.target.values) },
  channels: data.channels.map((c) => ({ name: c.name, spend: Array.from(c.spend) })),
  controls: data.controls.map((c) => ({ name: c.name, values: Array.from(c.values) })),
};
type W = { runRidgeInWorker(d: unknown, o: RidgeOptions, abortAfterMs?: number): Promise<{ json: string; progress: RidgeProgress[] }> };

describe('ridge worker in the browser', () => {
  it('returns the Node result bit for bit, with progress', async () => {
    const opts: RidgeOptions = { seed: 77, search: { population: 16, generations: 6 }, bootstrap: { replicates: 60 } };
    const page = await browser().open();
    const out = await page.evaluate(([d, o]) => (window as unknown as W).runRidgeInWorker(d, o as RidgeOptions), [plain, opts] as const);
    expect(out.json).toBe(JSON.stringify(runRidge(data, opts)));
    expect(out.progress.at(-1)).toMatchObject({ phase: 'done' });
    expect(out.progress.some((p) => p.phase === 'search')).toBe(true);
    expect(browser().pageErrors).toEqual([]);
    expect(browser().foreignRequests).toEqual([]);
  });

  it('an abort terminates the worker and reports "cancelled"', async () => {
    const page = await browser().open();
    const opts: RidgeOptions = { seed: 1, search: { population: 60, generations: 400 } };
    const out = await page.evaluate(([d, o]) => (window as unknown as W).runRidgeInWorker(d, o as RidgeOptions, 300), [plain, opts] as const);
    expect(JSON.parse(out.json).errors[0].message).toMatch(/cancelled/);
  });
});

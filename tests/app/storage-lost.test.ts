// The studio when this tab loses the runs library to another tab (src/store/connection.ts;
// the Chromium tests s5-a-tab-pushed-* drive the real thing). Here the wiring, in Node, where
// IndexedDB does not exist so every save fails: a fit that could not be saved gets, once the
// library is lost, the message saying its results exist only in this tab and how to keep them;
// a fit that finishes after the loss gets that message instead of the storage error; the
// Runs library shows the loss once, whichever connection reports it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FitHooks, FitOutcome, FitRequest, FitRunner } from '../../src/app/fit/runner';
import { Studio } from '../../src/app/state/studio.svelte';
import { loadDataset, type RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;

/** A runner that finishes at once with the fixture's draws. */
const runner: FitRunner = {
  run(_req: FitRequest, _hooks: FitHooks): Promise<FitOutcome> {
    return Promise.resolve({ ok: true, idata: structuredClone(run.inference_data), timings: { wall_seconds: 1 }, chainErrors: [] });
  },
};

function studioWithData(): Studio {
  const studio = new Studio(runner);
  studio.data.set(loadDataset(run.dataset), null);
  studio.model.adopt(run.inference_data.attrs.model);
  return studio;
}

const ONLY_HERE = 'Carryover was updated in another tab, so this tab could not save the fit to the runs library: its results exist only in this tab.';

describe('an unsaved fit when the library is lost', () => {
  it('a fit that could not be saved is told how to keep it once the library is lost; the loss shows once', async () => {
    const studio = studioWithData();
    await studio.runFit();
    expect(studio.current).not.toBeNull();
    expect(studio.fit.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Could not open the runs library/)]);

    studio.runs.connectionLost('upgraded');
    studio.runs.connectionLost('terminated'); // the session's connection reporting too: told once
    expect(studio.runs.lost).toBe('upgraded');
    expect(studio.runs.errors).toHaveLength(1);
    expect(studio.runs.errors[0].message).toBe('Carryover was updated in another tab, so this tab can no longer read or save runs.');
    expect(studio.runs.errors[0].hint).toBe('Reload this tab to keep working; nothing saved is lost. Changes made in this tab from now on are not kept for the next visit.');
    expect(studio.fit.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Could not open the runs library/), ONLY_HERE]);
    expect(studio.fit.errors[1].hint).toMatch(/Download ArviZ JSON.*Reloading without downloading loses this fit; runs saved before are kept\.$/);
    // The Runs library re-reads its list when shown or when the tab comes back: the notice stays.
    const notice = studio.runs.errors;
    await studio.runs.refresh();
    expect(studio.runs.errors).toBe(notice);
  });

  it('a fit finished after the loss says it exists only in this tab, not why the storage failed', async () => {
    const studio = studioWithData();
    studio.runs.connectionLost('deleted');
    await studio.runFit();
    expect(studio.fit.errors).toHaveLength(1);
    expect(studio.fit.errors[0].message).toBe('The runs library was deleted in another tab, so this tab could not save the fit to the runs library: its results exist only in this tab.');
    // Not claimed: after a deletion the runs saved before are gone.
    expect(studio.fit.errors[0].hint).toMatch(/Reloading without downloading loses this fit\.$/);
  });

  it('with no unsaved fit, the loss adds nothing to the Fit step', async () => {
    const studio = studioWithData();
    studio.runs.connectionLost('upgraded');
    expect(studio.fit.errors).toEqual([]);
  });
});

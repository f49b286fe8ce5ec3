// The ridge worker's last progress report ('done') reaches the caller before its result
// (src/ridge/ridge-worker-api.ts). In the browser the reports travel on the Comlink proxy's
// own port and the result on the worker's, unordered with each other; here the progress
// channel is delayed by timers (FIFO, each call's promise settling after the callback ran,
// as a Comlink proxy's does) so the race is certain: without the fix the result comes first.
import { describe, expect, it } from 'vitest';
import { makeRidgeWorkerApi } from '../../src/ridge/ridge-worker-api';
import type { RidgeOptions, RidgeProgress } from '../../src/ridge/types';
import { robynWeekly } from '../calibration/wide-csv';
import { lateChannel } from '../engine/late-channel';

describe('ridge worker API: progress before the result', () => {
  const data = robynWeekly();
  const opts: RidgeOptions = { seed: 5, search: { population: 8, generations: 1 }, bootstrap: { replicates: 10 } };

  it('run and choose: "done" is the last report and has arrived when the result resolves (progress 0–9 ms late)', async () => {
    // A fake clock 1 ms per reading: with the 100 ms interval most reports are held back, the first and 'done' go.
    let t = 0;
    const api = makeRidgeWorkerApi(() => (t += 1));
    for (const delay of [0, 4, 9]) {
      const seen: RidgeProgress[] = [];
      const result = await api.run(data, opts, lateChannel((p) => seen.push(p), delay));
      if ('errors' in result) throw new Error(result.errors[0].message);
      expect(seen.at(-1), `run, ${delay} ms late`).toMatchObject({ phase: 'done' });
      const picked: RidgeProgress[] = [];
      const other = result.pareto.find((id) => id !== result.chosen) ?? result.chosen;
      const refit = await api.choose(data, opts, result, other, result.chosen, lateChannel((p) => picked.push(p), delay));
      expect('errors' in refit).toBe(false);
      expect(picked.at(-1), `choose, ${delay} ms late`).toMatchObject({ phase: 'done' });
      const n = seen.length + picked.length;
      await new Promise((r) => setTimeout(r, 20));
      expect(seen.length + picked.length, 'nothing arrives after the result').toBe(n);
    }
  }, 120_000);
});

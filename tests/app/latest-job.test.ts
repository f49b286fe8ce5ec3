// LatestJob (src/app/lib/latest-job.svelte.ts), the worker owner behind the Results analysis
// and the calibration panel, over a real Comlink channel (a MessageChannel standing in for the
// Worker): one job per input, a newer input terminates the worker of the one in flight and
// its late answer never lands; nothing to compute stops the job and clears busy; a failure
// is a message.
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { LatestJob, type JobResult } from '../../src/app/lib/latest-job.svelte';

type Api = { square(x: number): Promise<JobResult<number>> };

/** A fake worker: the API answers when the test releases input x; records calls and terminations. */
function fakeWorkers() {
  const calls: number[] = [];
  const pending = new Map<number, () => void>();
  let spawned = 0;
  let terminated = 0;
  const spawn = () => {
    spawned++;
    const { port1, port2 } = new MessageChannel();
    const api = {
      square: (x: number) =>
        new Promise<JobResult<number>>((resolve, reject) => {
          calls.push(x);
          pending.set(x, () => (x < 0 ? reject(new Error(`negative ${x}`)) : resolve(x === 0 ? { ok: false, errors: [{ message: 'zero', severity: 'error' }] } : { ok: true, value: x * x })));
        }),
    };
    expose(api, port2 as never);
    return Object.assign(port1, {
      terminate: () => {
        terminated++;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  const release = async (x: number) => {
    for (let i = 0; i < 50 && !pending.has(x); i++) await new Promise((r) => setTimeout(r, 1));
    pending.get(x)!();
    await new Promise((r) => setTimeout(r, 5));
  };
  return { spawn, calls, release, counts: () => ({ spawned, terminated }) };
}

const input = (x: number) => ({ x });

describe('LatestJob', () => {
  it('computes once per input in one worker', async () => {
    const w = fakeWorkers();
    const job = new LatestJob<Api, number>(w.spawn, 'The square could not be computed');
    const a = input(3);
    const done = job.run(a, (api) => api.square(3));
    expect(job.busy).toBe(true);
    await w.release(3);
    await done;
    expect({ value: job.value, busy: job.busy, errors: job.errors }).toEqual({ value: 9, busy: false, errors: [] });
    await job.run(a, (api) => api.square(3));
    const b = job.run(input(4), (api) => api.square(4));
    await w.release(4);
    await b;
    expect(job.value).toBe(16);
    expect(w.calls).toEqual([3, 4]);
    expect(w.counts()).toEqual({ spawned: 1, terminated: 0 });
  });

  it('a newer input terminates the job in flight; its answer never lands', async () => {
    const w = fakeWorkers();
    const job = new LatestJob<Api, number>(w.spawn, 'The square could not be computed');
    void job.run(input(5), (api) => api.square(5));
    await new Promise((r) => setTimeout(r, 5));
    const second = job.run(input(6), (api) => api.square(6));
    expect(w.counts()).toEqual({ spawned: 2, terminated: 1 });
    await w.release(6);
    await second;
    expect(job.value).toBe(36);
    expect(job.busy).toBe(false);
  });

  it('nothing to compute (null input or null call) clears the value, stops a running job and is not busy', async () => {
    const w = fakeWorkers();
    const job = new LatestJob<Api, number>(w.spawn, 'The square could not be computed');
    const first = job.run(input(2), (api) => api.square(2));
    await w.release(2);
    await first;
    void job.run(input(7), (api) => api.square(7));
    await new Promise((r) => setTimeout(r, 5));
    await job.run(null, (api) => api.square(1));
    expect({ value: job.value, busy: job.busy }).toEqual({ value: null, busy: false });
    expect(w.counts().terminated).toBe(1);
    await job.run(input(8), null);
    expect({ value: job.value, busy: job.busy }).toEqual({ value: null, busy: false });
    expect(w.calls).toEqual([2, 7]);
  });

  it('errors: the job answers with errors, or throws (a message naming what failed)', async () => {
    const w = fakeWorkers();
    const job = new LatestJob<Api, number>(w.spawn, 'The square could not be computed');
    const a = job.run(input(0), (api) => api.square(0));
    await w.release(0);
    await a;
    expect(job.errors).toEqual([{ message: 'zero', severity: 'error' }]);
    const b = job.run(input(-2), (api) => api.square(-2));
    await w.release(-2);
    await b;
    expect(job.value).toBeNull();
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0].message).toBe('The square could not be computed: negative -2');
    expect(job.errors[0].hint).toMatch(/^Reopen the run/);
    expect(job.busy).toBe(false);
  });
});

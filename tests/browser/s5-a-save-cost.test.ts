// Where the main thread's time goes when the studio saves a finished fit (RunStore.save), in
// Chromium: each stage's median, the whole save, and the longest stretch the main thread
// could not run anything else during it (a 0 ms timer's largest gap, and the longtask
// entries). Not part of the test run (timings vary with the machine): it runs when
// CARRYOVER_SAVE_BENCH names a run directory from the CLI and its data file,
//   node dist-node/carryover.mjs fit dt_simulated_weekly.csv --out RUN_DIR   (4 × (1000 + 1000))
//   CARRYOVER_SAVE_BENCH=RUN_DIR:DATA.csv npx vitest run --project browser tests/browser/s5-a-save-cost.test.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/cli/load-dataset';
import type * as Store from '../../src/store';
import { newRunRecord } from '../../src/store/schema';
import { useBrowser } from './harness';
import { buildTestPage } from './support/build-page';

const BENCH = process.env.CARRYOVER_SAVE_BENCH;

describe.runIf(BENCH)('save cost (bench)', () => {
  const browser = useBrowser({ serve: () => buildTestPage(path.join(__dirname, 's5-a-save-page')), readySelector: '[data-testid="store-page"]' });

  it('prints the stages of a save and the longest main-thread block', async () => {
    const [dir, csv] = BENCH!.split(':');
    const idata = JSON.parse(readFileSync(path.join(dir, 'inference_data.json'), 'utf8'));
    const loaded = loadDataset([csv], {});
    if (!loaded.dataset) throw new Error(JSON.stringify(loaded.report));
    const record = newRunRecord(idata, loaded.dataset, { timings: { wall_seconds: 1 } });
    const page = await browser().open();
    const out = await page.evaluate(async (text) => {
      type B = { store: typeof Store; packRecord: <T>(r: T) => T; putWorker: () => Worker };
      const { store, packRecord, putWorker } = (window as unknown as { bench: B }).bench;
      const rec = JSON.parse(text as string) as Store.RunRecord;
      const median = (xs: number[]) => +xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
      const stage = (f: () => unknown, n = 5) => {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          f();
          ms.push(performance.now() - t0);
        }
        return median(ms);
      };
      const r: Record<string, number> = {};
      r.migrate = stage(() => store.migrateRecord(rec));
      r.validate = stage(() => store.validateRunRecord(rec));
      r.summarize = stage(() => store.summarize(rec));
      r.pack = stage(() => packRecord(rec));
      const packed = packRecord(rec);
      r.clonePacked = stage(() => structuredClone(packed));
      // The clone by part: the draw groups (packed) and everything else.
      const idata = packed.inference_data as unknown as Record<string, unknown>;
      for (const k of Object.keys(idata)) r[`clone.${k}`] = stage(() => structuredClone(idata[k]));
      r['clone.dataset'] = stage(() => structuredClone(packed.dataset));
      const big = new Float64Array(4 * 1000 * 208 * 2);
      r['clone.bareF64(13MB)'] = stage(() => structuredClone(big));
      // The put() call alone (it serialises on this thread), on a bare database, and the same
      // record with each packed array's bytes in a Blob instead (put() then clones a handle).
      const raw = await new Promise<IDBDatabase>((res, rej) => {
        const q = indexedDB.open('put-bench', 1);
        q.onupgradeneeded = () => q.result.createObjectStore('p');
        q.onsuccess = () => res(q.result);
        q.onerror = () => rej(q.error);
      });
      const putOnce = async (value: unknown, key: string) => {
        const tx = raw.transaction('p', 'readwrite');
        const t0 = performance.now();
        tx.objectStore('p').put(value, key);
        const dt = performance.now() - t0;
        await new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = rej)));
        return dt;
      };
      const asBlobs = (p: typeof packed) => {
        const id = { ...(p.inference_data as unknown as Record<string, Record<string, { data?: Float64Array<ArrayBuffer> | Blob }>>) };
        for (const g of ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive']) {
          id[g] = Object.fromEntries(Object.entries(id[g]).map(([k, v]) => [k, v.data instanceof Float64Array ? { ...v, data: new Blob([v.data]) } : v]));
        }
        return { ...p, inference_data: id };
      };
      const putPacked: number[] = [];
      const putBlobs: number[] = [];
      const makeBlobs: number[] = [];
      for (let i = 0; i < 5; i++) {
        putPacked.push(await putOnce(packed, `a${i}`));
        const t0 = performance.now();
        const b = asBlobs(packed);
        makeBlobs.push(performance.now() - t0);
        putBlobs.push(await putOnce(b, `b${i}`));
      }
      raw.close();
      // The put in a worker: pack here, transfer the arrays, wait for the commit; the longest
      // main-thread gap over the whole round trip.
      const viaWorker: number[] = [];
      const workerPut: number[] = [];
      const workerGap: number[] = [];
      for (let i = 0; i < 5; i++) {
        const w = putWorker();
        let longest = 0;
        let last = performance.now();
        let on = true;
        const tick = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (on) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
        await new Promise((res) => setTimeout(res, 20));
        const t0 = performance.now();
        const value = packRecord(rec);
        const id = value.inference_data as unknown as Record<string, Record<string, { data?: Float64Array }>>;
        const buffers = ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive'].flatMap((g) => Object.values(id[g]).flatMap((v) => (v.data ? [v.data.buffer] : [])));
        const done = new Promise<{ put: number }>((res) => (w.onmessage = (e) => res(e.data)));
        w.postMessage({ value, key: `w${i}` }, buffers);
        viaWorker.push(performance.now() - t0);
        workerPut.push((await done).put);
        await new Promise((res) => setTimeout(res, 20));
        on = false;
        workerGap.push(longest);
        w.terminate();
      }
      r['worker: pack + postMessage on main'] = median(viaWorker);
      r['worker: its put() call'] = median(workerPut);
      r['worker: longest main-thread block'] = median(workerGap);
      r['put(packed) call'] = median(putPacked);
      r['blobs made'] = median(makeBlobs);
      r['put(blobs) call'] = median(putBlobs);
      const st = await store.RunStore.open('save-bench');
      if (!st.ok) throw new Error(st.errors[0].message);
      const saves: number[] = [];
      const gaps: number[] = [];
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
      obs.observe({ type: 'longtask' });
      for (let i = 0; i < 5; i++) {
        let longest = 0;
        let last = performance.now();
        let on = true;
        const tick = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (on) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
        await new Promise((res) => setTimeout(res, 20));
        const t0 = performance.now();
        const s = await st.value.save({ ...rec, id: `bench-${i}` });
        saves.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 20));
        on = false;
        gaps.push(longest);
        if (!s.ok) throw new Error(s.errors[0].message);
      }
      await new Promise((res) => setTimeout(res, 50));
      obs.disconnect();
      st.value.close();
      r.save = median(saves);
      r.longestBlock = median(gaps);
      r.longTaskMax = +Math.max(0, ...longTasks).toFixed(1);
      r.longTasks = longTasks.length;
      return r;
    }, JSON.stringify(record));
    console.log(`save cost (ms, medians of 5): ${JSON.stringify(out)}`);
    expect(out.save).toBeGreaterThan(0);
  });
});

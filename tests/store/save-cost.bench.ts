// Where the main thread's time goes when the studio saves a finished fit (RunStore.save):
// migrate, validate, summarize, and the structured clone IndexedDB makes of the record
// (put() clones synchronously on the calling thread; Node's structuredClone is V8's same
// serializer). Not a test (timings vary with the machine): run it on a real run directory,
//   npx rolldown tests/store/save-cost.bench.ts --platform node -o /tmp/save-cost.mjs
//   node /tmp/save-cost.mjs RUN_DIR DATA.csv
// e.g. after `node dist-node/carryover.mjs fit dt_simulated_weekly.csv --out RUN_DIR`
// (4 × (1000 + 1000), the studio's default fit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceData } from '../../src/core/types';
import { loadDataset } from '../../src/cli/load-dataset';
import { migrateRecord } from '../../src/store/migrate';
import { newRunRecord, summarize } from '../../src/store/schema';
import { validateRunRecord } from '../../src/store/validate';
import { packRecord, unpackRecord } from '../../src/store/packed';

function time<T>(label: string, f: () => T, reps = 5): T {
  let out: T = undefined as T;
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[Math.floor(reps / 2)].toFixed(1).padStart(7)} ms  (min ${ms[0].toFixed(1)}, max ${ms[reps - 1].toFixed(1)})`);
  return out;
}

const [dir, csv] = process.argv.slice(2);
const idata = JSON.parse(readFileSync(join(dir, 'inference_data.json'), 'utf8')) as InferenceData;
const loaded = loadDataset([csv], {});
if (!loaded.dataset) throw new Error(JSON.stringify(loaded.report));
const record = newRunRecord(idata, loaded.dataset, { timings: { wall_seconds: 1 } });
const shape = (a: unknown): number[] => (Array.isArray(a) ? [a.length, ...shape(a[0])] : []);
console.log(`posterior_predictive.y ${shape(idata.posterior_predictive.y).join(' × ')}, log_likelihood.y ${shape(idata.log_likelihood.y).join(' × ')}`);

// RunStore.save: migrate → validate → summarize → (pack) → put, which clones on this thread.
const m = time('migrateRecord', () => migrateRecord(record));
time('validateRunRecord', () => validateRunRecord(m.ok ? m.value.record : record));
time('summarize', () => summarize(record));
console.log('— nested arrays stored as they are (before) —');
time('structuredClone (put)', () => structuredClone(record));
const nested = structuredClone(record);
time('structuredClone (get)', () => structuredClone(nested));
console.log('— packed draws (after) —');
const packed = time('packRecord', () => packRecord(record));
time('structuredClone (put)', () => structuredClone(packed));
const stored = structuredClone(packed);
time('structuredClone (get)', () => structuredClone(stored));
time('unpackRecord', () => unpackRecord(stored));

// Test page for the ridge worker in a real browser: exposes a function that runs the ridge
// fallback through RidgeClient (Comlink worker) and returns the result, the progress seen,
// and whether an abort cancelled it.
import type { Dataset } from '../../../src/core/types';
import { RidgeClient } from '../../../src/ridge/ridge-client';
import type { RidgeOptions, RidgeProgress } from '../../../src/ridge/types';

interface PlainDataset extends Omit<Dataset, 'target' | 'channels' | 'controls'> {
  target: { name: string; values: number[] };
  channels: Array<{ name: string; spend: number[] }>;
  controls: Array<{ name: string; values: number[] }>;
}

function toDataset(d: PlainDataset): Dataset {
  return {
    ...d,
    target: { name: d.target.name, values: Float64Array.from(d.target.values) },
    channels: d.channels.map((c) => ({ name: c.name, spend: Float64Array.from(c.spend) })),
    controls: d.controls.map((c) => ({ name: c.name, values: Float64Array.from(c.values) })),
  };
}

async function runRidgeInWorker(d: PlainDataset, opts: RidgeOptions, abortAfterMs?: number) {
  const client = new RidgeClient();
  const progress: RidgeProgress[] = [];
  const ac = new AbortController();
  if (abortAfterMs !== undefined) setTimeout(() => ac.abort(), abortAfterMs);
  const result = await client.run(toDataset(d), opts, { signal: ac.signal, onProgress: (p) => progress.push(p) });
  client.dispose();
  return { json: JSON.stringify(result), progress };
}

(window as unknown as { runRidgeInWorker: typeof runRidgeInWorker }).runRidgeInWorker = runRidgeInWorker;
const status = document.getElementById('status')!;
status.textContent = 'ready';
status.dataset.testid = 'ridge-page';

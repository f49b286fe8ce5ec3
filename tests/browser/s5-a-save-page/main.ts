// Bench page for tests/browser/s5-a-save-cost.test.ts: the store and the stages of
// RunStore.save, exposed to page.evaluate.
import * as store from '../../../src/store';
import { packRecord } from '../../../src/store/packed';

/** A worker that puts one value into the bench database (put.worker.ts). */
const putWorker = () => new Worker(new URL('./put.worker.ts', import.meta.url), { type: 'module' });
(window as unknown as Record<string, unknown>).bench = { store, packRecord, putWorker };
const status = document.getElementById('status')!;
status.textContent = 'ready';
status.dataset.testid = 'store-page';

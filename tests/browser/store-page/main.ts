// Test page for src/store in a real browser (IndexedDB has no Node implementation among
// our dependencies): exposes the store module to page.evaluate.
import * as store from '../../../src/store';

(window as unknown as { carryoverStore: typeof store }).carryoverStore = store;
const status = document.getElementById('status')!;
status.textContent = 'ready';
status.dataset.testid = 'store-page';

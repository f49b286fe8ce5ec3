// Test page for the chain pool in a real browser: runs the jobs of a fit on Web Workers and
// returns the raw draws and stats as base64, so the test compares them bit for bit with Node.
import { createBrowserPool } from '../../../src/engine/browser-pool';
import { chainJobs } from '../../../src/engine/fit';
import type { SamplerSettings } from '../../../src/core/types';

function base64(a: Float64Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function runChains(block: number[], settings: SamplerSettings, chunk: number, poolSize: number): Promise<string[]> {
  const pool = createBrowserPool(settings.chains, poolSize);
  try {
    const results = await pool.run(chainJobs(Float64Array.from(block), settings, chunk));
    return results.map((r) => base64(r.draws) + '|' + base64(r.stats));
  } finally {
    pool.dispose();
  }
}

(window as unknown as { carryoverEngine: unknown }).carryoverEngine = { runChains };
const status = document.getElementById('status')!;
status.textContent = 'ready';
status.dataset.testid = 'engine-page';

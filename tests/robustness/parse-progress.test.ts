// The data worker's side of the big-input fixes (src/data), checked without a browser:
// every stage of a parse reports progress as it goes (the 100 MB browser test measures the
// wall-clock gaps; this checks no stage is silent, whatever the machine's speed), and the
// parsed input the page receives carries no cell strings while the worker still builds the
// same dataset from what it kept.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { createDataWorkerApi, type ParseProgress } from '../../src/data/worker-api';
import { writeWideCsv, type WideCsvFacts } from './support/wide-csv';

let dir: string;
let wide: WideCsvFacts;
let text: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'carryover-progress-'));
  wide = writeWideCsv(path.join(dir, 'wide.csv'), 6 * 1024 * 1024);
  text = readFileSync(wide.path, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parse progress and what the page receives', () => {
  it('every stage reports: no step of the bar larger than one chunk, one block of rows or one column', () => {
    const seen: number[] = [];
    parseFiles([{ name: 'wide.csv', text }], { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i], `report ${i}`).toBeGreaterThanOrEqual(seen[i - 1]);
    // Splitting: 512 KiB chunks of a 6 MiB file (~0.3 × 1/12 each); trimming: 4096 of
    // ~6,000 rows (~0.2 × 0.7); reading: one column of 65 per report (0.5 × 0.4 / 65).
    const steps = seen.slice(1).map((f, i) => f - seen[i]);
    expect(Math.max(...steps)).toBeLessThan(0.15);
    // Column by column: at least three reports per column (cut, vote, read).
    expect(seen.filter((f) => f > 0.5).length).toBeGreaterThanOrEqual(3 * wide.columns);
  });

  it('the page gets the parsed input without cell strings; the worker builds the same dataset as a direct parse', async () => {
    const api = createDataWorkerApi();
    const progress: ParseProgress[] = [];
    const { id, parsed } = await api.parseFiles([{ name: 'wide.csv', blob: new Blob([text]) }], {}, (p) => progress.push(p));
    expect(parsed.frame.columns).toHaveLength(wide.columns);
    for (const c of parsed.frame.columns) {
      expect(c.cells, c.name).toBeUndefined();
      expect(c.days, c.name).toBeUndefined();
    }
    // Reading the Blob reports too, before parsing starts.
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('reading');
    expect(phases.indexOf('parsing')).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ fraction: 1, phase: 'done' });

    const direct = parseFiles([{ name: 'wide.csv', text }]);
    const roles = detectRoles(direct);
    expect(api.detectRoles(id)).toEqual(roles);
    const viaWorker = api.buildDataset(id, roles, {});
    const expected = buildDataset(direct, roles, {});
    expect(viaWorker.dataset!.fingerprint).toBe(expected.dataset!.fingerprint);
    expect(viaWorker.dataset!.dates).toHaveLength(wide.weeks);
    expect(viaWorker.report).toEqual(expected.report);
  });
});

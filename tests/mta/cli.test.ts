// `carryover attribute`: PathData in, mta_attribution.json out, with the reference numbers,
// metadata and null for what cannot be computed; errors reported with row numbers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parseArgs, run } from '../../src/cli/commands/attribute';
import { MTA_DATA, readJson } from './helpers';

const pathData = fileURLToPath(new URL('PathData.csv', MTA_DATA));
const exact = readJson('reference_exact_python.json');

async function runQuiet(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    return { code: await run(argv), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('carryover attribute', () => {
  it('writes mta_attribution.json for PathData with every model and the metadata', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    const { code, stderr } = await runQuiet([pathData, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/88387 journeys \(19785 conversions\) over 12 channels/);
    const report = JSON.parse(readFileSync(join(out, 'mta_attribution.json'), 'utf8'));
    expect(Object.keys(report.models)).toEqual(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'shapley_full', 'markov_1', 'markov_2', 'markov_3']);
    expect(Object.keys(report.removal_effects)).toEqual(['markov_1', 'markov_2', 'markov_3']);
    for (const [ch, ref] of Object.entries<any>(exact.heuristics)) {
      expect(Math.abs(report.models.position_based[ch].conversions - ref.pos)).toBeLessThan(1e-6);
      expect(Math.abs(report.models.shapley[ch].value - ref.shap_v)).toBeLessThan(1e-6);
      expect(Math.abs(report.removal_effects.markov_1[ch].conversions - exact.markov_exact_order1_with_null.removal_effect[ch])).toBeLessThan(1e-9);
    }
    const m = report.metadata;
    expect(m.app_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(m.created_at)).not.toBeNaN();
    expect(m.data_range).toEqual({ first: null, last: null, rows: 10000, grain: null });
    // Intervals by default: 200 Poisson-bootstrap replicates, seed 1, around every credit.
    expect(m.seed).toBe(1);
    expect(m.bootstrap).toMatchObject({ method: 'poisson', unit: 'journey', replicates: 200, seed: 1, level: 0.9, interval: 'percentile' });
    expect(m.timings_ms.bootstrap).toBeGreaterThan(0);
    for (const [key, credit] of Object.entries<any>({ ...report.models, ...Object.fromEntries(Object.entries(report.removal_effects).map(([k, v]) => [`removal_${k}`, v])) })) {
      for (const [ch, c] of Object.entries<any>(credit)) {
        for (const [point, iv] of [[c.conversions, c.conversions_interval], [c.value, c.value_interval]]) {
          expect(iv, `${key} ${ch}`).toHaveLength(2);
          // Thousands of journeys per channel: the 90% interval holds its own point estimate.
          expect(iv[0], `${key} ${ch}`).toBeLessThanOrEqual(point);
          expect(iv[1], `${key} ${ch}`).toBeGreaterThanOrEqual(point);
          expect(iv[1]).toBeGreaterThan(iv[0]);
        }
      }
    }
    expect(m.source).toMatchObject({ file: 'PathData.csv', format: 'paths', delimiter: ';', channel_separator: '>' });
    expect(m.engine).toBe('wasm');
    expect(m.totals).toMatchObject({ journeys: 88387, conversions: 19785, non_converting: 68602 });
    expect(m.model.time_decay).toEqual({ unit: 'touches', half_life: 2 });
    expect(report.transition_matrix.from[0]).toBe('(start)');
    expect(report.transition_matrix.probabilities.length).toBe(13);
    expect(report.top_paths.length).toBe(20);
  });

  it('the TypeScript kernels (--js) write the same numbers', async () => {
    const a = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    const b = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    await runQuiet([pathData, '--out', a, '--orders', '1,3', '--bootstrap', '20']);
    await runQuiet([pathData, '--out', b, '--orders', '1,3', '--js', '--bootstrap', '20']);
    const ra = JSON.parse(readFileSync(join(a, 'mta_attribution.json'), 'utf8'));
    const rb = JSON.parse(readFileSync(join(b, 'mta_attribution.json'), 'utf8'));
    expect(rb.metadata.engine).toBe('js');
    for (const [model, credit] of Object.entries<any>(ra.models)) {
      for (const [ch, v] of Object.entries<any>(credit)) {
        expect(Math.abs(rb.models[model][ch].conversions - v.conversions)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v.conversions)));
        // Same seed, same replicates: the intervals agree too.
        for (let i = 0; i < 2; i++) expect(Math.abs(rb.models[model][ch].value_interval[i] - v.value_interval[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(v.value_interval[i])));
      }
    }
  });

  it('writes null for what cannot be computed (full Shapley without non-converters, value without a value column)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    const file = join(dir, 'p.csv');
    writeFileSync(file, 'path,total_conversions\na > b,3\nb,1\n');
    const { code, stderr } = await runQuiet([file, '--out', dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Full Shapley skipped/);
    const report = JSON.parse(readFileSync(join(dir, 'mta_attribution.json'), 'utf8'));
    expect(report.models.shapley_full).toBeNull();
    // No value column: credited value cannot be computed.
    expect(report.models.linear.a).toMatchObject({ conversions: 1.5, value: null, value_interval: null });
    expect(report.models.linear.a.conversions_interval).toHaveLength(2);
    expect(report.metadata.totals.value).toBeNull();
    expect(report.warnings.some((w: any) => /Full Shapley/.test(w.message))).toBe(true);
  });

  it('reports bad rows with row numbers and exits 1 without writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'path;total_conversions;total_null\na > b;1;0\n;2;1\nc;x;1\n');
    const { code, stderr } = await runQuiet([file, '--out', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.csv, row 3, column path: The path is empty/);
    expect(stderr).toMatch(/bad\.csv, row 4, column total_conversions: "x" is not a non-negative number/);
  });

  it('reads an event file and applies the journey options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mta-cli-'));
    const file = join(dir, 'events.csv');
    writeFileSync(file, 'user_id,timestamp,channel,conversion,value\nu1,2024-01-01,search,0,\nu1,2024-01-03,email,1,20\nu2,2024-01-02,social,0,\n');
    const { code } = await runQuiet([file, '--out', dir, '--lookback-days', '1']);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'mta_attribution.json'), 'utf8'));
    expect(report.metadata.source.format).toBe('events');
    expect(report.metadata.model.journeys).toEqual({ lookback_days: 1, inactivity_days: 30 });
    // The search touch is 2 days before the conversion: outside a 1-day window.
    expect(report.metadata.journey_stats.touches_outside_lookback).toBe(1);
    expect(report.models.last_touch.email.conversions).toBe(1);
    expect(report.models.first_touch.search.conversions).toBe(0);
    expect(report.metadata.data_range.first).toBe('2024-01-01T00:00:00.000Z');
  });

  it('sets the replicates and seed: 0 = no intervals; same seed, same file', async () => {
    const dirs = [0, 1, 2, 3].map(() => mkdtempSync(join(tmpdir(), 'mta-cli-')));
    await runQuiet([pathData, '--out', dirs[0], '--orders', '1', '--bootstrap', '0']);
    await runQuiet([pathData, '--out', dirs[1], '--orders', '1', '--bootstrap', '30', '--seed', '7']);
    await runQuiet([pathData, '--out', dirs[2], '--orders', '1', '--bootstrap', '30', '--seed', '7']);
    await runQuiet([pathData, '--out', dirs[3], '--orders', '1', '--bootstrap', '30', '--seed', '8']);
    const [off, a, b, c] = dirs.map((d) => JSON.parse(readFileSync(join(d, 'mta_attribution.json'), 'utf8')));
    expect(off.metadata.bootstrap).toBeNull();
    expect(off.metadata.seed).toBeNull();
    expect(Object.keys(off.models.linear.alpha)).toEqual(['conversions', 'value']);
    expect(a.metadata.bootstrap).toMatchObject({ replicates: 30, seed: 7 });
    expect(a.models).toEqual(b.models);
    expect(a.removal_effects).toEqual(b.removal_effects);
    expect(c.models.linear.alpha.conversions_interval).not.toEqual(a.models.linear.alpha.conversions_interval);
    expect(c.models.linear.alpha.conversions).toBe(a.models.linear.alpha.conversions);
  });

  it('rejects bad arguments with usage (exit 2)', async () => {
    expect((await runQuiet(['f.csv', '--out', 'd', '--bootstrap', '-3'])).code).toBe(2);
    expect((await runQuiet(['f.csv', '--out', 'd', '--bootstrap', '1.5'])).code).toBe(2);
    expect((await runQuiet(['f.csv', '--out', 'd', '--seed', 'x'])).code).toBe(2);
    expect(parseArgs(['f.csv', '--out', 'd', '--bootstrap', '50', '--seed', '9'])).toMatchObject({ options: { bootstrap: { replicates: 50, seed: 9 } } });
    expect((await runQuiet(['--out', 'x'])).code).toBe(2);
    expect((await runQuiet(['f.csv'])).code).toBe(2);
    expect((await runQuiet(['f.csv', '--out', 'd', '--orders', '1,x'])).code).toBe(2);
    expect(parseArgs(['f.csv', '--out', 'd', '--delimiter', '\\t', '--position', '0.3,0.5'])).toMatchObject({
      options: { delimiter: '\t', settings: { positionFirst: 0.3, positionLast: 0.5 } },
    });
  });
});

// The studio's side of the intervals: the MTA worker runs the bootstrap with progress, the
// table's columns carry the intervals, and the models chart draws them as error bars.
import { describe, expect, it } from 'vitest';
import { modelsFigure } from '../../src/app/attribution/models-figure';
import { formatInterval, modelColumns } from '../../src/app/attribution/views';
import { stepLabel } from '../../src/mta/model-labels';
import type { AnalysisOutcome } from '../../src/mta/pipeline';
import { makeMtaWorkerApi, type MtaProgress } from '../../src/mta/worker-api';
import { wasmModule } from '../../src/node/wasm-bytes';

describe('intervals in the studio', () => {
  const api = makeMtaWorkerApi(async () => wasmModule('mta'));

  it('runs the bootstrap in the worker with progress, and the columns carry its intervals', async () => {
    const progress: MtaProgress[] = [];
    const out = await api.analyze({ kind: 'demo', journeys: 3000, seed: 7 }, { format: 'auto', bootstrap: { replicates: 40, seed: 3 } }, (p) => progress.push(p));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.bootstrap).toMatchObject({ method: 'poisson', replicates: 40, seed: 3, level: 0.9 });
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ phase: 'bootstrap', done: 40, replicates: 40 });
    const cols = modelColumns(out.result, out.bootstrap);
    expect(cols.every((c) => c.interval !== undefined)).toBe(true);
    const linear = cols.find((c) => c.key === 'linear')!;
    linear.conversions.forEach((p, i) => {
      expect(linear.interval!.conversions.lo[i]).toBeLessThanOrEqual(p);
      expect(linear.interval!.conversions.hi[i]).toBeGreaterThanOrEqual(p);
    });
    // The report holds the same numbers the table shows.
    const ch = out.result.channels[0];
    expect(out.report.models.linear![ch].conversions_interval).toEqual([linear.interval!.conversions.lo[0], linear.interval!.conversions.hi[0]]);
    // Without the bootstrap, no intervals anywhere.
    const off = await api.analyze({ kind: 'demo', journeys: 3000, seed: 7 }, { format: 'auto', bootstrap: { replicates: 0, seed: 3 } });
    expect(off.ok && off.bootstrap).toBeNull();
    if (off.ok) expect(modelColumns(off.result, off.bootstrap).some((c) => c.interval)).toBe(false);
  });

  it('hands the point credits over before the bootstrap starts, then the same credits with intervals', async () => {
    const events: string[] = [];
    let point: AnalysisOutcome | null = null;
    const out = await api.analyze(
      { kind: 'demo', journeys: 2000, seed: 11 },
      { format: 'auto', bootstrap: { replicates: 30, seed: 5 } },
      (p) => events.push(p.phase === 'bootstrap' ? `bootstrap ${p.done}` : p.step ? `${p.phase} ${p.step}` : p.phase),
      async (p) => {
        events.push('point');
        point = p;
      },
    );
    // The point arrives after reading and attributing, before any replicate is run.
    const at = events.indexOf('point');
    expect(at).toBeGreaterThan(0);
    expect(events.slice(0, at).every((e) => !e.startsWith('bootstrap'))).toBe(true);
    expect(events.slice(at + 1)).toContain('bootstrap 30');
    expect(events.slice(at + 1)).toContain('bootstrap 0');
    // Every step of the point estimate is announced as it starts, in order, before the point.
    const steps = events.slice(0, at).filter((e) => e.startsWith('attributing ')).map((e) => e.slice('attributing '.length));
    expect(steps).toEqual(['journeys', 'totals', 'heuristics', 'shapley', 'shapley_full', 'markov_1', 'markov_2', 'markov_3', 'transitions', 'summary']);
    expect(steps.map(stepLabel)).toContain('Markov order 2');
    const p = point as AnalysisOutcome | null;
    expect(p?.ok && out.ok).toBe(true);
    if (!p?.ok || !out.ok) return;
    expect(p.bootstrap).toBeNull();
    expect(p.report.metadata.bootstrap).toBeNull();
    expect(p.result.timings.bootstrap).toBeUndefined();
    expect(out.bootstrap?.replicates).toBe(30);
    // The intervals are around the very credits shown first (bit-identical, every model).
    expect(modelColumns(out.result, null).map((c) => [c.key, [...c.conversions], [...c.value]])).toEqual(modelColumns(p.result, null).map((c) => [c.key, [...c.conversions], [...c.value]]));
    // And the whole outcome is the one a run without onPoint gives (same seed, same intervals).
    const whole = await api.analyze({ kind: 'demo', journeys: 2000, seed: 11 }, { format: 'auto', bootstrap: { replicates: 30, seed: 5 } });
    expect(whole.ok && whole.report.models).toEqual(out.report.models);
  });

  it('does not call onPoint when no intervals are asked for', async () => {
    let calls = 0;
    const out = await api.analyze({ kind: 'demo', journeys: 500, seed: 11 }, { format: 'auto', bootstrap: { replicates: 0, seed: 5 } }, undefined, () => calls++);
    expect(out.ok).toBe(true);
    expect(calls).toBe(0);
  });

  it('rejects a bad replicate count as a message, before reading', async () => {
    const out = await api.analyze({ kind: 'demo', journeys: 100, seed: 7 }, { format: 'auto', bootstrap: { replicates: 1, seed: 3 } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].message).toMatch(/replicates 1 must be an integer from 2/);
  });

  it('formats an interval and draws it as asymmetric error bars', () => {
    expect(formatInterval(1234.56, 2000)).toBe('[1,234.6 – 2,000.0]');
    expect(formatInterval(NaN, 3)).toBe('');
    const col = {
      key: 'linear',
      label: 'Linear',
      conversions: Float64Array.of(10, 20),
      value: Float64Array.of(1, 2),
      interval: { conversions: { lo: Float64Array.of(8, NaN), hi: Float64Array.of(13, NaN) }, value: { lo: Float64Array.of(0.5, 1), hi: Float64Array.of(2, 4) } },
    };
    const wide = modelsFigure(['a', 'b'], [col], 'conversions', false).data[0] as { error_y: { array: number[]; arrayminus: number[]; symmetric: boolean } };
    expect(wide.error_y).toMatchObject({ symmetric: false, array: [3, 0], arrayminus: [2, 0] });
    expect((wide as unknown as { customdata: string[] }).customdata).toEqual([' · 90% [8.0 – 13.0]', '']);
    const narrow = modelsFigure(['a', 'b'], [col], 'value', true).data[0] as { error_x: { array: number[]; arrayminus: number[] } };
    expect(narrow.error_x).toMatchObject({ array: [1, 2], arrayminus: [0.5, 1] });
    const plain = modelsFigure(['a', 'b'], [{ ...col, interval: undefined }], 'value', false).data[0] as { error_y: object };
    expect(plain.error_y).toEqual({});
  });
});

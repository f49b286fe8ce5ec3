// The Results step's analysis on the committed fixture run: it reads the InferenceData
// through src/analysis and its outputs hold together (components add up to mu, kernels
// are normalised, curves start at zero and pass through the current contribution).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../src/app/results/analyse';
import type { RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;

describe('analyseRun on the v1 fixture', () => {
  const out = analyseRun(run.inference_data);
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
  const a = out.value;

  it('names periods, channels and controls from the run', () => {
    expect(a.dates).toEqual(run.dataset.dates);
    expect(a.channels).toEqual(['x1', 'x2']);
    expect(a.controls).toEqual(['event_1', 'event_2']);
  });

  it('components close on mu draw by draw', () => {
    expect(a.contributions.sum_check.closure_error).toBeLessThan(1e-12);
  });

  it('adstock kernels are normalised (posterior mean weights sum to 1)', () => {
    for (const k of a.kernels) expect(k.weights.reduce((s, w) => s + (w.mean ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('response curves: zero at no spend, the channel contribution at current spend', () => {
    a.curves.forEach((c, j) => {
      expect(c.mean[0]).toBe(0);
      const at1 = c.mean[c.multipliers.indexOf(1)];
      expect(at1).toBeCloseTo(a.contributions.channels[j].contribution.mean!, 6);
    });
  });

  it('reports what is wrong with a run it cannot read', () => {
    const broken = structuredClone(run.inference_data);
    delete (broken.posterior as Record<string, unknown>).saturation_lam;
    const r = analyseRun(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/saturation_lam/);
  });
});

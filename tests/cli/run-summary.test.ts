// `carryover run` builds summary.json from the posterior analyseForReport already read and
// decomposed (src/outputs/summary.ts takes it as an optional second argument): the summary is
// the one built from scratch, field for field, and the posterior is decomposed once, not twice.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as decomposition from '../../src/analysis/decomposition';
import { buildSummary } from '../../src/outputs/summary';
import { analyseForReport } from '../../src/report';
import { inferenceDataFor, jitteredDraws, syntheticSet } from '../analysis/helpers';

vi.mock('../../src/analysis/decomposition', async (importOriginal) => {
  const real = await importOriginal<typeof decomposition>();
  return { ...real, decompose: vi.fn(real.decompose) };
});
const decompose = vi.mocked(decomposition.decompose);

describe('summary.json from a precomputed analysis', () => {
  const { data, spec, theta } = syntheticSet('dev_weekly_logistic');
  const idata = inferenceDataFor(data, spec, jitteredDraws(spec, theta, 60, 0.1, 3), 3);
  // Braces: a function returned from beforeEach is run as its cleanup (the mock itself here).
  beforeEach(() => {
    decompose.mockClear();
  });

  it('equals the summary built from scratch, with one decomposition in all', () => {
    const a = analyseForReport(idata, { budget: null });
    if ('errors' in a) throw new Error(a.errors[0].message);
    expect(decompose).toHaveBeenCalledTimes(1);
    const shared = buildSummary(idata, { posterior: a.posterior, analysis: a.analysis });
    expect(decompose).toHaveBeenCalledTimes(1);
    const alone = buildSummary(idata);
    expect(decompose).toHaveBeenCalledTimes(2);
    expect(shared).toEqual(alone);
    // Not trivially equal: three channels with finite, distinct contributions and ROAS.
    if ('errors' in alone) throw new Error('no summary');
    expect(Object.keys(alone.channels)).toEqual(['tv', 'search', 'social']);
    const roas = Object.values(alone.channels).map((c) => c.roas.mean);
    expect(new Set(roas).size).toBe(3);
    for (const c of Object.values(alone.channels)) expect(Number.isFinite(c.contribution.mean)).toBe(true);
  });

  it('a posterior alone (no analysis) is decomposed here, once', () => {
    const a = analyseForReport(idata, { budget: null });
    if ('errors' in a) throw new Error(a.errors[0].message);
    decompose.mockClear();
    expect(buildSummary(idata, { posterior: a.posterior })).toEqual(buildSummary(idata));
    expect(decompose).toHaveBeenCalledTimes(2);
  });
});

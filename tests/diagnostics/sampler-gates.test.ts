import { describe, expect, it } from 'vitest';
import { chainHealth, eBfmi, readinessGates, type GateInputs } from '../../src/diagnostics/index';
import { normal, rng } from './fixtures';

describe('sampler health', () => {
  it('E-BFMI by hand: energies 1, 3, 2, 4', () => {
    // diffs² = 4, 1, 4 → mean 3; variance (ddof 0) of [1,3,2,4] = 1.25 → 2.4.
    expect(eBfmi([1, 3, 2, 4])).toBeCloseTo(2.4, 15);
  });
  it('E-BFMI ≈ 2 for iid energy and ≈ 2(1 − φ) for a sticky AR(1) energy', () => {
    const z = normal(rng(1));
    const n = 50000;
    expect(Math.abs(eBfmi(Float64Array.from({ length: n }, z)) - 2)).toBeLessThan(0.05);
    const e = new Float64Array(n);
    for (let t = 1; t < n; t++) e[t] = 0.9 * e[t - 1] + z();
    expect(Math.abs(eBfmi(e) - 0.2)).toBeLessThan(0.02);
  });
  it('counts divergences with their draws, tree-depth hits, mean step size', () => {
    const h = chainHealth(
      {
        diverging: [Float64Array.from([0, 1, 0, 1]), Float64Array.from([0, 0, 0, 0])],
        tree_depth: [Float64Array.from([10, 3, 10, 2]), Float64Array.from([1, 1, 1, 1])],
        step_size: [Float64Array.from([0.5, 0.5, 0.5, 0.5]), Float64Array.from([0.2, 0.2, 0.2, 0.2])],
      },
      10,
    );
    expect(h[0].divergences).toBe(2);
    expect(h[0].divergent_draws).toEqual([1, 3]);
    expect(h[0].max_treedepth_hits).toBe(2);
    expect(h[1].divergences).toBe(0);
    expect(h[1].step_size).toBeCloseTo(0.2, 15);
    expect(h[0].e_bfmi).toBeNaN(); // energy not recorded: not computable, not zero
  });
});

describe('readiness gates at their thresholds', () => {
  const base: GateInputs = {
    rhat: [{ key: 'a', value: 1.001 }], ess_bulk: [{ key: 'a', value: 1000 }], ess_tail: [{ key: 'a', value: 900 }],
    draws: 4000, divergences: 0, max_treedepth: 10, max_treedepth_hits: 0, e_bfmi: [1, 0.9],
    coverage_90: 0.9, n_obs: 100, pareto_k: [0.1, 0.2],
  };
  const gate = (patch: Partial<GateInputs>, name: string) => readinessGates({ ...base, ...patch })[name];

  it('R-hat: pass < 1.01, warn < 1.05, else fail; the worst parameter is named', () => {
    expect(gate({}, 'r_hat').status).toBe('pass');
    expect(gate({ rhat: [{ key: 'a', value: 1.0 }, { key: 'b', value: 1.01 }] }, 'r_hat').status).toBe('warn');
    const f = gate({ rhat: [{ key: 'a', value: 1.0 }, { key: 'b', value: 1.05 }] }, 'r_hat');
    expect(f.status).toBe('fail');
    expect(f.detail).toContain('(b)');
    expect(f.threshold).toBe('pass < 1.01, warn < 1.05, else fail');
  });
  it('ESS: pass > 400, warn > 100, else fail', () => {
    expect(gate({ ess_bulk: [{ key: 'a', value: 401 }] }, 'ess_bulk').status).toBe('pass');
    expect(gate({ ess_bulk: [{ key: 'a', value: 400 }] }, 'ess_bulk').status).toBe('warn');
    expect(gate({ ess_tail: [{ key: 'a', value: 100 }] }, 'ess_tail').status).toBe('fail');
  });
  it('ESS is a count of draws: the detail names it as a whole number, never "90.271"', () => {
    const detail = (v: number, which: 'ess_bulk' | 'ess_tail' = 'ess_bulk') => gate({ [which]: [{ key: 'b', value: 5000 }, { key: 'a', value: v }] }, which).detail;
    expect(detail(90.271)).toBe('min bulk ESS 90 (a)');
    expect(detail(90.5)).toBe('min bulk ESS 91 (a)');
    expect(detail(3911.6, 'ess_tail')).toBe('min tail ESS 3,912 (a)');
    expect(detail(12)).toBe('min bulk ESS 12 (a)');
    // Rounding onto a threshold would print "400" beside a pass of "> 400" (or "100" beside
    // a warn of "> 100"): the side of the threshold the value is on is said there.
    const at = (v: number) => gate({ ess_bulk: [{ key: 'a', value: v }] }, 'ess_bulk');
    expect([at(400.3).status, at(400.3).detail]).toEqual(['pass', 'min bulk ESS 400 (just over) (a)']);
    expect([at(399.7).status, at(399.7).detail]).toEqual(['warn', 'min bulk ESS 400 (just under) (a)']);
    expect([at(400).status, at(400).detail]).toEqual(['warn', 'min bulk ESS 400 (a)']);
    expect([at(100.2).status, at(100.2).detail]).toEqual(['warn', 'min bulk ESS 100 (just over) (a)']);
    expect(at(401.2).detail).toBe('min bulk ESS 401 (a)');
    // The judged value itself is not rounded: the JSON keeps what was computed.
    expect(at(90.271).value).toBe(90.271);
  });
  it('divergences: 0 pass, ≤ 1% warn, else fail; tree depth warns only', () => {
    expect(gate({ divergences: 40 }, 'divergences').status).toBe('warn');
    expect(gate({ divergences: 41 }, 'divergences').status).toBe('fail');
    expect(gate({ max_treedepth_hits: 5 }, 'tree_depth').status).toBe('warn');
  });
  it('E-BFMI warns below 0.3; coverage passes at 0.9 − 2√(0.09/T); Pareto k', () => {
    expect(gate({ e_bfmi: [0.29, 1] }, 'e_bfmi').status).toBe('warn');
    // T = 100: pass ≥ 0.84, warn ≥ 0.8.
    expect(gate({ coverage_90: 0.841 }, 'ppc_coverage_90').status).toBe('pass');
    expect(gate({ coverage_90: 0.839 }, 'ppc_coverage_90').status).toBe('warn');
    expect(gate({ coverage_90: 0.79 }, 'ppc_coverage_90').status).toBe('fail');
    // S = 4000: limit min(1 − 1/log10 4000, 0.7) = 0.7.
    expect(gate({ pareto_k: [0.69] }, 'pareto_k').status).toBe('pass');
    expect(gate({ pareto_k: [0.71] }, 'pareto_k').status).toBe('warn');
    expect(gate({ pareto_k: [1.2] }, 'pareto_k').status).toBe('fail');
    // S = 100: limit 1 − 1/2 = 0.5.
    expect(gate({ draws: 100, pareto_k: [0.55] }, 'pareto_k').status).toBe('warn');
  });
  it('every non-passing gate says what to do', () => {
    const g = readinessGates({ ...base, rhat: [{ key: 'a', value: 2 }], divergences: 500, e_bfmi: [0.1], coverage_90: 0.5 });
    for (const name of ['r_hat', 'divergences', 'e_bfmi', 'ppc_coverage_90']) expect(g[name].action).toBeTruthy();
    expect(g.ess_bulk.action).toBeNull();
  });
});

describe('plot data', () => {
  it('rank histograms are flat for interleaved chains and piled up for a shifted chain', async () => {
    const { rankHistograms, energyPlotData } = await import('../../src/diagnostics/index');
    // Chain c holds values c, c + 4, c + 8, ...: ranks spread evenly → 5 per bin of 20.
    const even = [0, 1, 2, 3].map((c) => Float64Array.from({ length: 100 }, (_, d) => c + 4 * d));
    const h = rankHistograms(even, 20);
    expect(h.expected).toBe(5);
    for (const row of h.counts) for (const n of row) expect(n).toBe(5);
    // The last chain above all others: all its ranks in the top quarter.
    const shifted = [0, 1, 2].map((c) => Float64Array.from({ length: 100 }, (_, d) => c + 3 * d));
    shifted.push(Float64Array.from({ length: 100 }, (_, d) => 1000 + d));
    const s = rankHistograms(shifted, 4);
    expect(s.counts[3]).toEqual([0, 0, 0, 100]);
    const e = energyPlotData([Float64Array.from([1, 3, 2])]);
    expect(Array.from(e[0].marginal)).toEqual([-1, 1, 0]);
    expect(Array.from(e[0].transition)).toEqual([2, -1]);
  });
});

// Acceptance 1 on ChannelAttribution's PathData: heuristics against ChannelAttribution 2.0.7
// (exact), the exact models against an independent numpy computation (6 decimals), and
// order-3 Markov against ChannelAttribution's simulation (Monte Carlo, so a tolerance).
import { beforeAll, describe, expect, it } from 'vitest';
import { attribute } from '../../src/mta/attribute';
import { markovAttribution, transitionMatrix } from '../../src/mta/markov';
import type { AttributionResult, PathTable } from '../../src/mta/types';
import { byName, pathData, readJson } from './helpers';

const ca = readJson('reference_channelattribution_2.0.7.json');
const exact = readJson('reference_exact_python.json');

let table: PathTable;
let result: AttributionResult;

beforeAll(() => {
  table = pathData();
  result = attribute(table);
});

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe('PathData parse', () => {
  it('reads 10,000 rows, 12 channels and the published totals', () => {
    expect(table.conversions.length).toBe(10_000);
    expect(table.channels.length).toBe(12);
    expect(result.totals.conversions).toBe(ca.totals.total_conversions);
    expect(result.totals.nulls).toBe(ca.totals.total_null);
    // The published total value is rounded to cents.
    expect(Math.abs(result.totals.value - ca.totals.total_conversion_value)).toBeLessThan(0.005);
    expect(result.totals.touches / result.totals.rows).toBeCloseTo(5.9454, 4);
  });
});

describe('heuristics equal ChannelAttribution 2.0.7 to 1e-9 relative', () => {
  const pairs = [
    ['first_touch', 'first_touch'],
    ['last_touch', 'last_touch'],
    ['linear', 'linear_touch'],
  ] as const;
  for (const [model, caName] of pairs) {
    it(model, () => {
      for (const row of ca.heuristic) {
        const credit = result.heuristics[model];
        relClose(byName(table.channels, credit.conversions, row.channel_name), row[`${caName}_conversions`], 1e-9);
        relClose(byName(table.channels, credit.value, row.channel_name), row[`${caName}_value`], 1e-9);
      }
    });
  }
});

describe('exact models equal reference_exact_python.json to 1e-6 absolute', () => {
  const cases = [
    ['first_touch', 'first'],
    ['last_touch', 'last'],
    ['linear', 'linear'],
    ['position_based', 'pos'],
    ['time_decay', 'decay'],
  ] as const;
  for (const [model, key] of cases) {
    it(`${model} (conversions and value)`, () => {
      for (const [ch, ref] of Object.entries<any>(exact.heuristics)) {
        expect(Math.abs(byName(table.channels, result.heuristics[model].conversions, ch) - ref[key])).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(byName(table.channels, result.heuristics[model].value, ch) - ref[`${key}_v`])).toBeLessThanOrEqual(1e-6);
      }
    });
  }

  it('time decay used the default half-life of 2 touches (no timestamps)', () => {
    expect(result.timeDecayUnit).toBe('touches');
    expect(result.settings.halfLifeTouches).toBe(2);
  });

  it('simplified Shapley (Zhao et al. 2018)', () => {
    for (const [ch, ref] of Object.entries<any>(exact.heuristics)) {
      expect(Math.abs(byName(table.channels, result.shapley.conversions, ch) - ref.shap)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(byName(table.channels, result.shapley.value, ch) - ref.shap_v)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('order-1 Markov with nulls: P(conv), removal effects and credit', () => {
    const m = result.markov.find((r) => r.order === 1)!;
    const ref = exact.markov_exact_order1_with_null;
    expect(Math.abs(m.pConversion - ref.p_conv)).toBeLessThanOrEqual(1e-12);
    for (const ch of table.channels) {
      expect(Math.abs(byName(table.channels, m.removalConversions, ch) - ref.removal_effect[ch])).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(byName(table.channels, m.credit.conversions, ch) - ref.attributed_conversions[ch])).toBeLessThanOrEqual(1e-6);
    }
  });

  it('order-1 Markov without nulls', () => {
    const noNull: PathTable = { ...table, nulls: new Float64Array(table.nulls.length), hasNulls: false };
    const m = markovAttribution(noNull, 1);
    const ref = exact.markov_exact_order1_no_null;
    expect(Math.abs(m.pConversion - 1)).toBeLessThanOrEqual(1e-12);
    for (const ch of table.channels) {
      expect(Math.abs(byName(table.channels, m.removalConversions, ch) - ref.removal_effect[ch])).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(byName(table.channels, m.credit.conversions, ch) - ref.attributed_conversions[ch])).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('Markov against ChannelAttribution simulation (Monte Carlo, conv_par 5%)', () => {
  it('order 3 within 5% for channels credited with over 1,000 conversions', () => {
    const m = result.markov.find((r) => r.order === 3)!;
    const big = ca.markov_order3_with_null.result.filter((r: any) => r.total_conversion > 1000);
    expect(big.length).toBe(6);
    for (const r of big) {
      const ours = byName(table.channels, m.credit.conversions, r.channel_name);
      expect(Math.abs(ours / r.total_conversion - 1)).toBeLessThan(0.05);
    }
  });

  it('order 1 value credit within 5% for channels over 1,000 conversions', () => {
    const m = result.markov.find((r) => r.order === 1)!;
    for (const r of ca.markov_order1_with_null.result.filter((r: any) => r.total_conversions > 1000)) {
      const ours = byName(table.channels, m.credit.value, r.channel_name);
      expect(Math.abs(ours / r.total_conversion_value - 1)).toBeLessThan(0.05);
    }
  });

  it('every order reproduces the observed conversion rate and value per journey (flow conservation)', () => {
    const journeys = result.totals.journeys;
    for (const m of result.markov) {
      expect(Math.abs(m.pConversion - result.totals.conversions / journeys)).toBeLessThan(1e-12);
      expect(Math.abs(m.expectedValue / (result.totals.value / journeys) - 1)).toBeLessThan(1e-12);
      expect(m.residual).toBeLessThan(1e-14);
    }
  });
});

describe('transition matrix', () => {
  it('equals transition_matrix(order = 1, flg_equal = TRUE) when repeats are kept', () => {
    const tm = transitionMatrix(table, false);
    const id2name = new Map<string, string>(ca.transition_matrix_order1.channels.map((c: any) => [String(c.id), c.channel_name]));
    const name = (s: string) => id2name.get(s) ?? s;
    let nonzero = 0;
    for (const e of ca.transition_matrix_order1.transition_matrix) {
      const r = tm.rows.indexOf(name(e.channel_from));
      const c = tm.columns.indexOf(name(e.channel_to));
      expect(r).toBeGreaterThanOrEqual(0);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(Math.abs(tm.probabilities[r * tm.columns.length + c] - e.transition_probability)).toBeLessThan(1e-12);
      nonzero++;
    }
    let ours = 0;
    for (const p of tm.probabilities) if (p > 0) ours++;
    expect(ours).toBe(nonzero);
  });

  it('the merged matrix has no self-loops and rows summing to 1', () => {
    const tm = result.transitions;
    const W = tm.columns.length;
    for (let r = 0; r < tm.rows.length; r++) {
      let sum = 0;
      for (let c = 0; c < W; c++) sum += tm.probabilities[r * W + c];
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      if (r > 0) expect(tm.probabilities[r * W + (r - 1)]).toBe(0);
    }
  });
});

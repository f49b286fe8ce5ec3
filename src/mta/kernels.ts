// The per-touch work of every model behind one interface, in two implementations: plain
// TypeScript (the reference the tests read, and the fallback) and the WASM module (the
// default where it is available: it parses and aggregates a million journeys several times
// faster). attribute.ts orchestrates either the same way.
import { heuristics as jsHeuristics } from './heuristics';
import { markovAttribution, creditFromRemoval } from './markov';
import { buildChain, chainFromCounts, type MarkovChain } from './markov-chain';
import { shapleyFull as jsShapleyFull, shapleySimplified as jsShapleySimplified, type ShapleyFullOutcome } from './shapley';
import { pathSummary } from './summary';
import { HEURISTIC_MODELS, type AttributionSettings, type Credit, type HeuristicModel, type MarkovResult, type PathSummary, type PathTable } from './types';
import type { MtaWasm } from './wasm-mta';

const DAY_MS = 86_400_000;

export interface MtaKernels {
  readonly name: 'js' | 'wasm';
  heuristics(s: AttributionSettings, useDays: boolean): Record<HeuristicModel, Credit>;
  shapleySimplified(): Credit;
  shapleyFull(): ShapleyFullOutcome;
  /** Order-k chain and its removal effects. */
  markov(order: number): { result: MarkovResult; chain: MarkovChain };
  summary(top: number): PathSummary;
}

export function jsKernels(t: PathTable): MtaKernels {
  return {
    name: 'js',
    heuristics: (s, useDays) => jsHeuristics(t, s, useDays),
    shapleySimplified: () => jsShapleySimplified(t),
    shapleyFull: () => jsShapleyFull(t),
    markov: (order) => {
      const chain = buildChain(t, order);
      return { result: markovAttribution(t, order, chain), chain };
    },
    summary: (top) => pathSummary(t, top),
  };
}

function split(a: Float64Array, n: number, k: number): Credit {
  return { conversions: a.slice(2 * k * n, (2 * k + 1) * n), value: a.slice((2 * k + 1) * n, (2 * k + 2) * n) };
}

/** Loads the table into the instance once; every method then runs on it. */
export function wasmKernels(t: PathTable, w: MtaWasm): MtaKernels {
  w.loadTable(t);
  const n = t.channels.length;
  return {
    name: 'wasm',
    heuristics: (s, useDays) => {
      const halfLife = useDays ? s.halfLifeDays * DAY_MS : s.halfLifeTouches;
      const out = w.heuristics(n, halfLife, useDays, s.positionFirst, s.positionLast);
      const order = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based'] as const;
      const r = {} as Record<HeuristicModel, Credit>;
      for (const m of HEURISTIC_MODELS) r[m] = split(out, n, order.indexOf(m));
      return r;
    },
    shapleySimplified: () => split(w.shapleySimplified(n), n, 0),
    shapleyFull: () => {
      const { credit, observed } = w.shapleyFull(n);
      return { credit: split(credit, n, 0), coalitionsObserved: observed };
    },
    markov: (order) => {
      const c = w.chain(n, order, true);
      if (!c) {
        // Code space beyond the module's direct table: the JS builder uses a Map.
        const chain = buildChain(t, order);
        return { result: markovAttribution(t, order, chain), chain };
      }
      const chain = chainFromCounts(c.codes, order, n, c.start, c.edges, c.conversions, c.nulls, c.value);
      const s = w.markovSolve(n);
      const removalConversions = s.removal.slice(0, n);
      const removalValue = s.removal.slice(n);
      const result: MarkovResult = {
        order,
        states: c.states,
        pConversion: s.pConversion,
        expectedValue: s.expectedValue,
        removalConversions,
        removalValue,
        credit: creditFromRemoval(t, removalConversions, removalValue),
        sweeps: s.sweeps,
        residual: s.residual,
      };
      return { result, chain };
    },
    summary: (top) => {
      const s = w.summary(top);
      return {
        lengthCounts: s.lengths,
        meanTouches: s.meanTouches,
        topPaths: Array.from(s.rows, (r, i) => ({
          path: Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1])),
          journeys: s.journeys[i],
          conversions: s.conversions[i],
          value: s.value[i],
        })),
      };
    },
  };
}

// Runs every attribution model on one journey table: the heuristics, both Shapley forms and
// Markov chains of the requested orders, plus the descriptive summary for the view.
import type { UserError } from '../core/types';
import { jsKernels, type MtaKernels } from './kernels';
import { transitionMatrix } from './markov';
import { maxOrder, type MarkovChain } from './markov-chain';
import { totals } from './summary';
import { DEFAULT_SETTINGS, type AttributionResult, type AttributionSettings, type PathTable } from './types';

/** Highest Markov order offered; ChannelAttribution users rarely go past 4. */
export const MAX_MARKOV_ORDER = 6;

export function validateSettings(s: AttributionSettings): UserError[] {
  const errors: UserError[] = [];
  const bad = (message: string, hint: string) => errors.push({ severity: 'error', message, hint });
  if (!(s.halfLifeTouches > 0 && Number.isFinite(s.halfLifeTouches))) bad(`Time-decay half-life ${s.halfLifeTouches} touches is not a positive number.`, 'Use e.g. 2 touches.');
  if (!(s.halfLifeDays > 0 && Number.isFinite(s.halfLifeDays))) bad(`Time-decay half-life ${s.halfLifeDays} days is not a positive number.`, 'Use e.g. 7 days.');
  const { positionFirst: f, positionLast: l } = s;
  if (!(f >= 0 && l >= 0 && f + l <= 1)) bad(`Position-based shares ${f} (first) and ${l} (last) must be non-negative and sum to at most 1.`, 'The usual rule is 0.4 / 0.4, leaving 0.2 for the middle.');
  for (const k of s.markovOrders) {
    if (!Number.isInteger(k) || k < 1 || k > MAX_MARKOV_ORDER) bad(`Markov order ${k} is not an integer from 1 to ${MAX_MARKOV_ORDER}.`, 'Orders 1 to 3 are the usual choice.');
  }
  if (!(Number.isInteger(s.maxShapleyChannels) && s.maxShapleyChannels >= 1 && s.maxShapleyChannels <= 20)) {
    bad(`Full Shapley channel limit ${s.maxShapleyChannels} must be an integer from 1 to 20.`, 'Each extra channel doubles the work; 15 is the default.');
  }
  return errors;
}

function timed<T>(timings: Record<string, number>, name: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  timings[name] = performance.now() - t0;
  return out;
}

/** Most frequent paths listed in the summary. */
export const TOP_PATHS = 20;

/**
 * All models on one table. `kernels` does the per-touch work: the WASM module by default in
 * the worker and the CLI (kernels.ts), plain TypeScript when none is given.
 */
export function attribute(
  table: PathTable,
  overrides: Partial<AttributionSettings> = {},
  kernels: MtaKernels = jsKernels(table),
  /** Called as each step starts (totals, heuristics, shapley, …, summary): a million journeys take seconds. */
  onStep?: (step: string) => void,
): AttributionResult {
  const settings: AttributionSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const invalid = validateSettings(settings);
  if (invalid.length > 0) throw new Error(invalid.map((e) => e.message).join(' '));
  const n = table.channels.length;
  const warnings: UserError[] = [];
  const timings: Record<string, number> = {};
  const step = <T>(name: string, f: () => T): T => {
    onStep?.(name);
    return timed(timings, name, f);
  };
  const days = settings.timeDecayUnit === 'days' || (settings.timeDecayUnit === 'auto' && table.touchTime !== undefined);
  if (days && !table.touchTime) {
    warnings.push({ severity: 'warning', message: 'Time decay in days needs timestamps; these journeys have none, so the half-life is in touches.' });
  }
  const useDays = days && table.touchTime !== undefined;
  const tot = step('totals', () => totals(table));
  const heur = step('heuristics', () => kernels.heuristics(settings, useDays));
  const shapley = step('shapley', () => kernels.shapleySimplified());
  let shapleyFullCredit = null;
  let coalitionsObserved = 0;
  if (n > settings.maxShapleyChannels) {
    warnings.push({ severity: 'warning', message: `Full Shapley skipped: ${n} channels is more than ${settings.maxShapleyChannels} (it enumerates 2^n channel sets).`, hint: 'Group small channels, or use the simplified Shapley.' });
  } else if (tot.nulls === 0) {
    warnings.push({ severity: 'warning', message: 'Full Shapley skipped: it compares conversion rates and needs non-converting journeys (total_null).', hint: 'Add a total_null column, or use the event format, which keeps non-converting journeys.' });
  } else {
    const full = step('shapley_full', () => kernels.shapleyFull());
    shapleyFullCredit = full.credit;
    coalitionsObserved = full.coalitionsObserved;
  }
  const markov = [];
  let firstOrder: MarkovChain | null = null;
  for (const k of settings.markovOrders) {
    if (k > maxOrder(n)) {
      warnings.push({ severity: 'warning', message: `Markov order ${k} skipped: ${n} channels give too many possible states.` });
      continue;
    }
    const m = step(`markov_${k}`, () => kernels.markov(k));
    if (k === 1) firstOrder = m.chain;
    markov.push(m.result);
  }
  const transitions = step('transitions', () => transitionMatrix(table, true, firstOrder ?? undefined));
  const summary = step('summary', () => kernels.summary(TOP_PATHS));
  return {
    channels: table.channels,
    totals: tot,
    hasValue: table.hasValue,
    heuristics: heur,
    shapley,
    shapleyFull: shapleyFullCredit,
    shapleyFullInfo: { coalitionsObserved, channels: n },
    markov,
    transitions,
    summary,
    settings,
    timeDecayUnit: useDays ? 'days' : 'touches',
    warnings,
    timings,
  };
}

// mta_attribution.json (MODEL.md §8): metadata, every model's credit per channel, removal
// effects per Markov order, and the order-1 transition matrix. Keys are snake_case; a number
// that cannot be computed is null.
import type { UserError } from '../core/types';
import { APP_VERSION } from '../core/version';
import type { BootstrapResult, CreditInterval } from './bootstrap';
import { HEURISTIC_MODELS, type AttributionResult, type Credit, type EventOptions, type JourneyStats, type SourceInfo } from './types';

export const MTA_FILE_NAME = 'mta_attribution.json';

/** `*_interval` is [q05, q95] of the bootstrap (present only when it ran; null when not computable). */
type ChannelCredit = Record<
  string,
  { conversions: number | null; value: number | null; conversions_interval?: [number, number] | null; value_interval?: [number, number] | null }
>;

export interface MtaReport {
  metadata: {
    created_at: string;
    app_version: string;
    model: Record<string, unknown>;
    data_range: { first: string | null; last: string | null; rows: number; grain: null };
    /** The bootstrap's seed, or null without intervals. */
    seed: number | null;
    sampler: null;
    [extra: string]: unknown;
  };
  models: Record<string, ChannelCredit | null>;
  removal_effects: Record<string, ChannelCredit>;
  markov: Record<string, Record<string, unknown>>;
  transition_matrix: { order: 1; merged_repeats: boolean; from: string[]; to: string[]; probabilities: number[][] };
  top_paths: Array<{ path: string[]; journeys: number; conversions: number; value: number }>;
  warnings: UserError[];
}

/** Finite numbers as they are; NaN and infinities as null. */
function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function pair(lo: number, hi: number): [number, number] | null {
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** Credit per channel; value is null when the input had no conversion values. */
function byChannel(channels: string[], c: Credit, hasValue: boolean, iv?: CreditInterval): ChannelCredit {
  const out: ChannelCredit = {};
  channels.forEach((name, i) => {
    out[name] = { conversions: num(c.conversions[i]), value: hasValue ? num(c.value[i]) : null };
    if (iv) {
      out[name].conversions_interval = pair(iv.conversions.lo[i], iv.conversions.hi[i]);
      out[name].value_interval = hasValue ? pair(iv.value.lo[i], iv.value.hi[i]) : null;
    }
  });
  return out;
}

export interface ReportInput {
  result: AttributionResult;
  /** Intervals; null or absent = point credits only. */
  bootstrap?: BootstrapResult | null;
  source: SourceInfo;
  stats: JourneyStats;
  /** Event format only. */
  eventOptions?: EventOptions;
  engine: 'wasm' | 'js';
  warnings?: UserError[];
  now?: Date;
}

export function buildReport(input: ReportInput): MtaReport {
  const { result: r, source } = input;
  const ch = r.channels;
  const s = r.settings;
  const v = r.hasValue;
  const boot = input.bootstrap ?? null;
  const models: MtaReport['models'] = {};
  for (const m of HEURISTIC_MODELS) models[m] = byChannel(ch, r.heuristics[m], v, boot?.models[m]);
  models.shapley = byChannel(ch, r.shapley, v, boot?.models.shapley);
  models.shapley_full = r.shapleyFull ? byChannel(ch, r.shapleyFull, v, boot?.models.shapley_full) : null;
  const removal: MtaReport['removal_effects'] = {};
  const markov: MtaReport['markov'] = {};
  for (const m of r.markov) {
    const key = `markov_${m.order}`;
    models[key] = byChannel(ch, m.credit, v, boot?.models[key]);
    removal[key] = byChannel(ch, { conversions: m.removalConversions, value: m.removalValue }, v, boot?.removalEffects[key]);
    markov[key] = {
      order: m.order,
      states: m.states,
      p_conversion: num(m.pConversion),
      expected_value_per_journey: v ? num(m.expectedValue) : null,
      solver: { method: 'gauss_seidel', sweeps: m.sweeps, max_residual: num(m.residual) },
    };
  }
  const W = r.transitions.columns.length;
  const probabilities = r.transitions.rows.map((_, i) => Array.from(r.transitions.probabilities.subarray(i * W, (i + 1) * W)));
  return {
    metadata: {
      created_at: (input.now ?? new Date()).toISOString(),
      app_version: APP_VERSION,
      model: {
        kind: 'multi_touch_attribution',
        time_decay: { unit: r.timeDecayUnit, half_life: r.timeDecayUnit === 'days' ? s.halfLifeDays : s.halfLifeTouches },
        position_based: { first: s.positionFirst, last: s.positionLast, middle: Math.round((1 - s.positionFirst - s.positionLast) * 1e12) / 1e12 },
        markov_orders: r.markov.map((m) => m.order),
        markov_repeats: 'merged',
        shapley_full: { characteristic: 'conversion_rate_of_exact_channel_set', max_channels: s.maxShapleyChannels, coalitions_observed: r.shapleyFullInfo.coalitionsObserved },
        ...(input.eventOptions ? { journeys: { lookback_days: input.eventOptions.lookbackDays, inactivity_days: input.eventOptions.inactivityDays } } : {}),
      },
      data_range: { first: source.firstTime ?? null, last: source.lastTime ?? null, rows: source.rows, grain: null },
      seed: boot ? boot.seed : null,
      sampler: null,
      bootstrap: boot
        ? { method: 'poisson', unit: 'journey', replicates: boot.replicates, seed: boot.seed, level: boot.level, interval: 'percentile', reference: 'Hanley & MacGibbon (2006); Efron & Tibshirani (1993) §13.3' }
        : null,
      source: { file: source.file, format: source.format, delimiter: source.delimiter, channel_separator: source.channelSeparator ?? null, bytes: source.bytes },
      channels: ch,
      totals: {
        rows: r.totals.rows,
        touches: r.totals.touches,
        journeys: r.totals.journeys,
        conversions: r.totals.conversions,
        value: v ? r.totals.value : null,
        non_converting: r.totals.nulls,
        mean_touches_per_journey: num(r.summary.meanTouches),
      },
      journey_stats: {
        unattributed_conversions: input.stats.unattributedConversions,
        unattributed_value: input.stats.unattributedValue,
        touches_outside_lookback: input.stats.touchesOutsideLookback,
        journeys_closed_by_inactivity: input.stats.journeysClosedByInactivity,
      },
      engine: input.engine,
      timings_ms: r.timings,
    },
    models,
    removal_effects: removal,
    markov,
    transition_matrix: { order: 1, merged_repeats: r.transitions.mergedRepeats, from: r.transitions.rows, to: r.transitions.columns, probabilities },
    top_paths: r.summary.topPaths.map((p) => ({ path: p.path.map((c) => ch[c]), journeys: p.journeys, conversions: p.conversions, value: p.value })),
    warnings: [...(input.warnings ?? []), ...r.warnings],
  };
}

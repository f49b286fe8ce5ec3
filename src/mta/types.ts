// Shared shapes of the multi-touch attribution (MTA) module: the packed journey table every
// model reads, the settings, and the result the worker hands back. Arrays are typed so a
// million journeys cross the worker boundary as transferables, not as JSON.
import type { UserError } from '../core/types';

/**
 * Journeys packed column-wise. Row r owns touches[offsets[r] .. offsets[r+1]) in time order.
 * A row may stand for many journeys with the same path (ChannelAttribution's aggregated
 * format): `conversions` converted, `nulls` did not.
 */
export interface PathTable {
  /** Channel names by id, in order of first appearance in the file. */
  channels: string[];
  /** Channel id of every touch, rows concatenated. */
  touches: Uint16Array;
  /** rows + 1 offsets into `touches`. */
  offsets: Uint32Array;
  conversions: Float64Array;
  /** Conversion value per row (all zeros when the input has none). */
  value: Float64Array;
  nulls: Float64Array;
  /** Epoch milliseconds of every touch; only when journeys were built from timestamped events. */
  touchTime?: Float64Array;
  /** Epoch milliseconds of the conversion per row (NaN for a non-converting row); events only. */
  conversionTime?: Float64Array;
  hasValue: boolean;
  hasNulls: boolean;
}

export type InputFormat = 'paths' | 'events';

/** How the file was read, for the metadata and the UI. */
export interface SourceInfo {
  file: string;
  format: InputFormat;
  /** Field delimiter as detected or given. */
  delimiter: string;
  /** Channel separator inside a path (path format only). */
  channelSeparator?: string;
  /** Data rows read (header excluded, blank lines skipped). */
  rows: number;
  bytes: number;
  /** Event format: first and last timestamp seen (ISO 8601). */
  firstTime?: string;
  lastTime?: string;
}

export interface JourneyStats {
  /** Events only: conversions with no touch inside the lookback window (not attributable). */
  unattributedConversions: number;
  unattributedValue: number;
  /** Events only: touches dropped because they were older than the lookback window. */
  touchesOutsideLookback: number;
  /** Events only: journeys closed by the inactivity rule. */
  journeysClosedByInactivity: number;
}

export interface ParseOutcome {
  table: PathTable | null;
  source: SourceInfo;
  stats: JourneyStats;
  /** Errors stop the analysis (table is null); warnings do not. At most MAX_REPORTED_ERRORS listed. */
  errors: UserError[];
  warnings: UserError[];
  /** Total number of row errors, including those not listed. */
  errorCount: number;
}

export const MAX_REPORTED_ERRORS = 20;

export interface EventOptions {
  /** Touches older than this before the conversion are not credited (default 30 days). */
  lookbackDays: number;
  /** A gap between touches longer than this closes the open journey as non-converting (default 30 days). */
  inactivityDays: number;
}

export interface AttributionSettings {
  /** Time-decay half-life in touches, used when journeys have no timestamps (default 2). */
  halfLifeTouches: number;
  /** Time-decay half-life in days, used when journeys have timestamps (default 7, as Google Analytics). */
  halfLifeDays: number;
  /** Force touch-count decay even when timestamps exist (e.g. to compare with the path format). */
  timeDecayUnit: 'auto' | 'touches' | 'days';
  /** Position-based shares of the first and last touch (default 0.4 each; the middle shares the rest). */
  positionFirst: number;
  positionLast: number;
  /** Markov orders to fit (default [1, 2, 3]). */
  markovOrders: number[];
  /** Full Shapley enumerates 2^n coalitions; above this many channels it is skipped (default 15). */
  maxShapleyChannels: number;
}

export const DEFAULT_EVENT_OPTIONS: EventOptions = { lookbackDays: 30, inactivityDays: 30 };

export const DEFAULT_SETTINGS: AttributionSettings = {
  halfLifeTouches: 2,
  halfLifeDays: 7,
  timeDecayUnit: 'auto',
  positionFirst: 0.4,
  positionLast: 0.4,
  markovOrders: [1, 2, 3],
  maxShapleyChannels: 15,
};

/** Model names as keyed in mta_attribution.json (MODEL.md §8). */
export const HEURISTIC_MODELS = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based'] as const;
export type HeuristicModel = (typeof HEURISTIC_MODELS)[number];

/** Credit per channel id. */
export interface Credit {
  conversions: Float64Array;
  value: Float64Array;
}

export interface MarkovResult {
  order: number;
  /** Distinct states of the chain (windows of `order` channels, consecutive repeats merged). */
  states: number;
  /** P(conversion) from the start state; equals converting / all journeys by flow conservation. */
  pConversion: number;
  /** Expected value per journey from the start state. */
  expectedValue: number;
  /** 1 - P(conv without channel) / P(conv), per channel id (ChannelAttribution's removal effect). */
  removalConversions: Float64Array;
  removalValue: Float64Array;
  credit: Credit;
  /** Gauss-Seidel sweeps used by the slowest solve, and the largest final residual. */
  sweeps: number;
  residual: number;
}

/** Order-1 transition probabilities for the heatmap: rows (start) + channels, columns channels + (conversion) + (null). */
export interface TransitionMatrix {
  rows: string[];
  columns: string[];
  /** rows.length x columns.length, row-major; each row sums to 1 (or 0 for a state never left). */
  probabilities: Float64Array;
  /** Whether consecutive repeats were merged (as markov_model does) or kept as self-loops. */
  mergedRepeats: boolean;
}

export interface ShapleyFullInfo {
  /** Coalitions (distinct channel sets) seen in the data, out of 2^n - 1. */
  coalitionsObserved: number;
  channels: number;
}

export interface PathSummary {
  /** Journey counts by number of touches: lengthCounts[k] = journeys with k touches (last bin = that or more). */
  lengthCounts: Float64Array;
  meanTouches: number;
  /** Most frequent paths (channel ids), with journeys, conversions and conversion rate. */
  topPaths: Array<{ path: number[]; journeys: number; conversions: number; value: number }>;
}

export interface Totals {
  rows: number;
  touches: number;
  journeys: number;
  conversions: number;
  value: number;
  nulls: number;
}

export interface AttributionResult {
  channels: string[];
  totals: Totals;
  /** Whether the input carried conversion values (credited value is meaningless otherwise). */
  hasValue: boolean;
  heuristics: Record<HeuristicModel, Credit>;
  /** Zhao et al. (2018) simplified Shapley. */
  shapley: Credit;
  /** Dalessandro et al. (2012) Shapley on conversion rates; null above maxShapleyChannels or without non-converters. */
  shapleyFull: Credit | null;
  shapleyFullInfo: ShapleyFullInfo;
  markov: MarkovResult[];
  transitions: TransitionMatrix;
  summary: PathSummary;
  settings: AttributionSettings;
  /** Which decay was used: half-life in touches or in days. */
  timeDecayUnit: 'touches' | 'days';
  warnings: UserError[];
  timings: Record<string, number>;
}

// What the calibration inputs become: LiftTest rows (src/core/types.ts, MODEL.md §6) plus the
// provenance and display fields the studio's calibration panel shows next to them.
import type { LiftTest, UserError } from '../core/types';

export type LiftSource = 'pymc' | 'robyn' | 'incrementality';

/** The test window resolved against the Dataset's periods. */
export interface ResolvedWindow {
  start: string;
  end: string;
  /** Index in Dataset.dates of the first and last period overlapping the window. */
  first: number;
  last: number;
  /** n of MODEL.md §6: window length in periods (days / period days); equals the period count when aligned. */
  periods: number;
  /** True when the window starts and ends on period boundaries. */
  aligned: boolean;
  /** The channel's total spend over the overlapping periods (data). */
  data_spend: number;
}

/** A lift test mapped to per-period model inputs, with where it came from. */
export interface CalibratedLiftTest extends LiftTest {
  label: string;
  source: LiftSource;
  file: string;
  /** Spreadsheet row (header = 1) for CSV, 1-based element index for JSON. */
  row: number;
  window?: ResolvedWindow;
  /** Robyn's fields, kept for display (MODEL.md §6). */
  confidence?: number;
  calibration_scope?: string;
  metric?: string;
  /** The numbers as given, in the input's own units, for the panel. */
  given: Record<string, number | string>;
}

export interface LiftImport {
  tests: CalibratedLiftTest[];
  /** Errors (the row was left out) and warnings (the row was kept). */
  issues: UserError[];
}

/**
 * How a Robyn row's `spend` is read. MODEL.md §6 takes it as the test's incremental spend
 * ('incremental': x = data mean, delta_x = spend / n). Robyn itself reads it as the channel's
 * whole spend in the window and `liftAbs` as that spend's whole effect (checks.R
 * check_calibration compares it with the data's spend; calibration.R lift_calibration compares
 * liftAbs with the channel's decomposed contribution): 'channel_total' maps that to
 * x = 0, delta_x = spend / n.
 */
export type RobynSpendMeaning = 'incremental' | 'channel_total';

export interface LiftImportOptions {
  robynSpend?: RobynSpendMeaning;
  /** Robyn rows carry no standard error: sigma = this fraction of |liftAbs| / n (MODEL.md §6: 0.25). */
  robynSigmaFraction?: number;
}

/** Plain LiftTest rows for ModelSpec.lift_tests (drops the display fields). */
export function toModelLiftTests(tests: CalibratedLiftTest[]): LiftTest[] {
  return tests.map((t) => ({ channel: t.channel, x: t.x, delta_x: t.delta_x, delta_y: t.delta_y, sigma: t.sigma, label: t.label }));
}

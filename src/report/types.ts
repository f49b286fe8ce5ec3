// What the executive report is rendered from. Everything here is a posterior summary
// already computed by the analysis and diagnostics layers (or the run's own metadata), so the
// renderer only lays numbers out: the studio and the headless `run` build the same input.
import type { Estimate, LiftTest, RunMetadata, UserError } from '../core/types';
import type { LiftAgreement } from '../calibration/lift-agreement';
import type { BandEstimate } from '../analysis/estimate';
import type { ContributionSummary } from '../analysis/contributions';
import type { OptimizeResult } from '../analysis/optimizer';
import type { ChannelRoas } from '../analysis/roas';
import type { SaturationFlag } from '../analysis/saturation-flags';
import type { Scenario } from '../analysis/scenarios';
import type { MmmDiagnosticsJson } from '../diagnostics/report';
import type { ParameterSummary } from '../diagnostics/summary';

export interface ChannelCurves {
  channel: string;
  multipliers: number[];
  /** Spend per period at each multiplier (multiplier × mean spend per period in the window). */
  spend_per_period: number[];
  current_spend_per_period: number;
  /** Total contribution over the data window at each multiplier. */
  contribution: BandEstimate[];
  /** Return on the next unit of spend at each multiplier (marginal-curves.ts). */
  marginal_roas: BandEstimate[];
}

export interface BudgetSection {
  /** How the problem was set, in words (shown verbatim). */
  rule: string;
  result: OptimizeResult;
  scenarios: Scenario[];
}

export interface TraceSet {
  /** Draw index of each kept point. */
  draws: number[];
  parameters: Array<{ key: string; chains: number[][] }>;
}

export interface ReportInput {
  metadata: RunMetadata;
  /** Name of the modelled outcome (e.g. "revenue"). */
  target: string;
  /** Input files the data came from (user text). */
  sources: string[];
  contributions: ContributionSummary;
  /** Σ_t mu_t per draw: the model's total over the window. */
  model_total: Estimate;
  roas: ChannelRoas[];
  saturation: SaturationFlag[];
  curves: ChannelCurves[];
  /** null when no budget problem was posed. */
  budget: BudgetSection | null;
  diagnostics: MmmDiagnosticsJson;
  parameters: Record<string, ParameterSummary>;
  traces: TraceSet;
  /**
   * Lift tests the fit used, notes on tests left out, and how far the fitted model's implied
   * lift sits from each test (src/calibration/lift-agreement.ts; absent: not computed).
   */
  calibration: { tests: LiftTest[]; notes: UserError[]; agreement?: LiftAgreement[] };
  /** Data warnings worth a reader's attention (imputed cells, dropped columns). */
  notes: UserError[];
  /** Clock of the report (tests fix it). */
  created_at?: string;
}

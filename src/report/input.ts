// Assembling the report's input from a run and its analysis (analyse-run.ts). The studio's
// "Download report" and the headless `run` both come through here.
import type { InferenceData, LiftTest, UserError } from '../core/types';
import { buildDiagnostics, type MmmDiagnosticsJson } from '../diagnostics/report';
import { summarizeParameters } from '../diagnostics/summary';
import type { ReportAnalysis } from './analyse-run';
import { traceSet } from './traces';
import type { ChannelCurves, ReportInput } from './types';

export interface ReportExtras {
  target?: string;
  sources?: string[];
  /** Reuse diagnostics already computed for mmm_diagnostics.json. */
  diagnostics?: MmmDiagnosticsJson;
  calibrationNotes?: UserError[];
  notes?: UserError[];
  /** Points per chain in the trace sparklines (default 60). */
  tracePoints?: number;
  created_at?: string;
}

export function channelCurves(a: ReportAnalysis): ChannelCurves[] {
  const T = a.posterior.data.T;
  return a.analysis.curves.map((c, i) => ({
    channel: c.channel,
    multipliers: c.multipliers,
    spend_per_period: c.spend_per_period,
    current_spend_per_period: a.analysis.decomposition.spendTotal[i] / T,
    contribution: c.contribution,
    marginal_roas: a.marginal[i],
  }));
}

export function reportInput(idata: InferenceData, a: ReportAnalysis, x: ReportExtras = {}): ReportInput {
  const tests: LiftTest[] = idata.attrs.model.lift_tests ?? [];
  return {
    metadata: idata.attrs,
    target: x.target ?? 'the outcome',
    sources: x.sources ?? [],
    contributions: a.analysis.contributions,
    model_total: a.model_total,
    roas: a.analysis.roas,
    saturation: a.analysis.flags,
    curves: channelCurves(a),
    budget: a.budget ? { rule: a.budget.rule, result: a.budget.result, scenarios: a.budget.scenarios } : null,
    diagnostics: x.diagnostics ?? buildDiagnostics(idata),
    parameters: summarizeParameters(idata),
    traces: traceSet(idata, x.tracePoints ?? 60),
    calibration: { tests, notes: x.calibrationNotes ?? [] },
    notes: x.notes ?? [],
    created_at: x.created_at,
  };
}

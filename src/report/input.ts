// Assembling the report's input from a run and its analysis (analyse-run.ts). The studio's
// "Download report" and the headless `run` both come through here.
import type { InferenceData, LiftTest, UserError } from '../core/types';
import type { Posterior } from '../analysis/posterior';
import { liftAgreement, type LiftAgreement } from '../calibration/lift-agreement';
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

/**
 * Each lift test against the fitted model's implied lift per period over all draws; a test
 * whose channel the model lacks gets a note instead of a row (the fit could not have used it).
 */
export function liftAgreements(tests: LiftTest[], post: Posterior): { rows: LiftAgreement[]; notes: UserError[] } {
  const rows: LiftAgreement[] = [];
  const notes: UserError[] = [];
  for (const t of tests) {
    const c = post.spec.channels.findIndex((ch) => ch.name === t.channel);
    if (c < 0) {
      notes.push({ severity: 'warning', channel: t.channel, message: `Lift test ${t.label ?? t.channel}: channel ${t.channel} is not in the model, so its agreement cannot be computed`, hint: 'check the test\'s channel name' });
      continue;
    }
    rows.push(liftAgreement(t, post.spec, post.draws, post.data.channelMax[c], post.data.targetMaxAbs));
  }
  return { rows, notes };
}

export function reportInput(idata: InferenceData, a: ReportAnalysis, x: ReportExtras = {}): ReportInput {
  const tests: LiftTest[] = idata.attrs.model.lift_tests ?? [];
  const agreement = liftAgreements(tests, a.posterior);
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
    calibration: { tests, notes: [...(x.calibrationNotes ?? []), ...agreement.notes], agreement: agreement.rows },
    notes: x.notes ?? [],
    created_at: x.created_at,
  };
}

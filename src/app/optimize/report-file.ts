// mmm_executive_summary.html for the open run (issue 5), rendered by src/report in the
// worker. The report's budget section shows the plan and scenarios on screen (the user's
// constraints and objective), not the report's own default problem, so the downloaded file
// says what the step says.
import type { UserError } from '../../core/types';
import type { MmmDiagnosticsJson } from '../../diagnostics/report';
import { analyseForReport, renderExecutiveSummary, reportInput } from '../../report';
import type { OptimizeEngine, PlanRequest, ScenarioRequest } from './engine';
import { REPORT_FILE, type DownloadFile } from './files';

export interface ReportExtras {
  /** Name of the modelled outcome, e.g. "revenue". */
  target: string;
  /** Where the data came from (user text; the report escapes it). */
  sources: string[];
  /** Data warnings for the reader (imputed cells and the like). */
  notes: UserError[];
  /** The budget problem in words (describe.ts). */
  rule: string;
  /** The run's full diagnostics report when the studio has it (the Diagnostics worker's): not computed again. */
  diagnostics?: MmmDiagnosticsJson | null;
}

export function reportFile(engine: OptimizeEngine, req: PlanRequest, scenarios: ScenarioRequest[], x: ReportExtras): DownloadFile | { errors: UserError[] } {
  const idata = engine.idata;
  // The budget is the step's, so the report's own default problem is not solved.
  const a = analyseForReport(idata, { budget: null });
  if ('errors' in a) return a;
  const result = engine.result(req);
  const input = reportInput(idata, a, { target: x.target, sources: x.sources, notes: x.notes, diagnostics: engine.reportDiagnostics(x.diagnostics ?? null) });
  input.budget = { rule: x.rule, result, scenarios: result.feasible ? scenarios.map((s) => engine.scenario(req, s)) : [] };
  return { name: REPORT_FILE, mime: 'text/html', text: renderExecutiveSummary(input) };
}

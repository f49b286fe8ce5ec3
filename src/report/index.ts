// The executive report: build its input from a run (analyse-run.ts + input.ts) and render
// mmm_executive_summary.html (document.ts).
export { renderExecutiveSummary, reportCsp } from './document';
export { analyseForReport, DEFAULT_BUDGET, type ReportAnalysisOptions, type BudgetSettings, type ReportAnalysis } from './analyse-run';
export { reportInput, type ReportExtras } from './input';
export { escapeHtml } from './html';
export type { ReportInput } from './types';

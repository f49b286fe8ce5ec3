// One simulated dataset through what `carryover run` does, in process: the CSV read by the
// CLI's loader (src/cli/load-dataset.ts), the default spec, the fit on a worker pool, the
// run's analysis (analyseForReport: decomposition, sum check, ROAS, budget plan and
// scenarios), the four JSON outputs, then random budget problems judged independently
// (./constraint-sets.ts), and the SBC ranks of the truth (./truth-ranks.ts). Returns what the bench prints and the CI test asserts; anything
// wrong is a line in `problems`, never a thrown exception (the bench keeps going).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, InferenceData, SamplerSettings } from '../../src/core/types';
import { Rng } from '../../src/core/rng';
import { loadDataset } from '../../src/cli/load-dataset';
import { defaultModelSpec } from '../../src/model/spec';
import { fitMmm } from '../../src/engine/fit';
import type { ChainPool } from '../../src/engine/pool';
import { summarizeParameters } from '../../src/diagnostics/summary';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { buildSummary } from '../../src/outputs/summary';
import { channelContributionsJson } from '../../src/analysis/outputs/channel-contributions';
import { budgetOptimizationJson } from '../../src/analysis/outputs/budget-optimization';
import { analyseForReport, DEFAULT_BUDGET } from '../../src/report';
import { checkProblem, randomProblem } from './constraint-sets';
import { nonFinitePaths } from './finite';
import { matchedPriors, type Simulated } from './simulate';
import { truthRanks, type RankRecord } from './truth-ranks';

export interface RoasCheck {
  channel: string;
  pattern: string;
  truth: number;
  q05: number | null;
  q50: number | null;
  q95: number | null;
  covered: boolean;
}

export interface UnseenOutcome {
  seed: number;
  T: number;
  channels: number;
  controls: string[];
  saturation: string;
  firstDate: string;
  /** M of the generator: the fit's truth is the prior draw divided by it (./simulate.ts). */
  rescaledFrom: number;
  fitSeconds: number;
  divergences: number;
  maxRhat: number;
  minEssBulk: number;
  roas: RoasCheck[];
  /** SBC ranks of every true parameter and ROAS among thinned draws (./truth-ranks.ts). */
  ranks: RankRecord[];
  sumCheck: { relative_error: number; within_2_percent: boolean; closure_error: number } | null;
  constraintSets: { feasible: number; infeasible: number };
  problems: string[];
}

/** The CSV written to a temporary folder and read back by the CLI's loader, with the roles named as flags. */
function importCsv(sim: Simulated, problems: string[]): Dataset | null {
  const dir = mkdtempSync(join(tmpdir(), 'carryover-unseen-'));
  try {
    const file = join(dir, `unseen-${sim.seed}.csv`);
    writeFileSync(file, sim.csv);
    const r = loadDataset([file], sim.roles);
    for (const e of r.report) if (e.severity === 'error') problems.push(`import: ${e.message}`);
    if (!r.dataset) return null;
    const d = r.dataset;
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => v === b[i]);
    if (d.dates.join() !== sim.dataset.dates.join()) problems.push(`import: dates differ (first ${d.dates[0]} vs ${sim.dataset.dates[0]})`);
    if (!same(d.target.values, sim.dataset.target.values)) problems.push('import: target values differ from the CSV');
    for (const c of sim.dataset.channels) {
      const got = d.channels.find((x) => x.name === c.name);
      if (!got || !same(got.spend, c.spend)) problems.push(`import: channel ${c.name} differs from the CSV`);
    }
    for (const c of sim.dataset.controls) {
      const got = d.controls.find((x) => x.name === c.name);
      if (!got || !same(got.values, c.values)) problems.push(`import: control ${c.name} differs from the CSV`);
    }
    return d;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function divergences(idata: InferenceData): number {
  const d = idata.sample_stats.diverging as number[][];
  return d.reduce((s, chain) => s + chain.reduce((a, v) => a + (v ? 1 : 0), 0), 0);
}

export interface UnseenOptions {
  /** Random budget problems per set (default 6). */
  constraintSets?: number;
  /**
   * 'default': MODEL.md's default priors, as a user fits (calibration approximate);
   * 'matched': scale priors divided by the generator's M (exact SBC; ./simulate.ts).
   */
  priors?: 'default' | 'matched';
}

/** Fits one simulated set and checks everything `carryover run` would write for it; an exception is a problem line. */
export async function runUnseen(sim: Simulated, pool: ChainPool, settings: SamplerSettings, opts: UnseenOptions = {}): Promise<UnseenOutcome> {
  const problems: string[] = [];
  try {
    return await fitAndCheck(sim, pool, settings, opts, problems);
  } catch (e) {
    problems.push(`threw: ${e instanceof Error ? e.message : String(e)}`);
    return unfitted(sim, problems);
  }
}

/** The outcome of a set that was not (fully) fitted: its shape and its problems. */
function unfitted(sim: Simulated, problems: string[]): UnseenOutcome {
  return { ...headOf(sim), fitSeconds: NaN, divergences: NaN, maxRhat: NaN, minEssBulk: NaN, roas: [], ranks: [], sumCheck: null, constraintSets: { feasible: 0, infeasible: 0 }, problems };
}

function headOf(sim: Simulated) {
  return {
    seed: sim.seed,
    T: sim.dataset.dates.length,
    channels: sim.channels.length,
    controls: sim.controlKinds,
    saturation: sim.saturation,
    firstDate: sim.dataset.dates[0],
    rescaledFrom: sim.rescaledFrom,
  };
}

async function fitAndCheck(sim: Simulated, pool: ChainPool, settings: SamplerSettings, opts: UnseenOptions, problems: string[]): Promise<UnseenOutcome> {
  const head = headOf(sim);
  const data = importCsv(sim, problems);
  if (!data) return unfitted(sim, problems);
  const base = defaultModelSpec(data, { saturation: sim.saturation });
  const spec = opts.priors === 'matched' ? matchedPriors(base, sim.rescaledFrom) : base;
  const fit = await fitMmm(pool, data, spec, settings);
  for (const f of fit.failedChains) problems.push(`chain ${f.chain} failed: ${f.error}`);
  const params = Object.values(summarizeParameters(fit.idata));
  const out = {
    ...head,
    fitSeconds: fit.wallMs / 1000,
    divergences: divergences(fit.idata),
    maxRhat: Math.max(...params.map((p) => p.r_hat ?? Infinity)),
    minEssBulk: Math.min(...params.map((p) => p.ess_bulk ?? 0)),
  };
  const horizon = Math.min(DEFAULT_BUDGET.horizon, head.T);
  const a = analyseForReport(fit.idata, { budget: { ...DEFAULT_BUDGET, horizon } });
  if ('errors' in a) {
    problems.push(...a.errors.map((e) => `analysis: ${e.message}`));
    return { ...unfitted(sim, problems), ...out };
  }
  const roas = sim.channels.map((truth) => {
    const e = a.analysis.roas.find((r) => r.channel === truth.name)!.roas;
    const covered = e.q05 !== null && e.q95 !== null && e.q05 <= truth.roas && truth.roas <= e.q95;
    return { channel: truth.name, pattern: truth.pattern, truth: truth.roas, q05: e.q05, q50: e.q50, q95: e.q95, covered };
  });
  const ranks = truthRanks(sim, fit.idata, a.analysis.decomposition, problems);
  const sc = a.analysis.contributions.sum_check;
  const outputs = {
    summary: buildSummary(fit.idata, { posterior: a.posterior, analysis: a.analysis }),
    diagnostics: buildDiagnostics(fit.idata),
    contributions: channelContributionsJson(fit.idata.attrs, a.analysis, fit.idata.coords.date?.map(String)),
    budget: budgetOptimizationJson({ ...fit.idata.attrs, budget_rule: a.budget!.rule }, a.budget!.result, a.budget!.scenarios),
  };
  for (const [name, json] of Object.entries(outputs)) for (const p of nonFinitePaths(json)) problems.push(`${name}: not finite: ${p}`);
  if ('errors' in outputs.summary) problems.push(...outputs.summary.errors.map((e) => `summary: ${e.message}`));
  const rng = new Rng(sim.seed, 0xb0d);
  const counts = { feasible: 0, infeasible: 0 };
  for (let i = 0; i < (opts.constraintSets ?? 6); i++) {
    const resp = a.budget!.response;
    const rep = checkProblem(resp, randomProblem(rng, resp.channels, resp.current, horizon), rng);
    counts[rep.feasible ? 'feasible' : 'infeasible']++;
    problems.push(...rep.problems.map((p) => `budget problem ${i + 1}: ${p}`));
  }
  return { ...out, roas, ranks, sumCheck: { relative_error: sc.relative_error, within_2_percent: sc.within_2_percent, closure_error: sc.closure_error }, constraintSets: counts, problems };
}

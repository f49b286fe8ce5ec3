// `carryover optimize RUN_DIR --budget B [--horizon N] [--min c=v ...] [--max c=v ...]
// [--fixed c ...] [--objective mean|q05]`: reads RUN_DIR/inference_data.json (posterior,
// constant_data, attrs.model), optimises the budget over the horizon and writes
// RUN_DIR/mmm_budget_optimization.json (MODEL.md §8) with the default scenarios.
// Exit codes: 0 plan written; 1 unreadable run; 2 bad arguments (including a channel the run
// does not have and a horizon longer than its data); 3 constraints infeasible (the file is
// still written, with the reason).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Estimate, UserError } from '../../core/types';
import { posteriorFromInferenceData } from '../../analysis/posterior';
import { PlanResponse } from '../../analysis/plan-response';
import { optimizeBudget, type Objective } from '../../analysis/optimizer';
import { defaultHorizon, type BoundSpec, type BudgetProblem, type ChannelConstraint } from '../../analysis/constraints';
import { budgetChangeScenario, minimumSpendScenario, shiftScenario, targetEfficiencyScenario, type Scenario } from '../../analysis/scenarios';
import { budgetOptimizationJson, type BudgetOptimizationJson } from '../../analysis/outputs/budget-optimization';
import { ArgError, helpText, numberFlag, parseArgs, type FlagSpec } from '../args';
import { printReport } from '../format-error';
import { readRunDir } from '../run-dir';

/** Per-channel bounds on the plan (also `carryover report`'s); read by constraintsFrom. */
export const BOUND_FLAGS: Record<string, FlagSpec> = {
  min: { type: 'list', help: 'c=v: channel c spends at least v per period; c=0.5x: at least 0.5 × its current spend (repeatable)' },
  max: { type: 'list', help: 'c=v or c=2x: at most v per period / 2 × current (repeatable)' },
};

const FLAGS: Record<string, FlagSpec> = {
  budget: { type: 'string', help: 'total spend over the horizon, all channels (required)' },
  horizon: { type: 'string', help: 'periods to plan, at most the data length (default: 52 weeks or 91 days, or the data length if shorter)' },
  ...BOUND_FLAGS,
  fixed: { type: 'list', help: 'c: hold channel c at its current spend per period (repeatable)' },
  objective: { type: 'string', help: 'mean (default): expected outcome | q05: the 5% quantile of the outcome (risk-averse)' },
  shift: { type: 'list', help: 'A:B:X scenario: move X% of channel A\'s current spend to B (repeatable)' },
  'budget-change': { type: 'list', help: 'Y scenario: re-optimise at the budget ± Y% (repeatable; default +10 and -10)' },
  'target-roas': { type: 'string', help: 'R scenario: the largest budget whose optimised ROAS stays ≥ R' },
  'no-scenarios': { type: 'boolean', help: 'only the optimal plan' },
  seed: { type: 'string', help: 'seed of the random starts of the q05 objective (default 1)' },
  out: { type: 'string', help: 'output file (default RUN_DIR/mmm_budget_optimization.json)' },
  help: { type: 'boolean', help: 'show this help' },
};
const USAGE = `usage: carryover optimize RUN_DIR --budget B [--horizon N] [--min c=v ...] [--max c=v ...] [--fixed c ...] [--objective mean|q05]

Exit status: 0 plan written; 1 the run cannot be read; 2 bad options (also a channel the run
does not have, or a horizon longer than its data); 3 no plan meets the constraints (the file
is still written, with the reason).`;

/** `tv=5000` → absolute per period; `tv=0.5x` (or ×) → relative to current spend. */
function parseBound(raw: string, flag: string): [string, BoundSpec] {
  const m = /^([^=]+)=\s*([0-9.eE+-]+)\s*([x×])?\s*$/.exec(raw);
  if (!m) throw new ArgError(`--${flag} expects channel=value or channel=value x (e.g. tv=5000 or tv=0.5x), got "${raw}"`);
  const value = Number(m[2]);
  if (!Number.isFinite(value) || value < 0) throw new ArgError(`--${flag} ${raw}: the value must be a number ≥ 0`);
  return [m[1].trim(), { value, relative: m[3] !== undefined }];
}

/** A channel named by a constraint flag, kept to check it against the run's channels. */
export interface NamedChannel {
  flag: 'min' | 'max' | 'fixed';
  channel: string;
}

/** --min, --max and --fixed as constraints per channel (throws ArgError), and which flag named which channel. */
export function constraintsFrom(flags: Record<string, unknown>): { constraints: Record<string, ChannelConstraint>; named: NamedChannel[] } {
  const out: Record<string, ChannelConstraint> = {};
  const named: NamedChannel[] = [];
  const get = (c: string) => (out[c] ??= {});
  for (const which of ['min', 'max'] as const)
    for (const raw of (flags[which] as string[] | undefined) ?? []) {
      const [c, b] = parseBound(raw, which);
      if (get(c)[which]) throw new ArgError(`--${which} given twice for channel "${c}"`);
      get(c)[which] = b;
      named.push({ flag: which, channel: c });
    }
  for (const raw of (flags.fixed as string[] | undefined) ?? []) {
    const c = raw.trim();
    get(c).fixed = true;
    named.push({ flag: 'fixed', channel: c });
  }
  return { constraints: out, named };
}

interface Parsed {
  dir: string;
  budget: number;
  horizon?: number;
  objective: Objective;
  constraints: Record<string, ChannelConstraint>;
  /** Which flag named which channel (for the unknown-channel message). */
  named: NamedChannel[];
  seed: number;
  out?: string;
  /** Scenarios: none at all, budget changes in %, shifts, a target ROAS. */
  noScenarios: boolean;
  changes: number[];
  shifts: Array<{ from: string; to: string; percent: number }>;
  targetRoas?: number;
}

function parse(argv: string[]): Parsed | number {
  const args = parseArgs(argv, FLAGS);
  const f = args.flags;
  if (f.help) {
    process.stdout.write(helpText(USAGE, FLAGS));
    return 0;
  }
  if (args.positionals.length !== 1) throw new ArgError('give exactly one RUN_DIR (the --out folder of `carryover fit`)');
  const budget = numberFlag(f, 'budget', { min: 0 });
  if (budget === undefined) throw new ArgError('--budget B is required (total spend over the horizon)');
  const objective = (f.objective ?? 'mean') as Objective;
  if (objective !== 'mean' && objective !== 'q05') throw new ArgError(`--objective must be mean or q05, got "${f.objective}"`);
  return {
    dir: args.positionals[0],
    budget,
    horizon: numberFlag(f, 'horizon', { min: 1, integer: true }),
    objective,
    ...constraintsFrom(f),
    seed: numberFlag(f, 'seed', { min: 0, integer: true }) ?? 1,
    out: f.out as string | undefined,
    noScenarios: f['no-scenarios'] === true,
    changes: ((f['budget-change'] as string[] | undefined) ?? ['10', '-10']).map((raw) => {
      const pct = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(pct) || pct <= -100) throw new ArgError(`--budget-change must be a percentage above -100, got "${raw}"`);
      return pct;
    }),
    shifts: ((f.shift as string[] | undefined) ?? []).map((raw) => {
      const m = /^([^:]+):([^:]+):([0-9.]+)%?$/.exec(raw);
      if (!m || !Number.isFinite(Number(m[3]))) throw new ArgError(`--shift expects FROM:TO:PERCENT (e.g. tv:search:10), got "${raw}"`);
      const percent = Number(m[3]);
      if (percent <= 0 || percent > 100) throw new ArgError(`--shift ${raw}: the share of FROM's spend to move must be above 0 and at most 100 (%), got ${percent}`);
      if (m[1].trim() === m[2].trim()) throw new ArgError(`--shift ${raw}: FROM and TO must be different channels`);
      return { from: m[1].trim(), to: m[2].trim(), percent };
    }),
    targetRoas: numberFlag(f, 'target-roas', { min: 0 }),
  };
}

/**
 * Channels named by --min/--max/--fixed must be the run's: a typo is bad input (exit 2), not
 * constraints that cannot all hold (exit 3, which says the question has no answer). One
 * UserError per unknown name, naming the flag and the run's channels.
 */
export function unknownConstraintChannels(named: readonly NamedChannel[], channels: readonly string[]): UserError[] {
  const known = new Set(channels);
  const seen = new Set<string>();
  const errors: UserError[] = [];
  for (const n of named) {
    if (known.has(n.channel) || seen.has(`${n.flag}\u0000${n.channel}`)) continue;
    seen.add(`${n.flag}\u0000${n.channel}`);
    errors.push({
      severity: 'error',
      channel: n.channel,
      message: `--${n.flag} names a channel this run does not have`,
      hint: `the run's channels are ${channels.join(', ')}`,
    });
  }
  return errors;
}

/**
 * The channels of a --shift scenario must be the run's: a typo would otherwise give a
 * scenario that computes nothing while the command succeeds.
 */
export function unknownShiftChannel(shifts: Parsed['shifts'], channels: readonly string[]): string | null {
  const known = new Set(channels);
  const bad = shifts.flatMap((s) => [s.from, s.to]).find((c) => !known.has(c));
  return bad === undefined ? null : `--shift: "${bad}" is not a channel of this run (channels: ${channels.join(', ')})`;
}

/**
 * --horizon at most the data length T. The plan's outcome assumes each channel's adstock and
 * saturation stay as fitted for the whole horizon; the posterior learnt them from T periods,
 * so a longer plan extrapolates that stability beyond anything the data checked (and the
 * default, min(52 weeks or 91 days, T), already stays within it). It also bounds the work,
 * draws × (horizon + l_max) per evaluation, by the size of the run itself.
 */
export function horizonProblem(horizon: number | undefined, T: number, grain: string): UserError | null {
  if (horizon === undefined || horizon <= T) return null;
  return {
    severity: 'error',
    message: `--horizon ${horizon} is longer than the run's data (${T} ${grain}s): the plan assumes each channel's response stays as fitted, which the data shows over ${T} ${grain}s only`,
    hint: `give --horizon ${T} or less, or fit on a longer history`,
  };
}

function scenarios(resp: PlanResponse, problem: BudgetProblem, p: Parsed): Scenario[] {
  if (p.noScenarios) return [];
  const opts = { objective: 'mean' as const };
  return [
    ...p.changes.map((pct) => budgetChangeScenario(resp, problem, pct, opts)),
    ...p.shifts.map((s) => shiftScenario(resp, s.from, s.to, s.percent)),
    ...(p.targetRoas !== undefined ? [targetEfficiencyScenario(resp, problem, p.targetRoas, opts)] : []),
    minimumSpendScenario(resp, problem, opts),
  ];
}

/** Amounts: whole units from 100 on, else three significant digits (a target in small units keeps its digits). */
const whole = (v: number | null) =>
  v === null ? 'n/a' : Math.abs(v) >= 100 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toLocaleString('en-US', { maximumSignificantDigits: 3 });
const ratio = (v: number | null) => (v === null ? 'n/a' : v.toLocaleString('en-US', { maximumSignificantDigits: 3 }));

/** "mean (90% interval q05 … q95)": every posterior quantity printed with its interval (issue 5). */
function est(e: Estimate | null | undefined, f: (v: number | null) => string = whole): string {
  if (!e || e.mean === null) return 'n/a (could not be computed)';
  return `${f(e.mean)} (90% interval ${f(e.q05)} … ${f(e.q95)})`;
}

/**
 * The summary on stderr: expected outcome of both plans, the lift, and per channel the spend
 * per period (current → optimal; a decision, not a posterior quantity) with the next unit's
 * return at the optimal plan; then each scenario's outcome and lift. Each estimate with its interval.
 */
export function report(json: BudgetOptimizationJson): string {
  if (!json.feasible) return `no feasible plan: ${json.reason}`;
  const mr = json.marginal_return_estimate!;
  const rows = Object.keys(json.optimal!.spend_per_period).map((c) => {
    const b = json.constraints[c].binds;
    const tag = b.fixed ? ' (fixed)' : b.min ? ' (at min)' : b.max ? ' (at max)' : '';
    return `  ${c.padEnd(16)} ${whole(json.current!.spend_per_period[c]).padStart(12)} → ${whole(json.optimal!.spend_per_period[c]).padStart(12)} per period${tag}; next unit returns ${est(mr.optimal[c], ratio)}`;
  });
  const scen = json.scenarios.map((x) =>
    x.feasible ? `  ${x.name}: spend ${whole(x.total_spend)}, outcome ${est(x.expected_outcome)}, lift ${est(x.lift)}` : `  ${x.name}: not possible (${x.reason})`,
  );
  return [
    `expected outcome, current split: ${est(json.current!.expected_outcome)}`,
    `expected outcome, optimal split: ${est(json.optimal!.expected_outcome)}`,
    `lift ${est(json.lift)}, P(lift > 0) = ${json.p_lift_positive?.toFixed(3)}`,
    'spend per period, current → optimal, and the return on one more unit of total spend at the optimal split:',
    ...rows,
    ...(scen.length ? ['scenarios (lift against the current split):', ...scen] : []),
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  let p: Parsed | number;
  try {
    p = parse(argv);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`carryover optimize: ${e.message}\n\n${helpText(USAGE, FLAGS)}`);
    return 2;
  }
  if (typeof p === 'number') return p;
  const run = readRunDir(p.dir, { needModel: true });
  if ('errors' in run) {
    printReport(run.errors);
    return 1;
  }
  const idata = run.idata;
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) {
    printReport(post.errors);
    process.stderr.write(`carryover optimize: ${p.dir} cannot be read (above)\n`);
    return 1;
  }
  const channels = post.spec.channels.map((c) => c.name);
  const unknownBounds = unknownConstraintChannels(p.named, channels);
  if (unknownBounds.length > 0) return (printReport(unknownBounds), 2);
  const unknown = unknownShiftChannel(p.shifts, channels);
  if (unknown) {
    process.stderr.write(`carryover optimize: ${unknown}\n`);
    return 2;
  }
  const grain = idata.attrs?.data_range?.grain ?? 'period';
  const tooLong = horizonProblem(p.horizon, post.data.T, grain);
  if (tooLong) return (printReport([tooLong]), 2);
  const horizon = p.horizon ?? defaultHorizon(grain, post.data.T);
  const resp = new PlanResponse(post.data, post.spec, post.draws, horizon);
  const problem: BudgetProblem = { budget: p.budget, horizon, constraints: p.constraints };
  const result = optimizeBudget(resp, problem, { objective: p.objective, seed: p.seed });
  const sc = result.feasible ? scenarios(resp, problem, p) : [];
  const json = budgetOptimizationJson(idata.attrs, result, sc);
  const out = p.out ?? join(p.dir, 'mmm_budget_optimization.json');
  writeFileSync(out, JSON.stringify(json, null, 2));
  if (!result.feasible) printReport(result.errors);
  process.stderr.write(`${report(json)}\ncarryover optimize: wrote ${out}\n`);
  return result.feasible ? 0 : 3;
}

// How far the summary may trust its own numbers, in words a CFO reads: the readiness gates
// (src/diagnostics/gates.ts) sorted into what makes the estimates provisional (a failing gate
// that affects them), what makes them borderline (a warning on such a gate: R-hat 1.01–1.05,
// ESS 100–400, divergences ≤ 1%, predictive coverage 80% to the pass line) and what costs
// only efficiency (tree depth, E-BFMI, Pareto k). Each problem is named with its number, as
// the Model diagnostics table shows it, and what it means for the numbers above it.
import type { Gate } from '../../diagnostics/gates';
import { fmtCount, fmtPct } from '../format';

export type Reliability = 'provisional' | 'caution' | 'sound';

/** A chain that stopped with an error and was left out of the run (metadata.failed_chains, 0-based). */
export interface FailedChain {
  chain: number;
  error: string;
}

/** The run's failed chains as recorded; anything malformed is skipped rather than trusted. */
export function failedChains(meta: Record<string, unknown>): FailedChain[] {
  const f = meta.failed_chains;
  if (!Array.isArray(f)) return [];
  return f.filter((c): c is FailedChain => typeof c?.chain === 'number' && typeof c?.error === 'string');
}

export interface GateVerdict {
  level: Reliability;
  /** Chains that failed and were left out: the estimates rest on fewer chains than asked for. */
  failed: FailedChain[];
  chains: number;
  /** Failing gates that affect the estimates. */
  blocking: Array<[string, Gate]>;
  /** Warning gates that affect the estimates. */
  borderline: Array<[string, Gate]>;
  /** Gates that only cost efficiency (or LOO), warn or fail. */
  efficiency: Array<[string, Gate]>;
}

export function gateVerdict(gates: Record<string, Gate>, failed: FailedChain[] = [], chains = 0): GateVerdict {
  const all = Object.entries(gates);
  const blocking = all.filter(([, g]) => g.affects_estimates && g.status === 'fail');
  const borderline = all.filter(([, g]) => g.affects_estimates && g.status === 'warn');
  const efficiency = all.filter(([, g]) => !g.affects_estimates && g.status !== 'pass');
  const level = blocking.length ? 'provisional' : borderline.length || failed.length ? 'caution' : 'sound';
  return { level, failed, chains, blocking, borderline, efficiency };
}

/** One gate's problem in plain words with its number (the table's detail when there is no number). */
export function gateWords(name: string, g: Gate): string {
  const v = g.value;
  if (v === null) return `${name}: ${g.detail}`;
  switch (name) {
    case 'r_hat':
      return `the chains disagree (R-hat up to ${Number(v.toPrecision(5))}; 1.01 or less is wanted)`;
    case 'ess_bulk':
      return `too few effective draws for the averages (as few as ${fmtCount(v)}; over 400 wanted)`;
    case 'ess_tail':
      return `too few effective draws for the 90% intervals (as few as ${fmtCount(v)}; over 400 wanted)`;
    case 'divergences':
      return `the sampler hit ${fmtCount(v)} divergent ${v === 1 ? 'transition' : 'transitions'} (parts of the posterior it could not explore; 0 wanted)`;
    case 'ppc_coverage_90':
      return `the model's 90% predictive interval holds only ${fmtPct(v)} of the observations`;
    case 'tree_depth':
      return `${fmtCount(v)} sampler steps hit the maximum tree depth`;
    case 'e_bfmi':
      return `low energy mixing (E-BFMI ${v.toFixed(2)})`;
    case 'pareto_k':
      return `leave-one-out checks are unreliable for some observations (Pareto k up to ${v.toFixed(2)})`;
    default:
      return `${name}: ${g.detail}`;
  }
}

/** "1 of 4 chains failed and was left out (chain 2: its error), so the estimates rest on 3 chains". Errors name their chain (engine/chain-runner.ts). */
export function failedWords(failed: FailedChain[], chains: number): string {
  const n = failed.length;
  const errors = failed.map((f) => (/^chain \d/.test(f.error) ? f.error : `chain ${f.chain + 1}: ${f.error}`)).join('; ');
  const count = chains > 0 ? `${n} of ${chains} chains` : `${n} ${n === 1 ? 'chain' : 'chains'}`;
  const rest = chains > 0 ? `, so the estimates rest on ${chains - n} ${chains - n === 1 ? 'chain' : 'chains'}` : '';
  return `${count} failed and ${n === 1 ? 'was' : 'were'} left out (${errors})${rest}`;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('; ')}; and ${xs[xs.length - 1]}`);

/**
 * The summary's sentence on whether to trust the numbers. Provisional and borderline runs say
 * so first thing after the data sentence (summary-text.ts puts it there), a sound run last.
 */
export function reliabilitySentence(v: GateVerdict): string {
  const eff = v.efficiency.length
    ? ` Also flagged, without changing the estimates: ${list(v.efficiency.map(([n, g]) => `${gateWords(n, g)} (${n} ${g.status})`))}.`
    : '';
  const failed = v.failed.length ? [failedWords(v.failed, v.chains)] : [];
  if (v.level === 'provisional')
    return `PROVISIONAL: the ${v.blocking.map(([n]) => n).join(', ')} ${v.blocking.length === 1 ? 'gate fails' : 'gates fail'}: ${list([...v.blocking.map(([n, g]) => gateWords(n, g)), ...failed])}. ` +
      `Contributions, ROAS and the budget plan below are not reliable and are provisional until the model is refitted (see Model diagnostics).${eff}`;
  if (v.level === 'caution')
    return `CAUTION: the sampler checks are borderline: ${list([...failed, ...v.borderline.map(([n, g]) => gateWords(n, g))])}. ` +
      `The estimates below are usable, but their 90% intervals are less certain than stated; refit with more warmup and draws before acting on a close call (see Model diagnostics).${eff}`;
  return `All readiness gates that affect the estimates pass (chains agree, enough effective draws, no divergent transitions, the model covers the data).${eff}`;
}

/** How sure the plan's improvement is: the shown 90% interval of the lift above zero, or not. */
export type LiftConfidence = 'confident' | 'uncertain' | 'unlikely';

/**
 * 'confident' only when the lift's 90% interval, as the report shows it, lies above zero
 * (then P(lift > 0) ≥ 95%); 'uncertain' when an improvement is more likely than not but the
 * interval includes a loss (or P is unknown); 'unlikely' when P(lift > 0) < 50%. So the summary never calls a
 * reallocation an improvement that its own interval, printed next to it, does not support.
 */
export function liftConfidence(q05: number | null, p: number | null): LiftConfidence {
  if (p === null || !Number.isFinite(p)) return 'uncertain';
  if (p < 0.5) return 'unlikely';
  return q05 !== null && q05 > 0 ? 'confident' : 'uncertain';
}

// Export a run as CmdStan-style CSV, one file per chain: CmdStan's comment header (config
// as `# key = value`), the column line `lp__,accept_stat__,stepsize__,treedepth__,
// n_leapfrog__,divergent__,energy__,` then parameters with Stan's `name.1` indexing, the
// draws, the adaptation block, and one trailing comment line with what CSV cannot hold
// (dims, coords, attrs, observed and constant data) so our importer restores the run
// exactly. Numbers are shortest round-trip text (numbers.ts).

import type { InferenceData, NestedArray } from '../core/types';
import { GROUP_PREFIX, META_MARKER, STAN_STAT_COLUMNS } from './cmdstan-names';
import { flattenWithShape, stanOrder } from './nested';
import { formatNumber } from './numbers';

export type DrawGroup = 'posterior' | 'log_likelihood' | 'posterior_predictive';

export interface CmdStanExportOptions {
  /** Groups written as columns (default: all three that the run has). */
  groups?: DrawGroup[];
  /** Model name written in the header (default "carryover_mmm"). */
  modelName?: string;
}

interface Column {
  name: string;
  /** Values for chain c, draw d. */
  at: (c: number, d: number) => number | null;
}

/** Columns of one variable: `name` for scalars, `name.i.j` (1-based, column-major) otherwise. */
function variableColumns(name: string, arr: NestedArray): { columns: Column[]; chains: number; draws: number } {
  const { shape, values } = flattenWithShape(arr);
  if (shape.length < 2) throw new Error(`${name} does not lead with chain, draw`);
  const [chains, draws, ...dims] = shape;
  const width = dims.reduce((p, n) => p * n, 1);
  const columns = stanOrder(dims).map(({ index, offset }) => ({
    name: dims.length === 0 ? name : `${name}.${index.map((i) => i + 1).join('.')}`,
    at: (c: number, d: number) => values[(c * draws + d) * width + offset],
  }));
  return { columns, chains, draws };
}

function headerComments(idata: InferenceData, chain: number, modelName: string, draws: number): string[] {
  const s = idata.attrs?.sampler;
  const lines = [
    '# stan_version_major = 2',
    '# stan_version_minor = 32',
    '# stan_version_patch = 0',
    `# model = ${modelName}`,
    '# method = sample (Default)',
    '#   sample',
    `#     num_samples = ${draws}`,
    `#     num_warmup = ${s?.warmup ?? 0}`,
    '#     save_warmup = 0 (Default)',
    '#     thin = 1 (Default)',
    '#     adapt',
    '#       engaged = 1 (Default)',
    '#       gamma = 0.05 (Default)',
    `#       delta = ${formatNumber(s?.adapt_delta ?? 0.8)}`,
    '#       kappa = 0.75 (Default)',
    '#       t0 = 10 (Default)',
    '#       init_buffer = 75 (Default)',
    '#       term_buffer = 50 (Default)',
    '#       window = 25 (Default)',
    '#     algorithm = hmc (Default)',
    '#       hmc',
    '#         engine = nuts (Default)',
    '#           nuts',
    `#             max_depth = ${s?.max_treedepth ?? 10}`,
    `#         metric = ${s?.metric ?? 'diag_e'}`,
    `# id = ${chain + 1}`,
    '# random',
    `#   seed = ${idata.attrs?.seed ?? ''}`,
    '# output',
    `#   file = output_${chain + 1}.csv`,
    `# carryover_app_version = ${String(idata.attrs?.app_version ?? '')}`,
  ];
  return lines;
}

/**
 * CmdStan's timing block, when the run recorded warm-up and sampling seconds per chain
 * (attrs.timings.chain_warmup_seconds / chain_sampling_seconds). Without them it is left
 * out rather than invented (rstan then warns that "Elapsed Time" is missing).
 */
function elapsedTime(idata: InferenceData, chain: number): string[] {
  const t = (idata.attrs as Record<string, unknown> | undefined)?.timings as Record<string, unknown> | undefined;
  const w = (t?.chain_warmup_seconds as unknown[] | undefined)?.[chain];
  const s = (t?.chain_sampling_seconds as unknown[] | undefined)?.[chain];
  if (typeof w !== 'number' || typeof s !== 'number') return ['# '];
  return [
    '# ',
    `#  Elapsed Time: ${formatNumber(w)} seconds (Warm-up)`,
    `#                ${formatNumber(s)} seconds (Sampling)`,
    `#                ${formatNumber(w + s)} seconds (Total)`,
    '# ',
  ];
}

function statColumn(idata: InferenceData, arviz: string): ((c: number, d: number) => number | null) | null {
  const arr = idata.sample_stats?.[arviz];
  if (!arr) return null;
  const { shape, values } = flattenWithShape(arr);
  const draws = shape[1];
  return (c, d) => values[c * draws + d];
}

/** One CSV text per chain. */
export function toCmdStanCsv(idata: InferenceData, opts: CmdStanExportOptions = {}): string[] {
  const groups = opts.groups ?? ['posterior', 'log_likelihood', 'posterior_predictive'];
  const columns: Column[] = [];
  let chains = 0;
  let draws = 0;
  const groupMap: Record<string, string> = {};
  const add = (name: string, arr: NestedArray) => {
    const v = variableColumns(name, arr);
    if (chains && (v.chains !== chains || v.draws !== draws)) throw new Error(`${name} has ${v.chains} × ${v.draws} draws, expected ${chains} × ${draws}`);
    chains = v.chains;
    draws = v.draws;
    columns.push(...v.columns);
  };
  if (groups.includes('posterior')) for (const [name, arr] of Object.entries(idata.posterior)) add(name, arr);
  for (const g of ['log_likelihood', 'posterior_predictive'] as const) {
    const arr = idata[g]?.y;
    if (!groups.includes(g) || !Array.isArray(arr) || arr.length === 0) continue;
    add(GROUP_PREFIX[g], arr);
    groupMap[GROUP_PREFIX[g]] = `${g}.y`;
  }
  const stats = STAN_STAT_COLUMNS.map(([, arviz]) => statColumn(idata, arviz));
  const meta = META_MARKER + JSON.stringify({
    format: 1,
    groups: groupMap,
    dims: idata.dims ?? {},
    coords: idata.coords ?? {},
    attrs: idata.attrs ?? {},
    observed_data: idata.observed_data ?? {},
    constant_data: idata.constant_data ?? {},
    stats_present: STAN_STAT_COLUMNS.filter((_, i) => stats[i] !== null).map(([, a]) => a),
  });
  const modelName = opts.modelName ?? 'carryover_mmm';
  const header = [...STAN_STAT_COLUMNS.map(([stan]) => stan), ...columns.map((c) => c.name)].join(',');
  return Array.from({ length: chains }, (_, c) => {
    const lines = headerComments(idata, c, modelName, draws);
    lines.push(header);
    const stepCol = stats[2];
    lines.push('# Adaptation terminated', `# Step size = ${formatNumber(stepCol ? stepCol(c, 0) : null)}`);
    for (let d = 0; d < draws; d++) {
      const row: string[] = stats.map((f) => formatNumber(f ? f(c, d) : null));
      for (const col of columns) row.push(formatNumber(col.at(c, d)));
      lines.push(row.join(','));
    }
    lines.push(...elapsedTime(idata, c), meta);
    return lines.join('\n') + '\n';
  });
}

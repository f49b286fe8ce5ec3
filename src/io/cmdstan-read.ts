// Import CmdStan-style CSV files (one per chain) into InferenceData: ours round-trip
// exactly through the trailing metadata line; files written by CmdStan itself import with
// ArviZ-style default dims (`name_dim_0`, coords 0..n−1), `log_lik` as the log_likelihood
// group and `y_rep` as the posterior predictive (Stan/loo conventions).

import type { InferenceData, NestedArray, RunMetadata, UserError } from '../core/types';
import { type DiagResult, okResult } from '../diagnostics/result';
import { GROUP_PREFIX, META_MARKER, STAN_STAT_COLUMNS } from './cmdstan-names';
import { nest } from './nested';
import { parseNumber } from './numbers';

export interface CsvFile {
  name: string;
  text: string;
}

interface ParsedChain {
  file: string;
  config: Record<string, string>;
  meta: Record<string, unknown> | null;
  header: string[];
  rows: Array<Array<number | null>>;
}

const err = (message: string, where: Partial<UserError>, hint: string): UserError => ({ message, ...where, hint, severity: 'error' });

const CSV_HINT = 'Export the run again, or check that the file is an unmodified CmdStan output CSV.';

function parseChain(f: CsvFile): ParsedChain | UserError {
  const lines = f.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const config: Record<string, string> = {};
  let meta: Record<string, unknown> | null = null;
  let header: string[] | null = null;
  const rows: Array<Array<number | null>> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (line.startsWith(META_MARKER)) {
        try {
          meta = JSON.parse(line.slice(META_MARKER.length)) as Record<string, unknown>;
        } catch {
          return err('the carryover metadata line is not valid JSON', { file: f.name, row: i + 1 }, CSV_HINT);
        }
      } else if (!header) {
        const m = /^#\s*([A-Za-z_]+)\s*=\s*(.*?)\s*(\(Default\))?\s*$/.exec(line);
        if (m) config[m[1]] = m[2];
      }
      continue;
    }
    const cells = line.split(',');
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    if (cells.length !== header.length) {
      return err(`line has ${cells.length} values, the header has ${header.length} columns`, { file: f.name, row: i + 1 }, CSV_HINT);
    }
    const row: Array<number | null> = new Array(cells.length);
    for (let k = 0; k < cells.length; k++) {
      const v = parseNumber(cells[k]);
      if (v === undefined) return err(`"${cells[k]}" is not a number`, { file: f.name, row: i + 1, column: header[k] }, CSV_HINT);
      row[k] = v;
    }
    rows.push(row);
  }
  if (!header) return err('no header line (lp__,accept_stat__,...) found', { file: f.name }, CSV_HINT);
  return { file: f.name, config, meta, header, rows };
}

interface VariableColumns {
  base: string;
  /** Column index and 0-based multi-index of each element. */
  entries: Array<{ col: number; index: number[] }>;
  dims: number[];
}

/** Group `name`, `name.1`, `name.1.2` columns by variable (Stan's 1-based indices). */
function groupColumns(header: string[]): { stats: Map<string, number>; variables: VariableColumns[] } {
  const stats = new Map<string, number>();
  const byBase = new Map<string, VariableColumns>();
  header.forEach((name, col) => {
    if (name.endsWith('__')) {
      stats.set(name, col);
      return;
    }
    const [base, ...idx] = name.split('.');
    const index = idx.map((s) => Number(s) - 1);
    let v = byBase.get(base);
    if (!v) byBase.set(base, (v = { base, entries: [], dims: index.map(() => 0) }));
    v.entries.push({ col, index });
    index.forEach((k, d) => (v.dims[d] = Math.max(v.dims[d], k + 1)));
  });
  return { stats, variables: [...byBase.values()] };
}

function variableArray(chains: ParsedChain[], v: VariableColumns): NestedArray {
  const width = v.dims.reduce((p, n) => p * n, 1);
  const draws = chains[0].rows.length;
  const values: Array<number | null> = new Array(chains.length * draws * width).fill(null);
  chains.forEach((ch, c) => {
    ch.rows.forEach((row, d) => {
      for (const { col, index } of v.entries) {
        let offset = 0;
        for (let k = 0; k < v.dims.length; k++) offset = offset * v.dims[k] + index[k];
        values[(c * draws + d) * width + offset] = row[col];
      }
    });
  });
  return nest(values, [chains.length, draws, ...v.dims]);
}

function checkSameLayout(chains: ParsedChain[]): UserError | null {
  const first = chains[0];
  for (const ch of chains.slice(1)) {
    if (ch.header.join(',') !== first.header.join(',')) {
      return err(`columns differ from ${first.file}`, { file: ch.file }, 'Import the chain files of one run together.');
    }
    if (ch.rows.length !== first.rows.length) {
      return err(`${ch.rows.length} draws, ${first.file} has ${first.rows.length}`, { file: ch.file }, 'All chains of a run must have the same number of draws.');
    }
  }
  return null;
}

function defaultAttrs(chains: ParsedChain[]): RunMetadata {
  const c = chains[0].config;
  const int = (s: string | undefined, fallback: number) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : fallback);
  return {
    sampler: {
      chains: chains.length,
      warmup: int(c.num_warmup, 0),
      draws: chains[0].rows.length,
      adapt_delta: Number(c.delta ?? 0.8),
      max_treedepth: int(c.max_depth, 10),
      metric: 'diag_e',
    },
    seed: int(c.seed, 0),
    source_files: chains.map((ch) => ch.file),
  } as unknown as RunMetadata;
}

/** Files are taken in the order given (chain 1 first); an error names the file, line and column. */
export function fromCmdStanCsv(files: CsvFile[]): DiagResult<InferenceData> {
  if (files.length === 0) return { ok: false, errors: [err('no CSV files given', {}, 'Select one CSV file per chain.')] };
  const chains: ParsedChain[] = [];
  for (const f of files) {
    const p = parseChain(f);
    if ('severity' in p) return { ok: false, errors: [p] };
    chains.push(p);
  }
  const layoutError = checkSameLayout(chains);
  if (layoutError) return { ok: false, errors: [layoutError] };
  const meta = chains[0].meta;
  const { stats, variables } = groupColumns(chains[0].header);
  const draws = chains[0].rows.length;

  const sample_stats: Record<string, NestedArray> = {};
  const present = Array.isArray(meta?.stats_present) ? new Set(meta.stats_present as string[]) : null;
  const known = new Map(STAN_STAT_COLUMNS);
  for (const [stan, col] of stats) {
    const arviz = known.get(stan) ?? stan.replace(/__$/, '');
    if (present && !present.has(arviz)) continue;
    sample_stats[arviz] = chains.map((ch) => ch.rows.map((r) => r[col])) as NestedArray;
  }

  const groups = (meta?.groups as Record<string, string> | undefined) ??
    { [GROUP_PREFIX.log_likelihood]: 'log_likelihood.y', [GROUP_PREFIX.posterior_predictive]: 'posterior_predictive.y' };
  const posterior: Record<string, NestedArray> = {};
  const out = { log_likelihood: { y: [] as NestedArray }, posterior_predictive: { y: [] as NestedArray } };
  const dims: Record<string, string[]> = {};
  const coords: Record<string, Array<string | number>> = {};
  for (const v of variables) {
    const arr = variableArray(chains, v);
    const target = groups[v.base];
    if (target === 'log_likelihood.y') out.log_likelihood.y = arr;
    else if (target === 'posterior_predictive.y') out.posterior_predictive.y = arr;
    else {
      posterior[v.base] = arr;
      if (!meta && v.dims.length > 0) {
        dims[v.base] = v.dims.map((_, k) => `${v.base}_dim_${k}`);
        v.dims.forEach((n, k) => (coords[`${v.base}_dim_${k}`] = Array.from({ length: n }, (_, i) => i)));
      }
    }
  }
  if (draws === 0) return { ok: false, errors: [err('the files hold no draws', { file: chains[0].file }, CSV_HINT)] };
  const idata: InferenceData = {
    posterior,
    sample_stats,
    ...out,
    observed_data: (meta?.observed_data as InferenceData['observed_data']) ?? { y: [] },
    constant_data: (meta?.constant_data as InferenceData['constant_data']) ?? ({} as InferenceData['constant_data']),
    dims: (meta?.dims as InferenceData['dims']) ?? dims,
    coords: (meta?.coords as InferenceData['coords']) ?? coords,
    attrs: (meta?.attrs as RunMetadata) ?? defaultAttrs(chains),
  };
  return okResult(idata);
}

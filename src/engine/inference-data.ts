// Assembling chain results into the InferenceData layout of MODEL.md §8: groups with
// arrays leading with (chain, draw), dims and coords named as ArviZ expects, attrs with the
// run's metadata. Only post-warmup rows go into `posterior` and `sample_stats`.
import type { ChainResult, Dataset, InferenceData, ModelSpec, NestedArray, RunMetadata } from '../core/types';
import { SAMPLE_STAT_NAMES } from '../core/types';
import { variableLayout } from '../model/layout';

/** chain × draw arrays of one scalar column of the draws matrix (post-warmup). */
function scalarColumn(results: ChainResult[], col: number, width: number, source: 'draws' | 'stats'): number[][] {
  return results.map((r) => {
    const m = source === 'draws' ? r.draws : r.stats;
    const out = new Array<number>(r.draws_count);
    for (let d = 0; d < r.draws_count; d++) out[d] = m[(r.warmup + d) * width + col];
    return out;
  });
}

function vectorColumns(results: ChainResult[], offset: number, length: number): number[][][] {
  return results.map((r) => {
    const out = new Array<number[]>(r.draws_count);
    for (let d = 0; d < r.draws_count; d++) {
      const row = (r.warmup + d) * r.n_out + offset;
      out[d] = Array.from(r.draws.subarray(row, row + length));
    }
    return out;
  });
}

/** `posterior` group plus its dims and coords. */
export function posteriorGroup(results: ChainResult[], spec: ModelSpec) {
  const posterior: Record<string, NestedArray> = {};
  const dims: Record<string, string[]> = {};
  const coords: Record<string, Array<string | number>> = {};
  for (const v of variableLayout(spec)) {
    if (v.length === 0) {
      posterior[v.name] = scalarColumn(results, v.offset, results[0].n_out, 'draws');
      dims[v.name] = [];
    } else {
      posterior[v.name] = vectorColumns(results, v.offset, v.length);
      dims[v.name] = [v.dim!];
      coords[v.dim!] = v.coords;
    }
  }
  return { posterior, dims, coords };
}

/** `sample_stats` with ArviZ's NUTS names; diverging as 0/1 numbers. */
export function sampleStatsGroup(results: ChainResult[]): Record<string, NestedArray> {
  const out: Record<string, NestedArray> = {};
  SAMPLE_STAT_NAMES.forEach((name, i) => {
    out[name] = scalarColumn(results, i, SAMPLE_STAT_NAMES.length, 'stats');
  });
  return out;
}

/** constant_data and observed_data from the dataset the model was fitted on. */
export function dataGroups(data: Dataset, spec: ModelSpec) {
  const T = data.dates.length;
  const spend = Array.from({ length: T }, (_, t) => data.channels.map((c) => c.spend[t]));
  const byName = new Map(data.controls.map((c) => [c.name, c.values]));
  const controls = Array.from({ length: T }, (_, t) =>
    spec.controls.map((n) => {
      const v = byName.get(n);
      if (!v) throw new Error(`control "${n}" of the model spec is not in the dataset`);
      return v[t];
    }),
  );
  let targetMax = 0;
  for (const y of data.target.values) targetMax = Math.max(targetMax, Math.abs(y));
  return {
    observed_data: { y: Array.from(data.target.values) },
    constant_data: {
      spend,
      channel_max: data.channels.map((c) => c.spend.reduce((m, x) => Math.max(m, x), 0)),
      target_max_abs: targetMax,
      controls,
    },
  };
}

/** The skeleton every run shares; log_likelihood and posterior_predictive are filled by the caller. */
export function assembleInferenceData(
  results: ChainResult[],
  data: Dataset,
  spec: ModelSpec,
  attrs: RunMetadata,
  pointwise: { log_likelihood: NestedArray; posterior_predictive: NestedArray },
): InferenceData {
  const ok = results.filter((r) => !r.error);
  if (ok.length === 0) throw new Error(`every chain failed: ${results.map((r) => r.error).join('; ')}`);
  const { posterior, dims, coords } = posteriorGroup(ok, spec);
  const { observed_data, constant_data } = dataGroups(data, spec);
  return {
    posterior,
    sample_stats: sampleStatsGroup(ok),
    log_likelihood: { y: pointwise.log_likelihood },
    posterior_predictive: { y: pointwise.posterior_predictive },
    observed_data,
    constant_data,
    dims: {
      ...dims,
      y: ['date'],
      spend: ['date', 'channel'],
      channel_max: ['channel'],
      controls: ['date', 'control'],
    },
    coords: {
      chain: ok.map((r) => r.chain),
      draw: Array.from({ length: ok[0].draws_count }, (_, i) => i),
      date: [...data.dates],
      channel: data.channels.map((c) => c.name),
      control: [...spec.controls],
      ...coords,
    },
    attrs,
  };
}

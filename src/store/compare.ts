// Side-by-side comparison of two runs: what differs in their setup (data, model, sampler)
// and the posterior estimate of every parameter in either run.
import type { Estimate } from '../core/types';
import { variableEstimates } from './estimate';
import type { RunRecord } from './schema';

export interface SetupDifference {
  field: string;
  a: string;
  b: string;
}

export interface ParameterRow {
  key: string;
  a: Estimate | null;
  b: Estimate | null;
}

export interface RunComparison {
  sameData: boolean;
  setup: SetupDifference[];
  parameters: ParameterRow[];
}

function posteriorEstimates(r: RunRecord): Map<string, Estimate> {
  const all = new Map<string, Estimate>();
  const { posterior, dims, coords } = r.inference_data;
  for (const [name, arr] of Object.entries(posterior)) {
    const dim = dims[name]?.[0];
    for (const [k, e] of variableEstimates(name, arr, dim ? coords[dim] : undefined)) all.set(k, e);
  }
  return all;
}

function setupFields(r: RunRecord): Record<string, string> {
  const a = r.inference_data.attrs;
  const f: Record<string, string> = {
    data: `${r.dataset.name} (${a.data_range.first} – ${a.data_range.last}, ${a.data_range.rows} ${a.data_range.grain}s)`,
    seed: String(a.seed),
    sampler: `${a.sampler.chains} chains × (${a.sampler.warmup} + ${a.sampler.draws}), adapt_delta ${a.sampler.adapt_delta}`,
    l_max: String(a.model.l_max),
    fourier_order: String(a.model.fourier_order),
    controls: a.model.controls.join(', ') || '(none)',
  };
  for (const c of a.model.channels) f[`channel ${c.name}`] = `${c.adstock} adstock, ${c.saturation} saturation`;
  return f;
}

export function compareRuns(a: RunRecord, b: RunRecord): RunComparison {
  const fa = setupFields(a);
  const fb = setupFields(b);
  const setup: SetupDifference[] = [];
  for (const field of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    const va = fa[field] ?? '—';
    const vb = fb[field] ?? '—';
    if (va !== vb) setup.push({ field, a: va, b: vb });
  }
  const ea = posteriorEstimates(a);
  const eb = posteriorEstimates(b);
  const parameters = [...new Set([...ea.keys(), ...eb.keys()])].map((key) => ({ key, a: ea.get(key) ?? null, b: eb.get(key) ?? null }));
  return { sameData: a.dataset.fingerprint === b.dataset.fingerprint, setup, parameters };
}

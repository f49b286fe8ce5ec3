// Model comparison table like loo::loo_compare (loo 2.5.1, loo_compare.R): models sorted
// by elpd, each compared with the best through the pointwise differences, whose SE is
// √N · sd(diff) (Vehtari, Gelman, Gabry 2017, §5.2, eq. 24).

import { meanVar } from './autocov';
import { type DiagResult, errorResult, okResult } from './result';

export interface CompareInput {
  name: string;
  /** Pointwise elpd (PSIS-LOO or WAIC), one per observation, same observations for all models. */
  pointwise_elpd: ArrayLike<number>;
  /** Optional fingerprint of the data the model was fitted to; must agree across models. */
  data_fingerprint?: string;
}

export interface CompareRow {
  name: string;
  elpd: number;
  se: number;
  /** elpd of this model minus the best one (0 for the best, negative otherwise). */
  elpd_diff: number;
  /** SE of the difference; 0 for the best model (compared with itself). */
  se_diff: number;
}

function sumOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

export function compareModels(models: CompareInput[]): DiagResult<CompareRow[]> {
  if (models.length < 2) {
    return errorResult('A comparison needs at least two runs.', 'Select two or more saved runs fitted to the same data.');
  }
  const n = models[0].pointwise_elpd.length;
  for (const m of models) {
    if (m.pointwise_elpd.length !== n) {
      return errorResult(
        `Run "${m.name}" has ${m.pointwise_elpd.length} observations, "${models[0].name}" has ${n}.`,
        'LOO comparisons are only meaningful on the same observations: compare runs fitted to the same dataset and date range.',
      );
    }
    const fp0 = models[0].data_fingerprint;
    if (fp0 !== undefined && m.data_fingerprint !== undefined && m.data_fingerprint !== fp0) {
      return errorResult(
        `Run "${m.name}" was fitted to different data than "${models[0].name}".`,
        'Compare runs fitted to the same dataset (same rows and values); refit one of them on the other\'s data.',
      );
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(m.pointwise_elpd[i])) {
        return errorResult(`Run "${m.name}" has no finite elpd for observation ${i + 1}.`, 'Recompute LOO for that run (its log-likelihood has missing values).');
      }
    }
  }
  const elpds = models.map((m) => sumOf(m.pointwise_elpd));
  const order = models.map((_, i) => i).sort((a, b) => elpds[b] - elpds[a]);
  const best = models[order[0]].pointwise_elpd;
  const diff = new Float64Array(n);
  const rows = order.map((k) => {
    const pw = models[k].pointwise_elpd;
    for (let i = 0; i < n; i++) diff[i] = pw[i] - best[i];
    return {
      name: models[k].name,
      elpd: elpds[k],
      se: Math.sqrt(n * meanVar(pw).variance),
      elpd_diff: sumOf(diff),
      se_diff: Math.sqrt(n * meanVar(diff).variance),
    };
  });
  return okResult(rows);
}

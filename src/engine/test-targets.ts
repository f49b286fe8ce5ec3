// Data blocks of the sampler's test targets (assembly/engine/targets/): two analytic
// targets and the six posteriordb posteriors in ../shared/data/posteriordb. Each packer
// returns the kind id for `testTargetLoad`, the f64 block in the layout the matching
// AssemblyScript loader reads, and the names of the constrained outputs (as in each
// posterior's reference.json).

export const TEST_TARGET_KIND = {
  gaussian: 1,
  funnel: 2,
  eight_schools_noncentered: 3,
  kidscore_momiq: 4,
  logmesquite: 5,
  arK: 6,
  garch11: 7,
  blr: 8,
} as const;

export type TestTargetName = keyof typeof TEST_TARGET_KIND;
export type PosteriordbModel = Exclude<TestTargetName, 'gaussian' | 'funnel'>;

/** posteriordb folder (posterior name) of each model we implement. */
export const POSTERIORDB_POSTERIORS: Record<PosteriordbModel, string> = {
  eight_schools_noncentered: 'eight_schools-eight_schools_noncentered',
  kidscore_momiq: 'kidiq-kidscore_momiq',
  logmesquite: 'mesquite-logmesquite',
  arK: 'arK-arK',
  garch11: 'garch-garch11',
  blr: 'sblrc-blr',
};

export interface PackedTestTarget {
  name: TestTargetName;
  kind: number;
  block: Float64Array;
  /** Unconstrained dimension. */
  dim: number;
  /** Names of the constrained outputs, in the order targetConstrain writes them. */
  outputNames: string[];
}

/** A posteriordb data.json, as parsed JSON. */
export type PosteriordbData = Record<string, unknown>;

export type TestTargetSpec =
  | { name: 'gaussian'; mean: number[]; cov: number[][] }
  | { name: 'funnel'; dim: number }
  | { name: PosteriordbModel; data: PosteriordbData };

export function packTestTarget(spec: TestTargetSpec): PackedTestTarget {
  switch (spec.name) {
    case 'gaussian':
      return packGaussian(spec.mean, spec.cov);
    case 'funnel':
      return packFunnel(spec.dim);
    default:
      return packPosteriordb(spec.name, spec.data);
  }
}

const indexed = (name: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${name}[${i + 1}]`);

function packed(name: TestTargetName, values: number[], dim: number, outputNames: string[]): PackedTestTarget {
  return { name, kind: TEST_TARGET_KIND[name], block: Float64Array.from(values), dim, outputNames };
}

/** N(mean, cov); the block carries the precision cov⁻¹ (by Cholesky, so cov must be positive definite). */
export function packGaussian(mean: number[], cov: number[][]): PackedTestTarget {
  const d = mean.length;
  if (d === 0 || cov.length !== d || cov.some((row) => row.length !== d)) {
    throw new Error(`gaussian test target: mean has ${d} entries, so cov must be ${d} × ${d}`);
  }
  const prec = spdInverse(cov);
  return packed('gaussian', [d, ...mean, ...prec.flat()], d, indexed('x', d));
}

/** Neal's funnel in d dimensions: v, then x[1..d-1]. */
export function packFunnel(dim: number): PackedTestTarget {
  if (!Number.isInteger(dim) || dim < 2) throw new Error(`funnel test target: dim must be an integer >= 2, got ${dim}`);
  return packed('funnel', [dim], dim, ['v', ...indexed('x', dim - 1)]);
}

/** Inverse of a symmetric positive-definite matrix via its Cholesky factor: A⁻¹ = L⁻ᵀ L⁻¹. */
export function spdInverse(a: number[][]): number[][] {
  const d = a.length;
  const L = a.map(() => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    let s = a[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
    if (!(s > 0)) throw new Error(`matrix is not positive definite (pivot ${j + 1} is ${s})`);
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = a[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  // Linv by forward substitution, column by column.
  const Linv = a.map(() => new Array<number>(d).fill(0));
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= L[i][k] * Linv[k][c];
      Linv[i][c] = s / L[i][i];
    }
  }
  const inv = a.map(() => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < d; k++) s += Linv[k][i] * Linv[k][j];
      inv[i][j] = s;
    }
  }
  return inv;
}

function num(data: PosteriordbData, key: string, model: string): number {
  const v = data[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${model}: data field "${key}" must be a number`);
  return v;
}

function vec(data: PosteriordbData, key: string, n: number, model: string): number[] {
  const v = data[key];
  if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new Error(`${model}: data field "${key}" must be an array of ${n} finite numbers`);
  }
  return v as number[];
}

/** A posteriordb model with its data.json. */
export function packPosteriordb(model: PosteriordbModel, data: PosteriordbData): PackedTestTarget {
  switch (model) {
    case 'eight_schools_noncentered': {
      const J = num(data, 'J', model);
      const y = vec(data, 'y', J, model);
      const sigma = vec(data, 'sigma', J, model);
      return packed(model, [J, ...y, ...sigma], J + 2, [...indexed('theta', J), 'mu', 'tau']);
    }
    case 'kidscore_momiq': {
      const N = num(data, 'N', model);
      const values = [N, ...vec(data, 'kid_score', N, model), ...vec(data, 'mom_iq', N, model)];
      return packed(model, values, 3, ['beta[1]', 'beta[2]', 'sigma']);
    }
    case 'logmesquite': {
      const N = num(data, 'N', model);
      const cols = ['weight', 'diam1', 'diam2', 'canopy_height', 'total_height', 'density', 'group'];
      const values = [N, ...cols.flatMap((c) => vec(data, c, N, model))];
      return packed(model, values, 8, [...indexed('beta', 7), 'sigma']);
    }
    case 'arK': {
      const K = num(data, 'K', model);
      const T = num(data, 'T', model);
      return packed(model, [K, T, ...vec(data, 'y', T, model)], K + 2, ['alpha', ...indexed('beta', K), 'sigma']);
    }
    case 'garch11': {
      const T = num(data, 'T', model);
      const values = [T, num(data, 'sigma1', model), ...vec(data, 'y', T, model)];
      return packed(model, values, 4, ['mu', 'alpha0', 'alpha1', 'beta1']);
    }
    case 'blr': {
      const N = num(data, 'N', model);
      const D = num(data, 'D', model);
      const X = data.X;
      if (!Array.isArray(X) || X.length !== N) throw new Error(`${model}: data field "X" must be ${N} rows`);
      const rows = X.map((row, i) => vec({ row }, 'row', D, `${model} X row ${i + 1}`));
      return packed(model, [N, D, ...vec(data, 'y', N, model), ...rows.flat()], D + 1, [...indexed('beta', D), 'sigma']);
    }
  }
}

// Pieces of the TypeScript baseline (./reference.ts): the same formulas, in the same order,
// as assembly/engine/mmm/{priors,adstock,saturation,special}.ts — see those files for the
// derivations. Allocation-free: results go into caller-owned arrays or the `sat` record.
import { DIST_CODE } from './block';
import { exp, expFrac, frac, log, log1p } from './fmath';

export function softplus(x: number): number {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/** One parameter's prior + log-Jacobian at qi (assembly/engine/mmm/priors.ts priorTerm). */
export function priorTerm(params: Float64Array, off: number, i: number, qi: number, theta: Float64Array, jac: Float64Array, grad: Float64Array): number {
  const o = off + 4 * i;
  const code = params[o];
  const p1 = params[o + 1];
  const p2 = params[o + 2];
  const c = params[o + 3];
  let lp: number;
  let th = qi;
  let dth = 1;
  let g: number;
  if (code === DIST_CODE.normal) {
    const z = (qi - p1) / p2;
    lp = c - 0.5 * z * z;
    g = -z / p2;
  } else if (code === DIST_CODE.laplace) {
    const d = qi - p1;
    lp = c - Math.abs(d) / p2;
    g = d > 0 ? -1 / p2 : d < 0 ? 1 / p2 : 0;
  } else if (code === DIST_CODE.beta) {
    th = 1 / (1 + exp(-qi));
    const om = 1 / (1 + exp(qi));
    dth = th * om;
    lp = c - p1 * softplus(-qi) - p2 * softplus(qi);
    g = p1 * om - p2 * th;
  } else {
    th = exp(qi);
    dth = th;
    if (code === DIST_CODE.half_normal) {
      const z = th / p1;
      lp = c - 0.5 * z * z + qi;
      g = 1 - z * z;
    } else if (code === DIST_CODE.gamma) {
      lp = c + p1 * qi - p2 * th;
      g = p1 - p2 * th;
    } else {
      const z = (qi - p1) / p2;
      lp = c - 0.5 * z * z;
      g = -z / p2;
    }
  }
  theta[i] = th;
  jac[i] = dth;
  grad[i] = g;
  return lp;
}

/** Every parameter's term in index order, except the deferred ones (set later from others). */
export function priorTerms(params: Float64Array, off: number, dim: number, q: ArrayLike<number>, theta: Float64Array, jac: Float64Array, grad: Float64Array, deferred: Uint8Array): number {
  let lp = 0;
  for (let i = 0; i < dim; i++) if (!deferred[i]) lp += priorTerm(params, off, i, q[i], theta, jac, grad);
  return lp;
}

/** Log-weights and partials of an adstock kernel (assembly/engine/mmm/adstock.ts). */
function logWeights(kind: number, p1: number, p2: number, L: number, logTab: Float64Array, g: Float64Array, d1: Float64Array, d2: Float64Array, o: number): void {
  if (kind === 0) {
    throw new Error('geometric weights are built by adstockWeights');
  } else if (kind === 1) {
    const la = log(p1);
    for (let l = 0; l < L; l++) {
      const u = l - p2;
      g[o + l] = u * u * la;
      d1[o + l] = (u * u) / p1;
      d2[o + l] = -2 * u * la;
    }
  } else if (kind === 2) {
    const llam = log(p1);
    for (let l = 0; l < L; l++) {
      const lx = logTab[l] - llam;
      const xk = exp(p2 * lx);
      g[o + l] = (p2 - 1) * lx - xk;
      d1[o + l] = (p2 * xk - (p2 - 1)) / p1;
      d2[o + l] = lx * (1 - xk);
    }
  } else {
    const llam = log(p1);
    let sg = 0;
    let s1 = 0;
    let s2 = 0;
    g[o] = 0;
    d1[o] = 0;
    d2[o] = 0;
    for (let l = 1; l < L; l++) {
      const li = logTab[l - 1] - llam;
      const ik = exp(p2 * li);
      sg -= ik;
      s1 += (p2 * ik) / p1;
      s2 -= ik * li;
      g[o + l] = sg;
      d1[o + l] = s1;
      d2[o + l] = s2;
    }
  }
}

/** Softmax-normalised weights into w[o..o+L) and centred partials into d1, d2. */
export function adstockWeights(kind: number, p1: number, p2: number, L: number, logTab: Float64Array, w: Float64Array, d1: Float64Array, d2: Float64Array, o: number): void {
  let sum = 0;
  if (kind === 0) {
    let p = 1;
    for (let l = 0; l < L; l++) {
      w[o + l] = p;
      d1[o + l] = l / p1;
      d2[o + l] = 0;
      sum += p;
      p *= p1;
    }
  } else {
    logWeights(kind, p1, p2, L, logTab, w, d1, d2, o);
    let m = -Infinity;
    for (let l = 0; l < L; l++) m = Math.max(m, w[o + l]);
    for (let l = 0; l < L; l++) {
      const e = exp(w[o + l] - m);
      w[o + l] = e;
      sum += e;
    }
  }
  const inv = 1 / sum;
  let m1 = 0;
  let m2 = 0;
  for (let l = 0; l < L; l++) {
    const wl = w[o + l] * inv;
    w[o + l] = wl;
    m1 += wl * d1[o + l];
    m2 += wl * d2[o + l];
  }
  for (let l = 0; l < L; l++) {
    d1[o + l] -= m1;
    d2[o + l] -= m2;
  }
}

/** A saturation point's value and partials (assembly/engine/mmm/saturation.ts). */
export const sat = { value: 0, da: 0, d1: 0, d2: 0 };

export function saturationPoint(kind: number, p1: number, p2: number, a: number): void {
  if (kind === 0) {
    expFrac(-p1 * a);
    const ab = frac.a * frac.b;
    const h = ab + ab;
    sat.value = frac.a - frac.b;
    sat.da = p1 * h;
    sat.d1 = a * h;
    sat.d2 = 0;
    return;
  }
  if (!(a > 0)) {
    sat.value = sat.da = sat.d1 = sat.d2 = 0;
    return;
  }
  const r = log(a) - log(p1);
  const z = p2 * r;
  expFrac(-Math.abs(z));
  const s = z >= 0 ? frac.a : frac.b;
  const om = z >= 0 ? frac.b : frac.a;
  const q = s * om;
  sat.value = s;
  sat.da = (p2 * q) / a;
  sat.d1 = (-p2 * q) / p1;
  sat.d2 = q * r;
}

/**
 * Σ_t a[oa + t] b[ob + t] for t < T with one partial sum for even t and one for odd t, added
 * at the end: the order of the WASM's two-lane loops (assembly/engine/mmm/vec.ts).
 */
export function dotPairs(a: Float64Array, oa: number, b: Float64Array, ob: number, T: number): number {
  let s0 = 0;
  let s1 = 0;
  let t = 0;
  for (; t + 1 < T; t += 2) {
    s0 += a[oa + t] * b[ob + t];
    s1 += a[oa + t + 1] * b[ob + t + 1];
  }
  if (t < T) s0 += a[oa + t] * b[ob + t];
  return s0 + s1;
}

/** ψ(x), as assembly/engine/mmm/special.ts (A&S 6.3.18 after recurrence to x ≥ 10). */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const r = 1 / (x * x);
  const series = r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - r * (691 / 32760 - r * (1 / 12)))))));
  return acc + log(x) - 0.5 / x - series;
}

const LOG_SQRT_2PI = 0.91893853320467274178;

/** log Γ(x), x > 0, as assembly/engine/mmm/special.ts (Lanczos g = 7, n = 9; recurrence below 0.5). */
export function lgamma(x: number): number {
  if (x < 0.5) return lgamma(x + 1) - log(x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  a += 676.5203681218851 / (x + 1);
  a += -1259.1392167224028 / (x + 2);
  a += 771.32342877765313 / (x + 3);
  a += -176.61502916214059 / (x + 4);
  a += 12.507343278686905 / (x + 5);
  a += -0.13857109526572012 / (x + 6);
  a += 9.9843695780195716e-6 / (x + 7);
  a += 1.5056327351493116e-7 / (x + 8);
  return LOG_SQRT_2PI + (x + 0.5) * log(t) - t + log(a);
}

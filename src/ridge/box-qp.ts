// Strictly convex quadratic programme with non-negativity on some variables:
//   minimise ½ bᵀ H b − cᵀ b   subject to b_j ≥ 0 for j in the bounded set.
// This is the ridge problem with Robyn's sign constraints (glmnet lower.limits = 0 for media).
// Solved exactly by the active-set method of Lawson & Hanson ("Solving Least Squares
// Problems", 1974, ch. 23, algorithm NNLS), generalised to free variables and to a quadratic
// objective: the passive set grows one most-violating variable at a time, and a step that
// would make a passive variable negative is cut at the boundary, which drops it. Finite
// termination; the answer satisfies the KKT conditions to rounding. Deterministic.
//
// All buffers live in a workspace sized once (no allocation per solve).

export class BoxQpWorkspace {
  readonly passive: Uint8Array;
  readonly s: Float64Array;
  readonly w: Float64Array;
  readonly sub: Float64Array;
  readonly rhs: Float64Array;
  readonly idx: Int32Array;

  constructor(readonly p: number) {
    this.passive = new Uint8Array(p);
    this.s = new Float64Array(p);
    this.w = new Float64Array(p);
    this.sub = new Float64Array(p * p);
    this.rhs = new Float64Array(p);
    this.idx = new Int32Array(p);
  }
}

/**
 * Solves into `b` (length p). H is p×p row-major, symmetric positive definite. `bounded[j]`
 * = 1 for b_j ≥ 0. Returns the number of passive-set changes, or −1 if the iteration cap
 * was hit (b is then feasible but possibly not optimal).
 */
export function solveBoxQp(H: Float64Array, c: Float64Array, bounded: Uint8Array, b: Float64Array, ws: BoxQpWorkspace, p = ws.p): number {
  const { passive, s, w } = ws;
  for (let j = 0; j < p; j++) {
    passive[j] = bounded[j] ? 0 : 1;
    b[j] = 0;
  }
  solvePassive(H, c, p, ws);
  for (let j = 0; j < p; j++) b[j] = s[j];
  let scale = 0;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(c[j]));
  const tol = 1e-12 * Math.max(1, scale);
  const cap = 10 * p + 10;
  let changes = 0;
  let stuck = -1; // a variable that re-entered and left at once without moving b (rounding)
  for (;;) {
    // w = c − H b: the negative gradient; a bounded variable at 0 with w_j > 0 wants to rise.
    let best = -1;
    let bestW = tol;
    for (let j = 0; j < p; j++) {
      let g = c[j];
      for (let k = 0; k < p; k++) g -= H[j * p + k] * b[k];
      w[j] = g;
      if (bounded[j] && !passive[j] && j !== stuck && g > bestW) {
        bestW = g;
        best = j;
      }
    }
    if (best < 0) return changes;
    passive[best] = 1;
    stuck = -1;
    if (++changes > cap) return -1;
    for (let first = true; ; first = false) {
      solvePassive(H, c, p, ws);
      let alpha = 1;
      let block = -1;
      for (let j = 0; j < p; j++) {
        if (bounded[j] && passive[j] && s[j] <= 0) {
          const a = b[j] / (b[j] - s[j]);
          if (block < 0 || a < alpha) {
            alpha = a;
            block = j;
          }
        }
      }
      if (block < 0) {
        for (let j = 0; j < p; j++) b[j] = s[j];
        break;
      }
      if (first && block === best && alpha === 0) stuck = best;
      for (let j = 0; j < p; j++) b[j] += alpha * (s[j] - b[j]);
      // The blocking variable lands on its bound (exactly, not to rounding); any other that
      // rounding left at or below 0 leaves the passive set too.
      b[block] = 0;
      passive[block] = 0;
      for (let j = 0; j < p; j++) {
        if (bounded[j] && passive[j] && b[j] <= 0) {
          passive[j] = 0;
          b[j] = 0;
        }
      }
      if (++changes > cap) return -1;
    }
  }
}

/** s = argmin over the passive variables with the others at 0: H_PP s_P = c_P (Cholesky). */
function solvePassive(H: Float64Array, c: Float64Array, p: number, ws: BoxQpWorkspace): void {
  const { passive, s, sub, rhs, idx } = ws;
  let m = 0;
  for (let j = 0; j < p; j++) {
    s[j] = 0;
    if (passive[j]) idx[m++] = j;
  }
  for (let a = 0; a < m; a++) {
    rhs[a] = c[idx[a]];
    for (let q = 0; q < m; q++) sub[a * m + q] = H[idx[a] * p + idx[q]];
  }
  choleskySolve(sub, rhs, m);
  for (let a = 0; a < m; a++) s[idx[a]] = rhs[a];
}

/** In-place Cholesky A = L Lᵀ (lower triangle of `a`, m×m), then solves A x = rhs into rhs. */
export function choleskySolve(a: Float64Array, rhs: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    // H is positive definite (a ridge penalty > 0 on every column); guard rounding anyway.
    const l = Math.sqrt(Math.max(d, 1e-300));
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let v = a[i * m + j];
      for (let k = 0; k < j; k++) v -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = v / l;
    }
  }
  for (let i = 0; i < m; i++) {
    let v = rhs[i];
    for (let k = 0; k < i; k++) v -= a[i * m + k] * rhs[k];
    rhs[i] = v / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = rhs[i];
    for (let k = i + 1; k < m; k++) v -= a[k * m + i] * rhs[k];
    rhs[i] = v / a[i * m + i];
  }
}

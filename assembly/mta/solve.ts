// Removal effects of the current chain (chain.ts), solved by Gauss-Seidel on the absorbing
// chain: the method, tolerance and sources are those of src/mta/markov-solve.ts.
import * as C from './chain';
import { ldF64, stF64, zalloc } from './mem';
import { channels } from './table';

const MAX_SWEEPS: i32 = 100000;
const TOLERANCE: f64 = 1e-15;

let adjStart: usize = 0;
let adjTo: usize = 0;
let adjP: usize = 0;
let rewardConv: usize = 0;
let rewardValue: usize = 0;
let startP: usize = 0;
let x: usize = 0;
let y: usize = 0;
let removed: usize = 0;
let out: usize = 0; // removal effects: conversions x n, then value x n
let pFull: f64 = 0;
let vFull: f64 = 0;
let worstSweeps: i32 = 0;
let worstResidual: f64 = 0;
let lastP: f64 = 0;
let lastV: f64 = 0;

function sparse(): void {
  const S = C.states;
  const n = channels;
  let nnz = 0;
  for (let i = 0; i < S * n; i++) if (ldF64(C.edges, i) > 0) nnz++;
  adjStart = zalloc(<usize>(S + 1) << 2);
  adjTo = zalloc(<usize>max(nnz, 1) << 2);
  adjP = zalloc(<usize>max(nnz, 1) << 3);
  rewardConv = zalloc(<usize>S << 3);
  rewardValue = zalloc(<usize>S << 3);
  startP = zalloc(<usize>S << 3);
  let k = 0;
  let startTotal: f64 = 0;
  for (let s = 0; s < S; s++) {
    store<i32>(adjStart + (<usize>s << 2), k);
    startTotal += ldF64(C.start, s);
    let w = ldF64(C.conv, s) + ldF64(C.nulls, s);
    for (let d = 0; d < n; d++) w += ldF64(C.edges, s * n + d);
    if (w == 0) continue;
    for (let d = 0; d < n; d++) {
      const e = ldF64(C.edges, s * n + d);
      if (e > 0) {
        store<i32>(adjTo + (<usize>k << 2), C.successor(s, d));
        stF64(adjP, k++, e / w);
      }
    }
    stF64(rewardConv, s, ldF64(C.conv, s) / w);
    stF64(rewardValue, s, ldF64(C.value, s) / w);
  }
  store<i32>(adjStart + (<usize>S << 2), k);
  if (startTotal > 0) for (let s = 0; s < S; s++) stF64(startP, s, ldF64(C.start, s) / startTotal);
}

function absorb(useRemoved: bool): void {
  const S = C.states;
  memory.fill(x, 0, <usize>S << 3);
  memory.fill(y, 0, <usize>S << 3);
  let sweeps = 0;
  let best = Infinity;
  let sinceBest = 0;
  while (sweeps < MAX_SWEEPS) {
    sweeps++;
    let maxDx: f64 = 0;
    let maxDy: f64 = 0;
    let maxX: f64 = 0;
    let maxY: f64 = 0;
    for (let s = S - 1; s >= 0; s--) {
      if (useRemoved && load<u8>(removed + <usize>s) != 0) continue;
      let ax = ldF64(rewardConv, s);
      let ay = ldF64(rewardValue, s);
      const e1 = load<i32>(adjStart + (<usize>(s + 1) << 2));
      for (let e = load<i32>(adjStart + (<usize>s << 2)); e < e1; e++) {
        const p = ldF64(adjP, e);
        const to = load<i32>(adjTo + (<usize>e << 2));
        ax += p * ldF64(x, to);
        ay += p * ldF64(y, to);
      }
      maxDx = max(maxDx, abs(ax - ldF64(x, s)));
      maxDy = max(maxDy, abs(ay - ldF64(y, s)));
      maxX = max(maxX, ax);
      maxY = max(maxY, abs(ay));
      stF64(x, s, ax);
      stF64(y, s, ay);
    }
    const change = max(maxX > 0 ? maxDx / maxX : maxDx, maxY > 0 ? maxDy / maxY : maxDy);
    if (change <= TOLERANCE) break;
    if (change < best) {
      best = change;
      sinceBest = 0;
    } else if (++sinceBest > 50 && change < 1e-12) break;
  }
  let p: f64 = 0;
  let v: f64 = 0;
  for (let s = 0; s < S; s++) {
    p += ldF64(startP, s) * ldF64(x, s);
    v += ldF64(startP, s) * ldF64(y, s);
  }
  lastP = p;
  lastV = v;
  worstSweeps = max(worstSweeps, sweeps);
  worstResidual = max(worstResidual, residual(useRemoved));
}

function residual(useRemoved: bool): f64 {
  let worst: f64 = 0;
  for (let s = 0; s < C.states; s++) {
    if (useRemoved && load<u8>(removed + <usize>s) != 0) continue;
    let a = ldF64(rewardConv, s);
    const e1 = load<i32>(adjStart + (<usize>(s + 1) << 2));
    for (let e = load<i32>(adjStart + (<usize>s << 2)); e < e1; e++) a += ldF64(adjP, e) * ldF64(x, load<i32>(adjTo + (<usize>e << 2)));
    worst = max(worst, abs(a - ldF64(x, s)));
  }
  return worst;
}

/** Flags the states whose window contains channel c; false when there are none. */
function flag(c: i32): bool {
  const base = channels + 1;
  let any = false;
  for (let s = 0; s < C.states; s++) {
    let code = load<i32>(C.codes + (<usize>s << 2));
    let has = false;
    while (code > 0) {
      if (code % base == c + 1) has = true;
      code /= base;
    }
    store<u8>(removed + <usize>s, has ? 1 : 0);
    if (has) any = true;
  }
  return any;
}

/** Solves the current chain with and without each channel; returns the removal-effect buffer. */
export function markovSolve(): usize {
  const S = C.states;
  const n = channels;
  sparse();
  x = zalloc(<usize>max(S, 1) << 3);
  y = zalloc(<usize>max(S, 1) << 3);
  removed = zalloc(<usize>max(S, 1));
  out = zalloc(<usize>(2 * n) << 3);
  worstSweeps = 0;
  worstResidual = 0;
  absorb(false);
  pFull = lastP;
  vFull = lastV;
  for (let c = 0; c < n; c++) {
    if (!flag(c)) continue;
    absorb(true);
    stF64(out, c, pFull > 0 ? 1 - lastP / pFull : NaN);
    stF64(out, n + c, vFull != 0 ? 1 - lastV / vFull : NaN);
  }
  return out;
}

export function markovPConversion(): f64 {
  return pFull;
}
export function markovExpectedValue(): f64 {
  return vFull;
}
export function markovSweeps(): i32 {
  return worstSweeps;
}
export function markovResidual(): f64 {
  return worstResidual;
}

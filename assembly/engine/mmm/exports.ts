// Exports of the mmm part of the engine (see ../index.ts): loading a data block made by
// src/engine/mmm/pack.ts, which becomes the engine's target.
import { setTarget } from '../target';
import * as B from './block';
import { ld } from './block';
import { MmmModel, mmmConstrain, mmmLogDensity, setModel } from './density';
import { exp, expV, log, logV } from './fmath';

function inRange(i: i32, n: i32): bool {
  return i >= 0 && i < n;
}

/** Pointer to the block region whose f64 offset is stored in header slot `slot`. */
function at(ptr: usize, slot: i32): usize {
  return ptr + (<usize>(<i32>ld(ptr, slot)) << 3);
}

function scratch(n: i32): usize {
  return heap.alloc(<usize>max(n, 1) << 3);
}

/** Checks the header and every index/code in the block; 0 or a negative error code. */
function checkBlock(p: usize, len: i32): i32 {
  if (len < B.HEADER_LEN || ld(p, B.H_MAGIC) != B.BLOCK_MAGIC) return -1;
  if (ld(p, B.H_LENGTH) != <f64>len) return -2;
  const T = <i32>ld(p, B.H_T);
  const C = <i32>ld(p, B.H_C);
  const L = <i32>ld(p, B.H_LMAX);
  const dim = <i32>ld(p, B.H_DIM);
  if (T < 1 || C < 1 || L < 1 || dim < 1 || <i32>ld(p, B.H_K) < 0 || <i32>ld(p, B.H_J) < 0 || <i32>ld(p, B.H_NLIFT) < 0) return -3;
  for (let i = 0; i < dim; i++) {
    const code = <i32>ld(p + (<usize>(<i32>ld(p, B.H_OFF_PARAMS) + i * B.PARAM_STRIDE) << 3), 0);
    if (code < B.DIST_NORMAL || code > B.DIST_LOG_NORMAL) return -4;
  }
  const offCh = <i32>ld(p, B.H_OFF_CHANNELS);
  for (let c = 0; c < C; c++) {
    const ch = p + (<usize>(offCh + c * B.CHANNEL_STRIDE) << 3);
    const ad = <i32>ld(ch, B.CH_ADSTOCK);
    const sat = <i32>ld(ch, B.CH_SATURATION);
    if (ad < 0 || ad > B.ADSTOCK_WEIBULL_CDF || sat < 0 || sat > B.SATURATION_HILL) return -4;
    if (!inRange(<i32>ld(ch, B.CH_IDX_A1), dim) || !inRange(<i32>ld(ch, B.CH_IDX_S1), dim) || !inRange(<i32>ld(ch, B.CH_IDX_BETA), dim)) return -4;
    if ((ad != B.ADSTOCK_GEOMETRIC) != inRange(<i32>ld(ch, B.CH_IDX_A2), dim)) return -4;
    if ((sat == B.SATURATION_HILL) != inRange(<i32>ld(ch, B.CH_IDX_S2), dim)) return -4;
  }
  const offLift = <i32>ld(p, B.H_OFF_LIFT);
  for (let i = 0; i < <i32>ld(p, B.H_NLIFT); i++) {
    if (!inRange(<i32>ld(p, offLift + i * B.LIFT_STRIDE), C)) return -4;
  }
  return 0;
}

/**
 * Loads the block at ptr (len f64s), which must stay in place: the log density reads the data
 * from it. Allocates every scratch buffer once. Returns the unconstrained dimension or a
 * negative error code (LOAD_ERRORS in src/engine/mmm/block.ts).
 */
export function mmmLoad(ptr: usize, len: i32): i32 {
  const err = checkBlock(ptr, len);
  if (err < 0) return err;
  const m = new MmmModel();
  m.T = <i32>ld(ptr, B.H_T);
  m.C = <i32>ld(ptr, B.H_C);
  m.K = <i32>ld(ptr, B.H_K);
  m.J = <i32>ld(ptr, B.H_J);
  m.L = <i32>ld(ptr, B.H_LMAX);
  m.nLift = <i32>ld(ptr, B.H_NLIFT);
  m.dim = <i32>ld(ptr, B.H_DIM);
  m.iIntercept = <i32>ld(ptr, B.H_IDX_INTERCEPT);
  m.iControl = <i32>ld(ptr, B.H_IDX_CONTROL);
  m.iFourier = <i32>ld(ptr, B.H_IDX_FOURIER);
  m.iSigma = <i32>ld(ptr, B.H_IDX_SIGMA);
  m.params = at(ptr, B.H_OFF_PARAMS);
  m.channels = at(ptr, B.H_OFF_CHANNELS);
  m.ys = at(ptr, B.H_OFF_YS);
  m.xs = at(ptr, B.H_OFF_XS);
  m.z = at(ptr, B.H_OFF_Z);
  m.fourier = at(ptr, B.H_OFF_FOURIER);
  m.lift = at(ptr, B.H_OFF_LIFT);
  const T = m.T;
  const CT = m.C * T;
  const CL = m.C * m.L;
  m.theta = scratch(m.dim);
  m.jac = scratch(m.dim);
  m.gth = scratch(m.dim);
  m.mu = scratch(T);
  m.e = scratch(T);
  m.u = scratch(T);
  m.a = scratch(CT);
  m.s = scratch(CT);
  m.sa = scratch(CT);
  m.s1 = scratch(CT);
  m.s2 = scratch(CT);
  m.w = scratch(CL);
  m.d1 = scratch(CL);
  m.d2 = scratch(CL);
  m.logTab = scratch(m.L);
  for (let l = 0; l < m.L; l++) B.st(m.logTab, l, log(<f64>(l + 1)));
  m.out2 = scratch(2);
  setModel(m);
  setTarget(m.dim, m.dim, mmmLogDensity, mmmConstrain);
  return m.dim;
}

/**
 * Applies one of the engine's elementary functions to x[0..n) into out (for tests): 0 exp,
 * 1 exp two lanes at a time, 2 log, 3 log two lanes at a time (n even for the lane forms).
 */
export function mmmMathBatch(fn: i32, x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 3;
    if (fn == 0) store<f64>(out + p, exp(load<f64>(x + p)));
    else if (fn == 2) store<f64>(out + p, log(load<f64>(x + p)));
    else if ((i & 1) == 0) v128.store(out + p, fn == 1 ? expV(v128.load(x + p)) : logV(v128.load(x + p)));
  }
}

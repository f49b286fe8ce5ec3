// Exports of the mmm part of the engine (see ../index.ts): loading a data block made by
// src/engine/mmm/pack.ts, which becomes the engine's target.
import { setTarget } from '../target';
import * as B from './block';
import { ld } from './block';
import { ChannelState } from './channel';
import { MmmModel, mmmConstrain, mmmLogDensity, setModel } from './density';
import { copyPadded, off } from './vec';
import { exp, expFrac, expFracV, expV, fracA, fracAV, fracB, fracBV, log, logV } from './fmath';

function inRange(i: i32, n: i32): bool {
  return i >= 0 && i < n;
}

/** Pointer to the block region whose f64 offset is stored in header slot `slot`. */
function at(ptr: usize, slot: i32): usize {
  return ptr + (<usize>(<i32>ld(ptr, slot)) << 3);
}

/** n f64s, 16-byte aligned for v128 loads and stores. */
function scratch(n: i32): usize {
  const p = heap.alloc((<usize>max(n, 1) << 3) + 16);
  return (p + 15) & ~(<usize>15);
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
  // Control and Fourier coefficients are adjacent (src/model/layout.ts order).
  const iC = <i32>ld(p, B.H_IDX_CONTROL);
  const iF = <i32>ld(p, B.H_IDX_FOURIER);
  if (iC >= 0 && iF >= 0 && iF != iC + <i32>ld(p, B.H_K)) return -4;
  const offLift = <i32>ld(p, B.H_OFF_LIFT);
  for (let i = 0; i < <i32>ld(p, B.H_NLIFT); i++) {
    if (!inRange(<i32>ld(p, offLift + i * B.LIFT_STRIDE), C)) return -4;
  }
  return checkRoasRows(p, C);
}

/**
 * ROAS prior rows (./roas.ts): a channel at most once, a known scope, 0 ≤ lo < hi for 'test',
 * a finite log K0, and the channel's saturation_beta row a log_normal.
 */
function checkRoasRows(p: usize, C: i32): i32 {
  const n = <i32>ld(p, B.H_NROAS);
  if (n < 0 || n > C) return -5;
  const offR = <i32>ld(p, B.H_OFF_ROAS);
  const offCh = <i32>ld(p, B.H_OFF_CHANNELS);
  const offP = <i32>ld(p, B.H_OFF_PARAMS);
  for (let i = 0; i < n; i++) {
    const row = p + (<usize>(offR + i * B.ROAS_STRIDE) << 3);
    const c = <i32>ld(row, B.RO_CHANNEL);
    if (!inRange(c, C)) return -5;
    for (let j = 0; j < i; j++) if (<i32>ld(p + (<usize>(offR + j * B.ROAS_STRIDE) << 3), B.RO_CHANNEL) == c) return -5;
    const scope = <i32>ld(row, B.RO_SCOPE);
    if (scope != B.ROAS_WINDOW && scope != B.ROAS_TEST) return -5;
    if (scope == B.ROAS_TEST && !(ld(row, B.RO_LO) >= 0 && ld(row, B.RO_HI) > ld(row, B.RO_LO))) return -5;
    if (!isFinite<f64>(ld(row, B.RO_LOGK))) return -5;
    const iB = <i32>ld(p + (<usize>(offCh + c * B.CHANNEL_STRIDE) << 3), B.CH_IDX_BETA);
    if (<i32>ld(p + (<usize>(offP + iB * B.PARAM_STRIDE) << 3), 0) != B.DIST_LOG_NORMAL) return -5;
  }
  return 0;
}

/** Attaches the ROAS prior rows to their channels. */
function loadRoasRows(m: MmmModel, ptr: usize): void {
  const offR = at(ptr, B.H_OFF_ROAS);
  for (let i = 0; i < <i32>ld(ptr, B.H_NROAS); i++) {
    const row = offR + off(i * B.ROAS_STRIDE);
    const s = unchecked(m.ch[<i32>ld(row, B.RO_CHANNEL)]);
    s.roasScope = <i32>ld(row, B.RO_SCOPE);
    s.roasLo = ld(row, B.RO_LO);
    s.roasHi = ld(row, B.RO_HI);
    s.roasLogK0 = ld(row, B.RO_LOGK);
  }
}

/** Log-transformed priors (half_normal, gamma, log_normal) and priors on R (normal, laplace). */
function dist(m: MmmModel, i: i32): i32 {
  return <i32>ld(m.params + off(i * B.PARAM_STRIDE), 0);
}

function isLogTransform(code: i32): bool {
  return code == B.DIST_HALF_NORMAL || code == B.DIST_GAMMA || code == B.DIST_LOG_NORMAL;
}

/** Which coordinates the flags change (./reparam.ts), where the priors allow it. */
function setParameterisation(m: MmmModel, flags: i32): void {
  m.deferred = heap.alloc(<usize>max(m.dim, 1));
  memory.fill(m.deferred, 0, <usize>m.dim);
  for (let c = 0; c < m.C; c++) {
    const iB = <i32>ld(m.channels + off(c * B.CHANNEL_STRIDE), B.CH_IDX_BETA);
    const s = unchecked(m.ch[c]);
    s.reparam = (flags & B.FLAG_MEAN_CONTRIBUTION) != 0 && isLogTransform(dist(m, iB));
    // A ROAS prior's term needs the channel's curve: evaluated with the channel (./reparam.ts).
    if (s.reparam || s.roasScope >= 0) store<u8>(m.deferred + <usize>iB, 1);
  }
  const di = dist(m, m.iIntercept);
  m.level = (flags & B.FLAG_LEVEL_INTERCEPT) != 0 && isReal(di);
  if (m.level) store<u8>(m.deferred + <usize>m.iIntercept, 1);
  m.uq = scratch(m.dim);
  m.invScale = scratch(m.dim);
  for (let i = 0; i < m.dim; i++) B.st(m.invScale, i, 1);
  if ((flags & B.FLAG_COLUMN_SCALE) == 0) return;
  if (isReal(di)) B.st(m.invScale, m.iIntercept, 1 / Math.sqrt(<f64>m.T));
  const norms = m.colMeans + off(m.nCols);
  for (let k = 0; k < m.nCols; k++) {
    const norm = ld(norms, k);
    if (isReal(dist(m, m.iCols + k)) && norm > 0) B.st(m.invScale, m.iCols + k, 1 / norm);
  }
  let lj: f64 = 0;
  for (let i = 0; i < m.dim; i++) lj += log(ld(m.invScale, i));
  m.logJacobian = lj;
}

function isReal(code: i32): bool {
  return code == B.DIST_NORMAL || code == B.DIST_LAPLACE;
}

/**
 * Loads the block at ptr (len f64s). Reads the prior table, channel records and lift tests in
 * place (the block must stay where it is) and copies the series once into zero-padded scratch
 * laid out for two-lane loops (./vec.ts). Allocates every buffer once. Returns the unconstrained
 * dimension or a negative error code (LOAD_ERRORS in src/engine/mmm/block.ts).
 */
export function mmmLoad(ptr: usize, len: i32): i32 {
  const err = checkBlock(ptr, len);
  if (err < 0) return err;
  const m = new MmmModel();
  m.T = <i32>ld(ptr, B.H_T);
  m.Tp = (m.T + 1) & ~1;
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
  m.iCols = m.K > 0 ? m.iControl : max(m.iFourier, 0);
  m.nCols = m.K + m.J;
  m.colMeans = at(ptr, B.H_OFF_COLMEANS);
  m.params = at(ptr, B.H_OFF_PARAMS);
  m.channels = at(ptr, B.H_OFF_CHANNELS);
  m.lift = at(ptr, B.H_OFF_LIFT);
  const T = m.T;
  const Tp = m.Tp;
  const L = m.L;
  m.ys = scratch(Tp);
  copyPadded(m.ys, at(ptr, B.H_OFF_YS), T, Tp);
  // Controls (K × T) and Fourier features (J × T) are adjacent in the block; both become Tp rows.
  const nCols = m.K + m.J;
  m.cols = scratch(nCols * Tp);
  for (let k = 0; k < m.K; k++) copyPadded(m.cols + off(k * Tp), at(ptr, B.H_OFF_Z) + off(k * T), T, Tp);
  for (let j = 0; j < m.J; j++) copyPadded(m.cols + off((m.K + j) * Tp), at(ptr, B.H_OFF_FOURIER) + off(j * T), T, Tp);
  m.valid = scratch(Tp);
  for (let t = 0; t < Tp; t++) B.st(m.valid, t, t < T ? 1 : 0);
  m.theta = scratch(m.dim);
  m.jac = scratch(m.dim);
  m.gth = scratch(m.dim);
  m.mu = scratch(Tp);
  m.e = scratch(Tp);
  m.u = scratch(Tp);
  m.R = scratch(L);
  m.logTab = scratch(L);
  for (let l = 0; l < L; l++) B.st(m.logTab, l, log(<f64>(l + 1)));
  m.ch = new StaticArray<ChannelState>(m.C);
  const xs = at(ptr, B.H_OFF_XS);
  for (let c = 0; c < m.C; c++) {
    const s = new ChannelState();
    s.satKind = <i32>ld(m.channels + off(c * B.CHANNEL_STRIDE), B.CH_SATURATION);
    s.xpad = scratch(L + Tp);
    memory.fill(s.xpad, 0, off(L));
    copyPadded(s.xpad + off(L), xs + off(c * T), T, Tp);
    s.a = scratch(Tp);
    s.s = scratch(Tp);
    s.sa = scratch(Tp);
    s.s1 = scratch(Tp);
    s.s2 = scratch(Tp);
    s.w = scratch(L);
    s.d1 = scratch(L);
    s.d2 = scratch(L);
    m.ch[c] = s;
  }
  loadRoasRows(m, ptr);
  const flags = <i32>ld(ptr, B.H_FLAGS);
  setParameterisation(m, flags);
  m.priorOnly = (flags & B.FLAG_SAMPLE_PRIOR) != 0;
  // Prior only: the residual weights stay 0 (the likelihood never writes them).
  memory.fill(m.e, 0, off(Tp));
  setModel(m);
  setTarget(m.dim, m.dim, mmmLogDensity, mmmConstrain);
  return m.dim;
}

/**
 * Applies one of the engine's elementary functions to x[0..n) into out (for tests): 0 exp,
 * 1 exp two lanes at a time, 2 log, 3 log in lanes, 4 / 5 A = 1/(1 + e^x) of expFrac scalar /
 * in lanes, 6 / 7 B = e^x/(1 + e^x) likewise (n even for the lane forms).
 */
export function mmmMathBatch(fn: i32, x: usize, out: usize, n: i32): void {
  const lanes = (fn & 1) == 1;
  for (let i = 0; i < n; i += lanes ? 2 : 1) {
    const p = <usize>i << 3;
    if (fn == 0) store<f64>(out + p, exp(load<f64>(x + p)));
    else if (fn == 1) v128.store(out + p, expV(v128.load(x + p)));
    else if (fn == 2) store<f64>(out + p, log(load<f64>(x + p)));
    else if (fn == 3) v128.store(out + p, logV(v128.load(x + p)));
    else if (!lanes) {
      expFrac(load<f64>(x + p));
      store<f64>(out + p, fn == 4 ? fracA : fracB);
    } else {
      expFracV(v128.load(x + p));
      v128.store(out + p, fn == 5 ? fracAV : fracBV);
    }
  }
}

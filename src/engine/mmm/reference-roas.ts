// The ROAS prior in the TypeScript baseline: the same formulas in the same order as
// assembly/engine/mmm/roas.ts (which has the derivation). Nothing is allocated.
import * as B from './block';
import { exp, log } from './fmath';
import type { RefChannel } from './reference-channel';
import { sat, saturationPoint } from './reference-kernels';

/** A channel's ROAS prior row and its values at the current point (roas.ts ChannelState fields). */
export interface RefRoas {
  scope: number;
  lo: number;
  hi: number;
  logK0: number;
  /** ∂lp/∂log β of the term, and ∂log K/∂(sat p1, p2) for a 'test' prior. */
  g: number;
  d1: number;
  d2: number;
}

/** The rows of the block, by channel index (undefined: no ROAS prior). */
export function readRoasRows(b: Float64Array, C: number): Array<RefRoas | undefined> {
  const out: Array<RefRoas | undefined> = new Array(C).fill(undefined);
  for (let i = 0; i < b[B.H_NROAS]; i++) {
    const o = b[B.H_OFF_ROAS] + i * B.ROAS_STRIDE;
    out[b[o + B.RO_CHANNEL]] = { scope: b[o + B.RO_SCOPE], lo: b[o + B.RO_LO], hi: b[o + B.RO_HI], logK0: b[o + B.RO_LOGK], g: 0, d1: 0, d2: 0 };
  }
  return out;
}

function logK(r: RefRoas, ch: RefChannel, p1: number, p2: number): number {
  if (r.scope === B.ROAS_WINDOW) return r.logK0 + log(ch.sbar);
  saturationPoint(ch.saturation, p1, p2, r.hi);
  const vHi = sat.value;
  const d1Hi = sat.d1;
  const d2Hi = sat.d2;
  saturationPoint(ch.saturation, p1, p2, r.lo);
  const diff = vHi - sat.value;
  r.d1 = (d1Hi - sat.d1) / diff;
  r.d2 = (d2Hi - sat.d2) / diff;
  return r.logK0 + log(diff);
}

/** The term for β = e^{qB} (roas.ts roasPriorTerm): θ, dθ/dq and ∂lp/∂q at ch.iB; returns lp. */
export function roasPriorTerm(r: RefRoas, ch: RefChannel, b: Float64Array, oP: number, qB: number, p1: number, p2: number, theta: Float64Array, jac: Float64Array, grad: Float64Array): number {
  const o = oP + ch.iB * B.PARAM_STRIDE;
  const mu = b[o + 1];
  const sigma = b[o + 2];
  const c = b[o + 3];
  const lk = logK(r, ch, p1, p2);
  const th = exp(qB);
  theta[ch.iB] = th;
  jac[ch.iB] = th;
  if (!(lk > -Infinity)) {
    r.g = r.d1 = r.d2 = 0;
    grad[ch.iB] = 0;
    return -Infinity;
  }
  const z = (qB + lk - mu) / sigma;
  const g = -z / sigma;
  r.g = g;
  grad[ch.iB] = g;
  return c - 0.5 * z * z;
}

/** The backward pass's extra shift for a 'window' prior (roas.ts roasShift). */
export function roasShift(r: RefRoas | undefined, ch: RefChannel, beta: number, T: number): number {
  if (r === undefined || r.scope !== B.ROAS_WINDOW || r.g === 0) return 0;
  return -r.g / (beta * T * ch.sbar);
}

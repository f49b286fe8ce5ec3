// The hyperparameters the ridge search explores: per channel the adstock and saturation
// parameters of MODEL.md §2 (same kernels as the Bayesian model), plus Robyn's penalty
// hyperparameter `lambda` in [0, 1]. A range lo === hi fixes a value (Robyn's fixed hyps).
import type { AdstockKind, Dataset, SaturationKind, UserError } from '../core/types';
import type { AdstockParams, SaturationParams } from '../model/kernels';
import { adstockVariables, saturationVariables } from '../model/priors';
import { powPos } from './curves';
import { typed } from './message-format';
import type { Range, RidgeOptions } from './types';

export interface ChannelModel {
  name: string;
  adstock: AdstockKind;
  saturation: SaturationKind;
}

export interface SpaceDim {
  key: string;
  /** Channel index, or −1 for lambda. */
  channel: number;
  variable: string;
  lo: number;
  hi: number;
  /** Searched on a log scale (scale parameters spanning orders of magnitude). */
  log: boolean;
}

export interface SearchSpace {
  channels: ChannelModel[];
  lMax: number;
  dims: SpaceDim[];
  /** Indices into dims of the searched (not fixed) ones: the unit cube's coordinates. */
  free: number[];
}

/**
 * Default ranges. Robyn's guidance (hyper_limits / demo) is geometric theta in [0, 0.8] and
 * Hill alpha (our slope) in [0.5, 3], gamma (our kappa, relative to the adstocked range) in
 * [0.3, 1]; here media is scaled to x / max x, so kappa ranges over [0.1, 1.2] of that scale.
 */
export function defaultRange(variable: string, lMax: number): { range: Range; log: boolean } {
  switch (variable) {
    case 'adstock_alpha':
      return { range: [0, 0.9], log: false };
    case 'adstock_theta':
      return { range: [0, Math.min(4, lMax - 1)], log: false };
    case 'adstock_lam':
      return { range: [0.5, lMax], log: false };
    case 'adstock_k':
      return { range: [0.5, 5], log: false };
    case 'saturation_lam':
      return { range: [0.1, 10], log: true };
    case 'saturation_kappa':
      return { range: [0.1, 1.2], log: false };
    case 'saturation_slope':
      return { range: [0.5, 3], log: false };
    default:
      throw new Error(`no ridge hyperparameter ${variable}`);
  }
}

/** Values a parameter may take (MODEL.md §2 table). */
function supportOk(variable: string, v: number): boolean {
  if (variable === 'adstock_alpha') return v >= 0 && v < 1;
  if (variable === 'adstock_theta') return v >= 0;
  return v > 0;
}

export function buildSpace(data: Dataset, opts: RidgeOptions): SearchSpace | { errors: UserError[] } {
  const errors: UserError[] = [];
  const lMax = opts.l_max ?? 8;
  const dims: SpaceDim[] = [];
  const unknown = Object.keys(opts.channels ?? {}).filter((n) => !data.channels.some((c) => c.name === n));
  for (const n of unknown) errors.push({ severity: 'error', channel: n, message: `ridge settings name channel "${n}", which is not in the data`, hint: `Channels: ${data.channels.map((c) => c.name).join(', ')}.` });
  const channels = data.channels.map((c, ci) => {
    const o = opts.channels?.[c.name] ?? {};
    const m: ChannelModel = { name: c.name, adstock: o.adstock ?? opts.adstock ?? 'geometric', saturation: o.saturation ?? opts.saturation ?? 'hill' };
    const vars = [...adstockVariables(m.adstock), ...saturationVariables(m.saturation)].filter((v) => v !== 'saturation_beta');
    for (const k of Object.keys(o.ranges ?? {})) {
      if (!vars.includes(k)) {
        errors.push({ severity: 'error', channel: c.name, column: k, message: `${k} is not a parameter of ${m.adstock}/${m.saturation} (channel ${c.name})`, hint: `Give ranges only for ${vars.join(', ')}.` });
      }
    }
    for (const variable of vars) {
      const def = defaultRange(variable, lMax);
      const [lo, hi] = o.ranges?.[variable] ?? def.range;
      const key = `${variable}[${c.name}]`;
      if (!(lo <= hi) || !supportOk(variable, lo) || !supportOk(variable, hi)) {
        errors.push({ severity: 'error', channel: c.name, column: variable, message: `range [${typed(lo)}, ${typed(hi)}] of ${key} is not valid`, hint: 'Give lo ≤ hi inside the parameter’s support (alpha in [0, 1), scales > 0).' });
      }
      dims.push({ key, channel: ci, variable, lo, hi, log: def.log && lo > 0 });
    }
    return m;
  });
  const [llo, lhi] = opts.lambda ?? [0, 1];
  if (!(llo >= 0 && llo <= lhi && lhi <= 1)) {
    errors.push({ severity: 'error', column: 'lambda', message: `lambda range [${typed(llo)}, ${typed(lhi)}] is not inside [0, 1]`, hint: 'Robyn’s lambda hyperparameter runs from 0 (least penalty) to 1.' });
  }
  dims.push({ key: 'lambda', channel: -1, variable: 'lambda', lo: llo, hi: lhi, log: false });
  if (errors.length > 0) return { errors };
  return { channels, lMax, dims, free: dims.flatMap((d, i) => (d.hi > d.lo ? [i] : [])) };
}

/** Hyperparameter values (one per dim) from a point of the unit cube over the free dims. */
export function decode(space: SearchSpace, unit: ArrayLike<number>, out: Float64Array): Float64Array {
  let f = 0;
  space.dims.forEach((d, i) => {
    if (d.hi === d.lo) out[i] = d.lo;
    else {
      const u = unit[f++];
      out[i] = d.log ? d.lo * powPos(d.hi / d.lo, u) : d.lo + u * (d.hi - d.lo);
    }
  });
  return out;
}

/** The kernels' parameter objects of channel c from decoded values. */
export function channelParams(space: SearchSpace, values: ArrayLike<number>, c: number, ad: AdstockParams, sat: SaturationParams): void {
  space.dims.forEach((d, i) => {
    if (d.channel !== c) return;
    const v = values[i];
    switch (d.variable) {
      case 'adstock_alpha': ad.alpha = v; break;
      case 'adstock_theta': ad.theta = v; break;
      case 'adstock_lam': ad.lam = v; break;
      case 'adstock_k': ad.k = v; break;
      case 'saturation_lam': sat.lam = v; break;
      case 'saturation_kappa': sat.kappa = v; break;
      case 'saturation_slope': sat.slope = v; break;
    }
  });
}

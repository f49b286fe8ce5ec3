// Where each model variable sits in a constrained parameter vector (layout of ./layout.ts),
// resolved once into flat indices so the loops over posterior draws in the forward pass and
// the analysis only index, and the per-channel read of adstock/saturation parameters.
import type { AdstockKind, ModelSpec, SaturationKind } from '../core/types';
import type { AdstockParams, SaturationParams } from './kernels';
import { variableLayout } from './layout';

/** Where one channel's parameters sit in the constrained vector (-1 when its kinds do not use one). */
export interface ChannelParamIndex {
  adstock: AdstockKind;
  saturation: SaturationKind;
  alpha: number;
  theta: number;
  adstockLam: number;
  adstockK: number;
  saturationLam: number;
  kappa: number;
  slope: number;
  beta: number;
}

export interface ParamIndex {
  intercept: number;
  ySigma: number;
  channels: ChannelParamIndex[];
  controlOffset: number;
  fourierOffset: number;
}

/** Resolves the layout (./layout.ts) into flat indices once, so loops over draws only index. */
export function paramIndex(spec: ModelSpec): ParamIndex {
  const vars = new Map(variableLayout(spec).map((v) => [v.name, v]));
  const at = (name: string, channel: string): number => {
    const v = vars.get(name);
    const i = v ? v.coords.indexOf(channel) : -1;
    return v && i >= 0 ? v.offset + i : -1;
  };
  return {
    intercept: vars.get('intercept')!.offset,
    ySigma: vars.get('y_sigma')!.offset,
    channels: spec.channels.map((c) => ({
      adstock: c.adstock,
      saturation: c.saturation,
      alpha: at('adstock_alpha', c.name),
      theta: at('adstock_theta', c.name),
      adstockLam: at('adstock_lam', c.name),
      adstockK: at('adstock_k', c.name),
      saturationLam: at('saturation_lam', c.name),
      kappa: at('saturation_kappa', c.name),
      slope: at('saturation_slope', c.name),
      beta: at('saturation_beta', c.name),
    })),
    controlOffset: vars.get('gamma_control')?.offset ?? -1,
    fourierOffset: vars.get('gamma_fourier')?.offset ?? -1,
  };
}

/**
 * Fills the kernel parameter objects of one channel from a draw (no allocation) and
 * returns its saturation_beta (model units).
 */
export function readChannelParams(ci: ChannelParamIndex, theta: ArrayLike<number>, offset: number, ad: AdstockParams, sat: SaturationParams): number {
  if (ci.alpha >= 0) ad.alpha = theta[offset + ci.alpha];
  if (ci.theta >= 0) ad.theta = theta[offset + ci.theta];
  if (ci.adstockLam >= 0) ad.lam = theta[offset + ci.adstockLam];
  if (ci.adstockK >= 0) ad.k = theta[offset + ci.adstockK];
  if (ci.saturationLam >= 0) sat.lam = theta[offset + ci.saturationLam];
  if (ci.kappa >= 0) sat.kappa = theta[offset + ci.kappa];
  if (ci.slope >= 0) sat.slope = theta[offset + ci.slope];
  return theta[offset + ci.beta];
}

// Building a ModelSpec from a dataset and user choices, with MODEL.md's defaults.
import type { AdstockKind, Dataset, ModelSpec, Prior, RoasPrior, SaturationKind } from '../core/types';
import { DEFAULT_GLOBAL_PRIORS, adstockVariables, defaultChannelPrior, saturationVariables } from './priors';

export interface SpecOptions {
  adstock?: AdstockKind;
  saturation?: SaturationKind;
  l_max?: number;
  fourier_order?: number;
  /** Controls to use (names in dataset.controls); default all. */
  controls?: string[];
}

/** MODEL.md §1: a control with max |z| > 1000 is divided by its max |z|. */
export function controlScale(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m > 1000 ? m : 1;
}

export function defaultModelSpec(data: Dataset, opts: SpecOptions = {}): ModelSpec {
  const adstock = opts.adstock ?? 'geometric';
  const saturation = opts.saturation ?? 'logistic';
  const controls = opts.controls ?? data.controls.map((c) => c.name);
  const byName = new Map(data.controls.map((c) => [c.name, c.values]));
  return {
    l_max: opts.l_max ?? 8,
    channels: data.channels.map((c) => {
      const priors: Record<string, Prior> = {};
      for (const v of [...adstockVariables(adstock), ...saturationVariables(saturation)]) priors[v] = defaultChannelPrior(v, saturation);
      return { name: c.name, adstock, saturation, priors };
    }),
    controls,
    control_scale: controls.map((n) => {
      const v = byName.get(n);
      if (!v) throw new Error(`control "${n}" is not a column of ${data.name}`);
      return controlScale(v);
    }),
    fourier_order: opts.fourier_order ?? 2,
    priors: { ...DEFAULT_GLOBAL_PRIORS },
    lift_tests: [],
  };
}

/**
 * The prior of a channel variable: the spec's, or MODEL.md's default. For saturation_beta of a
 * channel with a ROAS prior this is NOT the prior in force (see channelRoasPrior): a caller that
 * plots or prints beta's prior must ask channelRoasPrior first.
 */
export function channelPrior(spec: ModelSpec, channel: string, variable: string): Prior {
  const c = spec.channels.find((ch) => ch.name === channel);
  if (!c) throw new Error(`unknown channel ${channel}`);
  return c.priors[variable] ?? defaultChannelPrior(variable, c.saturation);
}

/**
 * The ROAS prior that replaces a channel's saturation_beta prior (ModelSpec.roas_priors;
 * beta | curve ~ LogNormal(mu − log K, sigma), src/calibration/roas-prior.ts), or undefined when
 * the channel's beta keeps its own prior. At most one per channel (src/engine/mmm/validate.ts).
 */
export function channelRoasPrior(spec: ModelSpec, channel: string): RoasPrior | undefined {
  return spec.roas_priors?.find((p) => p.channel === channel);
}

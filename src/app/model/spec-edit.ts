// Immutable edits of a ModelSpec for the Model step. Each returns a new spec, so the state
// can keep it in $state.raw and the UI re-renders on replacement. Priors follow the
// variables a channel uses: switching adstock or saturation keeps the priors of variables
// still in use and gives new ones their MODEL.md §3 default.
import type { AdstockKind, ChannelSpec, Dataset, ModelSpec, Prior, SaturationKind } from '../../core/types';
import { adstockVariables, defaultChannelPrior, saturationVariables } from '../../model/priors';
import { defaultModelSpec } from '../../model/spec';

export type PresetId = 'pymc' | 'hill';

export const PRESETS: ReadonlyArray<{ id: PresetId; label: string; description: string }> = [
  { id: 'pymc', label: 'PyMC-Marketing default', description: "Geometric adstock, logistic saturation, PyMC-Marketing's default priors." },
  { id: 'hill', label: 'Hill', description: 'Geometric adstock, Hill saturation (half-saturation point kappa, slope).' },
];

export function presetSpec(data: Dataset, preset: PresetId, base?: Partial<Pick<ModelSpec, 'l_max' | 'fourier_order' | 'controls'>>): ModelSpec {
  return defaultModelSpec(data, {
    adstock: 'geometric',
    saturation: preset === 'hill' ? 'hill' : 'logistic',
    l_max: base?.l_max,
    fourier_order: base?.fourier_order,
    controls: base?.controls,
  });
}

export function channelVariables(c: Pick<ChannelSpec, 'adstock' | 'saturation'>): string[] {
  return [...adstockVariables(c.adstock), ...saturationVariables(c.saturation)];
}

function withKinds(c: ChannelSpec, adstock: AdstockKind, saturation: SaturationKind): ChannelSpec {
  const priors: Record<string, Prior> = {};
  const sameSaturation = saturation === c.saturation;
  for (const v of channelVariables({ adstock, saturation })) {
    // saturation_beta's default depends on the saturation kind; keep a user's prior only if the kind is unchanged.
    const keep = c.priors[v] && (v !== 'saturation_beta' || sameSaturation);
    priors[v] = keep ? c.priors[v]! : defaultChannelPrior(v, saturation);
  }
  return { ...c, adstock, saturation, priors };
}

function mapChannel(spec: ModelSpec, channel: string, f: (c: ChannelSpec) => ChannelSpec): ModelSpec {
  if (!spec.channels.some((c) => c.name === channel)) throw new Error(`unknown channel ${channel}`);
  return { ...spec, channels: spec.channels.map((c) => (c.name === channel ? f(c) : c)) };
}

export const setAdstock = (spec: ModelSpec, channel: string, kind: AdstockKind): ModelSpec =>
  mapChannel(spec, channel, (c) => withKinds(c, kind, c.saturation));

export const setSaturation = (spec: ModelSpec, channel: string, kind: SaturationKind): ModelSpec =>
  mapChannel(spec, channel, (c) => withKinds(c, c.adstock, kind));

export function setChannelPrior(spec: ModelSpec, channel: string, variable: string, prior: Prior): ModelSpec {
  return mapChannel(spec, channel, (c) => {
    if (!channelVariables(c).includes(variable)) throw new Error(`${channel} has no ${variable}`);
    return { ...c, priors: { ...c.priors, [variable]: prior } };
  });
}

export type GlobalPriorName = keyof ModelSpec['priors'];

export const setGlobalPrior = (spec: ModelSpec, name: GlobalPriorName, prior: Prior): ModelSpec => ({
  ...spec,
  priors: { ...spec.priors, [name]: prior },
});

/** l_max: the adstock window in periods, at least 1 (MODEL.md §2). */
export function setLMax(spec: ModelSpec, l: number): ModelSpec {
  if (!Number.isInteger(l) || l < 1) throw new Error('l_max must be a whole number of periods, at least 1');
  return { ...spec, l_max: l };
}

export function setFourierOrder(spec: ModelSpec, n: number): ModelSpec {
  if (!Number.isInteger(n) || n < 0) throw new Error('the Fourier order must be a whole number, 0 or more');
  return { ...spec, fourier_order: n };
}

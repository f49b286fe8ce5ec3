// The parameter vector layout: which model variable sits at which index of the constrained
// draw vector (the sampler's `out` vector, and the posterior group). Grouped by variable,
// in this order: intercept, adstock_alpha, adstock_theta, adstock_lam, adstock_k,
// saturation_lam, saturation_kappa, saturation_slope, saturation_beta, gamma_control,
// gamma_fourier, y_sigma. Channel variables list only the channels that use them.
import type { ModelSpec } from '../core/types';
import { adstockVariables, saturationVariables } from './priors';

export interface LayoutEntry {
  /** Model variable (ArviZ posterior name). */
  name: string;
  /** Coordinate label for vector variables (channel, control, fourier mode), else undefined. */
  coord?: string;
  /** Index in the flat vector. */
  index: number;
}

export interface VariableLayout {
  name: string;
  /** Dimension name for vector variables: 'channel' when every channel has it, else `${name}_channel`. */
  dim?: string;
  coords: string[];
  /** First index in the flat vector; entries are contiguous. */
  offset: number;
  /** 0 for scalars. */
  length: number;
}

export const CHANNEL_VARIABLE_ORDER = [
  'adstock_alpha',
  'adstock_theta',
  'adstock_lam',
  'adstock_k',
  'saturation_lam',
  'saturation_kappa',
  'saturation_slope',
  'saturation_beta',
] as const;

export function fourierModes(order: number): string[] {
  const modes: string[] = [];
  for (let k = 1; k <= order; k++) modes.push(`sin_${k}`);
  for (let k = 1; k <= order; k++) modes.push(`cos_${k}`);
  return modes;
}

/** Variables of a model spec with their dims, coords and offsets. */
export function variableLayout(spec: ModelSpec): VariableLayout[] {
  const out: VariableLayout[] = [];
  let offset = 0;
  out.push({ name: 'intercept', coords: [], offset: offset++, length: 0 });
  for (const name of CHANNEL_VARIABLE_ORDER) {
    const coords = spec.channels
      .filter((c) => adstockVariables(c.adstock).includes(name) || saturationVariables(c.saturation).includes(name))
      .map((c) => c.name);
    if (coords.length === 0) continue;
    const dim = coords.length === spec.channels.length ? 'channel' : `${name}_channel`;
    out.push({ name, dim, coords, offset, length: coords.length });
    offset += coords.length;
  }
  if (spec.controls.length > 0) {
    out.push({ name: 'gamma_control', dim: 'control', coords: [...spec.controls], offset, length: spec.controls.length });
    offset += spec.controls.length;
  }
  if (spec.fourier_order > 0) {
    const coords = fourierModes(spec.fourier_order);
    out.push({ name: 'gamma_fourier', dim: 'fourier_mode', coords, offset, length: coords.length });
    offset += coords.length;
  }
  out.push({ name: 'y_sigma', coords: [], offset: offset++, length: 0 });
  return out;
}

/** Flat list: one entry per scalar, `name[coord]` style keys via `entryKey`. */
export function flatLayout(spec: ModelSpec): LayoutEntry[] {
  const out: LayoutEntry[] = [];
  for (const v of variableLayout(spec)) {
    if (v.length === 0) out.push({ name: v.name, index: v.offset });
    else v.coords.forEach((coord, i) => out.push({ name: v.name, coord, index: v.offset + i }));
  }
  return out;
}

/** MODEL.md §8 key for a scalar: `adstock_alpha[tv]`, `intercept`. */
export function entryKey(e: LayoutEntry): string {
  return e.coord === undefined ? e.name : `${e.name}[${e.coord}]`;
}

export function parameterCount(spec: ModelSpec): number {
  const vars = variableLayout(spec);
  const last = vars[vars.length - 1];
  return last.offset + Math.max(1, last.length);
}

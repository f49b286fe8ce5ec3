// The model being set up: a ModelSpec kept immutable in $state.raw and replaced by the
// edit functions of model/spec-edit.ts. Invalid edits come back as a message, never throw
// into the UI.
import type { AdstockKind, Dataset, ModelSpec, Prior, SaturationKind } from '../../core/types';
import * as edit from '../model/spec-edit';

export class ModelState {
  #spec = $state.raw<ModelSpec | null>(null);
  #preset = $state<edit.PresetId | 'custom'>('pymc');
  #problem = $state<string | null>(null);

  get spec(): ModelSpec | null {
    return this.#spec;
  }
  get preset(): edit.PresetId | 'custom' {
    return this.#preset;
  }
  /** The last rejected edit, shown next to the controls. */
  get problem(): string | null {
    return this.#problem;
  }

  /**
   * A fresh spec for a dataset from a preset. Keeps the current adstock window and
   * seasonality order; keeps the control selection only for the same dataset (`sameData`),
   * since another dataset has other columns.
   */
  applyPreset(data: Dataset, preset: edit.PresetId, sameData = true): void {
    const cur = this.#spec;
    const keep = cur ? { l_max: cur.l_max, fourier_order: cur.fourier_order, controls: sameData ? cur.controls : undefined } : undefined;
    this.#spec = edit.presetSpec(data, preset, keep);
    this.#preset = preset;
    this.#problem = null;
  }

  /** Restores a spec and the preset it came from (the saved session). */
  restore(spec: ModelSpec | null, preset: string): void {
    this.#spec = spec;
    this.#preset = preset === 'pymc' || preset === 'hill' ? preset : 'custom';
    this.#problem = null;
  }

  /** Adopts a spec as is (e.g. from a saved run). */
  adopt(spec: ModelSpec | null): void {
    this.#spec = spec;
    this.#preset = 'custom';
    this.#problem = null;
  }

  #apply(f: (s: ModelSpec) => ModelSpec): void {
    if (!this.#spec) return;
    try {
      this.#spec = f(this.#spec);
      this.#preset = 'custom';
      this.#problem = null;
    } catch (e) {
      this.#problem = (e as Error).message;
    }
  }

  setAdstock(channel: string, kind: AdstockKind): void {
    this.#apply((s) => edit.setAdstock(s, channel, kind));
  }
  setSaturation(channel: string, kind: SaturationKind): void {
    this.#apply((s) => edit.setSaturation(s, channel, kind));
  }
  setChannelPrior(channel: string, variable: string, prior: Prior): void {
    this.#apply((s) => edit.setChannelPrior(s, channel, variable, prior));
  }
  setGlobalPrior(name: edit.GlobalPriorName, prior: Prior): void {
    this.#apply((s) => edit.setGlobalPrior(s, name, prior));
  }
  setLMax(l: number): void {
    this.#apply((s) => edit.setLMax(s, l));
  }
  setFourierOrder(n: number): void {
    this.#apply((s) => edit.setFourierOrder(s, n));
  }
}

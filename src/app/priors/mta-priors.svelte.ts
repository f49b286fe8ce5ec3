// The Model step's "MTA-informed priors": a saved MTA run (the Attribution area's current results
// or an uploaded mta_attribution.json) read by src/calibration's mtaRoasPriors into a wide
// LogNormal prior on each channel's ROAS, labelled "MTA-informed". The analyst picks the
// attribution model, the credit measure, the minimum width, how MTA channels map to the data's,
// and the channels to apply; the applied priors go to the calibration state, which writes them
// into ModelSpec.roas_priors (with lift-test priors ranking first, src/calibration/assign.ts).
import type { Dataset, UserError } from '../../core/types';
import { mtaRoasPriors, type MtaAttribution, type MtaPriorResult } from '../../calibration/mta-prior';
import type { PriorInput } from '../../calibration/assign';
import { asSource } from '../shell/error-place';
import { defaultChannelMap, defaultMtaModel, mtaChannels, mtaFromJson, mtaFromText, mtaHasValue, type MtaSource } from './mta-source';

export interface MtaOptions {
  model: string;
  /** Credited revenue (`value`) for a revenue target, `conversions` for a conversions target. */
  measure: 'value' | 'conversions';
  /** Minimum log-scale sd of each prior (mtaRoasPriors' floor; 1 = ×/÷ 5.2 at 90%). */
  sigma: number;
  /** MTA channel → data channel (null: left out). */
  map: Record<string, string | null>;
}

export const MTA_KEY = 'mta#';

/**
 * Credits re-keyed by data channel: MTA channels mapped to the same data channel are summed
 * (their credit is that channel's), channels mapped to none are left out.
 */
export function remapMta(mta: MtaAttribution, map: Record<string, string | null>): MtaAttribution {
  const models: MtaAttribution['models'] = {};
  for (const [m, credits] of Object.entries(mta.models)) {
    const out: Record<string, { conversions: number; value: number }> = {};
    for (const [name, c] of Object.entries(credits)) {
      const to = map[name];
      if (!to) continue;
      const prev = out[to];
      out[to] = prev ? { conversions: prev.conversions + c.conversions, value: prev.value + c.value } : { ...c };
    }
    models[m] = out;
  }
  return { ...mta, models };
}

export class MtaPriorState {
  #source = $state.raw<MtaSource | null>(null);
  #options = $state.raw<MtaOptions | null>(null);
  /** Data channels whose prior is NOT applied (all are, by default). */
  #skipped = $state.raw<ReadonlySet<string>>(new Set());
  #errors = $state.raw<UserError[]>([]);
  #memo: { key: unknown[]; value: MtaPriorResult | null } | null = null;

  constructor(
    private readonly host: { readonly dataset: Dataset | null },
    private readonly changed: () => void,
  ) {}

  get source(): MtaSource | null {
    return this.#source;
  }
  get options(): MtaOptions | null {
    return this.#options;
  }
  /** Problems reading the source; the per-channel problems are in result.issues. */
  get errors(): UserError[] {
    return this.#errors;
  }
  isApplied(channel: string): boolean {
    return !this.#skipped.has(channel);
  }

  /** The priors and credits for the current data (null without a source or data). */
  get result(): MtaPriorResult | null {
    const data = this.host.dataset;
    const key = [this.#source, this.#options, data];
    if (this.#memo && this.#memo.key.every((k, i) => k === key[i])) return this.#memo.value;
    let value: MtaPriorResult | null = null;
    if (this.#source && this.#options && data) {
      const o = this.#options;
      value = mtaRoasPriors(remapMta(this.#source.mta, o.map), data, this.#source.name, { model: o.model, measure: o.measure, sigma: o.sigma });
      // Results taken from the Attribution area are not a file: their problems name them as a source.
      if (this.#source.kind === 'attribution') value = { ...value, issues: asSource(value.issues, this.#source.name, this.#source.name) };
    }
    this.#memo = { key, value };
    return value;
  }

  /** The applied priors, as inputs of the calibration assignment. */
  get inputs(): PriorInput[] {
    return (this.result?.priors ?? []).map((prior) => ({ key: MTA_KEY + prior.channel, prior, used: this.isApplied(prior.channel), from: 'MTA-informed priors' }));
  }

  /** Takes the Attribution area's report (its results as mta_attribution.json would hold them). */
  useReport(report: unknown, name: string): void {
    const read = mtaFromJson(report, name);
    if ('errors' in read) return this.#fail(asSource(read.errors, name, name));
    this.#set({ kind: 'attribution', name, mta: read.mta });
  }

  async addFile(file: File): Promise<void> {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      return this.#fail([{ severity: 'error', file: file.name, message: `could not be read: ${(e as Error).message}`, hint: 'Check the file is readable and try again.' }]);
    }
    const read = mtaFromText(text, file.name);
    if ('errors' in read) return this.#fail(read.errors);
    this.#set({ kind: 'file', name: file.name, mta: read.mta });
  }

  setOptions(patch: Partial<MtaOptions>): void {
    if (!this.#options) return;
    this.#options = { ...this.#options, ...patch };
    this.changed();
  }

  mapChannel(mtaChannel: string, to: string | null): void {
    if (!this.#options) return;
    this.setOptions({ map: { ...this.#options.map, [mtaChannel]: to } });
  }

  setApplied(channel: string, on: boolean): void {
    const next = new Set(this.#skipped);
    if (on) next.delete(channel);
    else next.add(channel);
    this.#skipped = next;
    this.changed();
  }

  /** Forgets the source; `quiet` when the caller writes the spec itself. */
  clear(quiet = false): void {
    this.#source = null;
    this.#options = null;
    this.#skipped = new Set();
    this.#errors = [];
    if (!quiet) this.changed();
  }

  #fail(errors: UserError[]): void {
    this.#errors = errors;
  }

  #set(source: MtaSource): void {
    const channels = this.host.dataset?.channels.map((c) => c.name) ?? [];
    this.#source = source;
    this.#errors = [];
    this.#skipped = new Set();
    this.#options = {
      model: defaultMtaModel(source.mta),
      // Credited revenue per unit spend is ROAS for a revenue target; for a conversions target
      // (or journeys without values) the credit to compare is conversions.
      measure: /conversion/i.test(this.host.dataset?.target.name ?? '') || !mtaHasValue(source.mta) ? 'conversions' : 'value',
      sigma: 1,
      map: defaultChannelMap(mtaChannels(source.mta), channels),
    };
    this.changed();
  }
}

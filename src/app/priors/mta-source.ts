// Where MTA-informed priors come from: the Attribution area's current results (its
// mta_attribution.json report, src/mta/report.ts) or an uploaded mta_attribution.json (MODEL.md
// §8). Both are read into src/calibration's MtaAttribution: models that could not be computed
// (null, e.g. shapley_full over many channels) are dropped, and a credit that is null (no
// conversion values in the journeys) becomes NaN, which mtaRoasPriors reports per channel.
import type { UserError } from '../../core/types';
import type { MtaAttribution } from '../../calibration/mta-prior';

export interface MtaSource {
  kind: 'attribution' | 'file';
  /** File name, or "Attribution results of <time>" (not a file: its problems carry it as UserError.source). */
  name: string;
  mta: MtaAttribution;
}

type Credit = { conversions: number; value: number };

const number = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** Reads a parsed mta_attribution.json (or the Attribution area's report object). */
export function mtaFromJson(json: unknown, file: string): { mta: MtaAttribution } | { errors: UserError[] } {
  const fail = (message: string, column?: string): { errors: UserError[] } => ({
    errors: [{ severity: 'error', file, ...(column ? { column } : {}), message, hint: 'Choose the mta_attribution.json the Attribution area (or `carryover attribute`) writes: {"metadata", "models": {model: {channel: {"conversions", "value"}}}}.' }],
  });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('is not a JSON object');
  const root = json as { models?: unknown; metadata?: unknown };
  if (typeof root.models !== 'object' || root.models === null || Array.isArray(root.models)) return fail('has no "models" object', 'models');
  const models: Record<string, Record<string, Credit>> = {};
  for (const [name, byChannel] of Object.entries(root.models as Record<string, unknown>)) {
    if (byChannel === null) continue;
    if (typeof byChannel !== 'object' || Array.isArray(byChannel)) return fail(`model "${name}" is not an object of channels`, `models.${name}`);
    const credits: Record<string, Credit> = {};
    for (const [channel, c] of Object.entries(byChannel as Record<string, unknown>)) {
      if (typeof c !== 'object' || c === null) return fail(`model "${name}", channel "${channel}" has no {"conversions", "value"}`, `models.${name}.${channel}`);
      const { conversions, value } = c as { conversions?: unknown; value?: unknown };
      credits[channel] = { conversions: number(conversions), value: number(value) };
    }
    models[name] = credits;
  }
  if (Object.keys(models).length === 0) return fail('has no attribution model with results', 'models');
  const range = (root.metadata as { data_range?: { first?: unknown; last?: unknown } } | undefined)?.data_range;
  const first = typeof range?.first === 'string' ? range.first : undefined;
  const last = typeof range?.last === 'string' ? range.last : undefined;
  return { mta: { metadata: first && last ? { data_range: { first, last } } : {}, models } };
}

export function mtaFromText(text: string, file: string): { mta: MtaAttribution } | { errors: UserError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { errors: [{ severity: 'error', file, message: `is not JSON: ${(e as Error).message}`, hint: 'Choose the mta_attribution.json written by the Attribution area or `carryover attribute`.' }] };
  }
  return mtaFromJson(json, file);
}

/** Attribution models in the file, in file order. */
export function mtaModels(mta: MtaAttribution): string[] {
  return Object.keys(mta.models);
}

/** Channels credited by any model, in order of first appearance. */
export function mtaChannels(mta: MtaAttribution): string[] {
  return [...new Set(Object.values(mta.models).flatMap((m) => Object.keys(m)))];
}

/** True when some credit has a value (the journeys carried conversion values). */
export function mtaHasValue(mta: MtaAttribution): boolean {
  return Object.values(mta.models).some((m) => Object.values(m).some((c) => c.value > 0));
}

/** Model used by default: as mtaRoasPriors picks it (markov_1, shapley, linear, else the first). */
export function defaultMtaModel(mta: MtaAttribution): string {
  const models = mtaModels(mta);
  return ['markov_1', 'shapley', 'linear'].find((m) => models.includes(m)) ?? models[0];
}

/**
 * The data channel an MTA channel maps to by default: the same name, else the same name in
 * any case, else none (the analyst maps it by hand or leaves it out).
 */
export function defaultChannelMap(mtaChannels: readonly string[], dataChannels: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const m of mtaChannels) out[m] = dataChannels.find((d) => d === m) ?? dataChannels.find((d) => d.toLowerCase() === m.toLowerCase()) ?? null;
  return out;
}

/** True when no MTA channel is mapped to a data channel: no prior can come out until the analyst maps some. */
export function noChannelMapped(mta: MtaAttribution, map: Record<string, string | null>): boolean {
  return !mtaChannels(mta).some((m) => !!map[m]);
}

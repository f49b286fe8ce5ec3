// The analyst's standing choices, kept apart from the working session (session.ts): sampler
// settings, which of them the analyst typed on the Fit step, and the model preset. The
// session record carries the dataset and may be too big to save or fail to read back; these
// few numbers must survive that, so they live in their own small record (object store
// `preferences`, DB version 3, migrations/db-upgrades.ts).
//
// A stored value is read field by field: one that is missing, of the wrong type or outside
// what the Fit step accepts is left out (the studio keeps its default for it), never thrown
// and never logged. So a damaged or foreign record costs at most the fields that are bad.
import { isSeed } from '../core/seed';
import type { SamplerSettings } from '../core/types';

export const PREFERENCES_VERSION = 1;
export const PREFERENCES_KEY = 'studio';

export interface PreferencesRecord {
  preferences_version: typeof PREFERENCES_VERSION;
  saved_at: string;
  /** The settings of the next fit; only fields that passed `readSettings`. */
  settings: Partial<SamplerSettings>;
  /**
   * Settings the analyst typed on the Fit step. Kept with the record, but the studio does not
   * apply it on a new visit: which settings were typed is each visit's own, so "Try the demo"
   * uses its recommended settings for what was not typed in that visit (state/session.svelte.ts).
   */
  chosen: Array<keyof SamplerSettings>;
  /** The model preset last picked on the Model step, or null. */
  preset: string | null;
}


const int = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * What each setting may be, by the Fit step's boxes (chains 1–16, warmup and draws at least
 * 10, seed 0–MAX_SEED) and the engine's own checks where the studio has no box (0 < adapt_delta
 * < 1, max_treedepth ≥ 1: src/engine/chain-runner.ts samplerErrorMessage(-1)). The engine
 * allocates one tree level per unit of max_treedepth (assembly/engine/nuts/workspace.ts), so a
 * damaged huge value is cut at 30: a depth-30 tree already takes 2^30 − 1 leapfrog steps.
 */
const VALID: { [K in keyof SamplerSettings]-?: (v: unknown) => boolean } = {
  chains: (v) => int(v, 1, 16),
  warmup: (v) => int(v, 10),
  draws: (v) => int(v, 10),
  seed: isSeed,
  adapt_delta: (v) => typeof v === 'number' && v > 0 && v < 1,
  max_treedepth: (v) => int(v, 1, 30),
  metric: (v) => v === 'diag_e',
};

const KEYS = Object.keys(VALID) as Array<keyof SamplerSettings>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The valid fields of a stored settings object; anything else in it is left out. */
export function readSettings(raw: unknown): Partial<SamplerSettings> {
  if (!isObject(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (VALID[k](raw[k])) out[k] = raw[k];
  return out as Partial<SamplerSettings>;
}

/** Names of settings the analyst chose, known names only, each once. */
export function readChosen(raw: unknown): Array<keyof SamplerSettings> {
  if (!Array.isArray(raw)) return [];
  return KEYS.filter((k) => raw.includes(k));
}

/** A preset name as the Model step stores it (a short word), or null. */
function readPreset(raw: unknown): string | null {
  return typeof raw === 'string' && /^[a-z][a-z0-9_-]{0,31}$/.test(raw) ? raw : null;
}

/** The usable part of whatever is stored under PREFERENCES_KEY; null when nothing is. */
export function readPreferences(raw: unknown): PreferencesRecord | null {
  if (!isObject(raw) || raw.preferences_version !== PREFERENCES_VERSION) return null;
  return {
    preferences_version: PREFERENCES_VERSION,
    saved_at: typeof raw.saved_at === 'string' ? raw.saved_at : '',
    settings: readSettings(raw.settings),
    chosen: readChosen(raw.chosen),
    preset: readPreset(raw.preset),
  };
}

/** The record to store: only valid fields go in, so what is read back is what was meant. */
export function preferencesRecord(p: { settings: unknown; chosen?: unknown; preset?: unknown }, now = new Date()): PreferencesRecord {
  return {
    preferences_version: PREFERENCES_VERSION,
    saved_at: now.toISOString(),
    settings: readSettings(p.settings),
    chosen: readChosen(p.chosen),
    preset: readPreset(p.preset),
  };
}

// The ridge run the studio asks for: the form's settings, resolved against the dataset and
// the model being set up (its adstock window, seasonality, controls and lift tests), into
// src/ridge's RidgeOptions. Same settings and data → same options → same result.
import type { Dataset, ModelSpec } from '../../core/types';
import type { RidgeOptions } from '../../ridge';

export type CurveChoice = 'robyn' | 'model';

export interface RidgeSettings {
  seed: number;
  /** Candidates per generation of the search. */
  population: number;
  /** Generations after the first (quasi-random) population. */
  generations: number;
  /** Bootstrap replicates for the intervals. */
  replicates: number;
  /** Robyn's curves (geometric adstock + Hill) or each channel's kinds from the model. */
  curves: CurveChoice;
  /** Add MAPE.LIFT as a third objective when the model has lift tests. */
  useLiftTests: boolean;
}

export const DEFAULT_RIDGE_SETTINGS: Omit<RidgeSettings, 'seed'> = { population: 40, generations: 50, replicates: 500, curves: 'robyn', useLiftTests: true };

/** Bounds the form enforces (the worker would take more, the tab's patience would not). */
export const LIMITS = {
  population: [8, 200],
  generations: [0, 500],
  replicates: [50, 5000],
} as const;

export function clampSetting(key: keyof typeof LIMITS, v: number): number {
  const [lo, hi] = LIMITS[key];
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo;
}

export function ridgeOptions(s: RidgeSettings, data: Dataset, spec: ModelSpec | null): RidgeOptions {
  const inData = new Set(data.controls.map((c) => c.name));
  const opts: RidgeOptions = {
    seed: s.seed,
    search: { population: s.population, generations: s.generations },
    bootstrap: { replicates: s.replicates },
  };
  if (spec) {
    opts.l_max = spec.l_max;
    opts.fourier_order = spec.fourier_order;
    opts.controls = spec.controls.filter((c) => inData.has(c));
    if (s.curves === 'model') {
      opts.channels = Object.fromEntries(spec.channels.filter((c) => data.channels.some((d) => d.name === c.name)).map((c) => [c.name, { adstock: c.adstock, saturation: c.saturation }]));
    }
    if (s.useLiftTests && spec.lift_tests.length > 0) opts.lift_tests = spec.lift_tests;
  }
  return opts;
}

/** Total work of a run, for the progress bar: search evaluations then bootstrap replicates. */
export function workTotal(s: Pick<RidgeSettings, 'population' | 'generations' | 'replicates'>): { search: number; bootstrap: number } {
  return { search: Math.max(4, s.population) * (s.generations + 1), bootstrap: s.replicates };
}

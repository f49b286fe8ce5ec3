// The covariates of a simulated dataset (tests/unseen/simulate.ts): weekly dates, spend
// series of several shapes and magnitudes, and control columns. They are what a media
// planner's export looks like, not draws from the model: the model conditions on them.
// Everything comes from one seeded Rng (src/core/rng.ts), so a seed names a dataset.
import type { Rng } from '../../src/core/rng';

export type SpendPattern = 'always_on' | 'flighted' | 'burst';
export type ControlKind = 'event' | 'random_walk' | 'big_random_walk' | 'trend';

export interface SpendSeries {
  name: string;
  pattern: SpendPattern;
  /** Typical spend per week while on (10^2 .. 10^7). */
  level: number;
  values: Float64Array;
}

export interface ControlSeries {
  name: string;
  kind: ControlKind;
  values: Float64Array;
}

const DAY = 86_400_000;
const CHANNEL_NAMES = ['tv', 'search', 'social', 'display', 'radio', 'video'];

const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng.uniform();

/**
 * T weekly dates from a start anywhere in 2016–2023 (mid-year starts included), on Mondays,
 * or on Sundays for about a third of the sets (US-style weeks; the importer keeps them).
 */
export function weeklyDates(rng: Rng, T: number): string[] {
  const year = 2016 + rng.int(8);
  let day = Date.UTC(year, 0, 1) / DAY + rng.int(365);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday; 1970-01-01 was a Thursday (3).
  const sunday = rng.uniform() < 1 / 3;
  day += ((sunday ? 6 : 0) - weekday + 7) % 7;
  return Array.from({ length: T }, (_, t) => new Date((day + 7 * t) * DAY).toISOString().slice(0, 10));
}

/** Spend rounded to cents, as exports carry it (the CSV then round-trips exactly). */
const cents = (v: number) => Math.round(v * 100) / 100;

/** Always on: a level with yearly swing and AR(1) wobble in log spend. */
function alwaysOn(rng: Rng, T: number, level: number): Float64Array {
  const phase = uniform(rng, 0, 2 * Math.PI);
  const swing = uniform(rng, 0, 0.5);
  let e = 0;
  return Float64Array.from({ length: T }, (_, t) => {
    e = 0.7 * e + 0.25 * rng.normal();
    return cents(level * Math.exp(swing * Math.sin((2 * Math.PI * t) / 52 + phase) + e));
  });
}

/** Flighted: campaigns switch on and off (two-state Markov chain); off weeks spend exactly 0. */
function flighted(rng: Rng, T: number, level: number): Float64Array {
  const pOff = uniform(rng, 0.1, 0.35);
  const pOn = uniform(rng, 0.1, 0.35);
  for (;;) {
    let on = rng.uniform() < 0.5;
    const out = Float64Array.from({ length: T }, () => {
      on = on ? rng.uniform() >= pOff : rng.uniform() < pOn;
      return on ? cents(level * Math.exp(0.3 * rng.normal())) : 0;
    });
    // At least 3 weeks on: a channel that never ran is a validation error, not a test of the model.
    if (out.filter((v) => v > 0).length >= 3) return out;
  }
}

/** One burst of 1–4 consecutive weeks somewhere in the window; zero elsewhere. */
function burst(rng: Rng, T: number, level: number): Float64Array {
  const len = 1 + rng.int(4);
  const start = rng.int(T - len + 1);
  const out = new Float64Array(T);
  for (let t = start; t < start + len; t++) out[t] = cents(level * uniform(rng, 0.5, 1.5));
  return out;
}

/**
 * C spend series: the first always on, the others always on or flighted, and (for C ≥ 2, half
 * the time) one of them a single burst. Levels 10^2..10^7, independently per channel.
 */
export function spendSeries(rng: Rng, T: number, C: number): SpendSeries[] {
  const burstAt = C >= 2 && rng.uniform() < 0.5 ? 1 + rng.int(C - 1) : -1;
  const offset = rng.int(CHANNEL_NAMES.length);
  return Array.from({ length: C }, (_, c) => {
    const pattern: SpendPattern = c === burstAt ? 'burst' : c === 0 || rng.uniform() < 0.5 ? 'always_on' : 'flighted';
    const level = Math.pow(10, uniform(rng, 2, 7));
    const values = pattern === 'burst' ? burst(rng, T, level) : pattern === 'flighted' ? flighted(rng, T, level) : alwaysOn(rng, T, level);
    return { name: `${CHANNEL_NAMES[(offset + c) % CHANNEL_NAMES.length]}_spend`, pattern, level, values };
  });
}

/** An event dummy: 1 in 1–5 random weeks, else 0. */
function eventDummy(rng: Rng, T: number): Float64Array {
  const out = new Float64Array(T);
  const n = 1 + rng.int(5);
  for (let i = 0; i < n; i++) out[rng.int(T)] = 1;
  return out;
}

/** A mean-reverting index around 0 (AR(1), phi 0.9): a competitor or price index, standardised. */
function randomWalk(rng: Rng, T: number, scale: number): Float64Array {
  let z = rng.normal();
  return Float64Array.from({ length: T }, () => {
    z = 0.9 * z + 0.45 * rng.normal();
    return Math.round(z * scale * 1000) / 1000;
  });
}

/**
 * K controls of random kinds, and optionally the trend t = 0..T-1 (PyMC-Marketing's `t`).
 * `big_random_walk` has values above 1000, so the spec divides it by its max |z| (MODEL.md §1).
 */
export function controlSeries(rng: Rng, T: number, K: number, trend: boolean): ControlSeries[] {
  const out: ControlSeries[] = [];
  for (let k = 0; k < K; k++) {
    const kind = (['event', 'random_walk', 'big_random_walk'] as const)[rng.int(3)];
    const values = kind === 'event' ? eventDummy(rng, T) : randomWalk(rng, T, kind === 'big_random_walk' ? 5000 : 1);
    out.push({ name: `${kind === 'event' ? 'event' : 'index'}_${k + 1}`, kind, values });
  }
  if (trend) out.push({ name: 't', kind: 'trend', values: Float64Array.from({ length: T }, (_, t) => t) });
  return out;
}

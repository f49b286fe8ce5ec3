// The seeded multi-objective hyperparameter search on the unit cube [0, 1]^d.
//
// Start: a Halton sequence (Halton 1960; radical inverses in the first d prime bases) with a
// seeded random shift modulo 1 (Cranley & Patterson 1976), so the first population covers the
// cube evenly and the seed still changes it. Then generations of differential evolution
// (Storn & Price 1997, DE/rand/1/bin, F = 0.5, CR = 0.9) whose trial vectors compete with
// the population by NSGA-II's environmental selection (pareto.ts) — the combination Robyn
// reaches through Nevergrad's DE family (its default optimiser is "TwoPointsDE").
// Every evaluated point is kept; the Pareto front is taken over all of them.
import { Rng } from '../core/rng';
import { selectSurvivors } from './pareto';

const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151,
  157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317,
];

/** Radical inverse of i in base b (van der Corput). */
export function radicalInverse(i: number, b: number): number {
  let f = 1;
  let r = 0;
  while (i > 0) {
    f /= b;
    r += f * (i % b);
    i = Math.floor(i / b);
  }
  return r;
}

/** n points of the shifted Halton sequence in d dimensions (indices 1..n). */
export function shiftedHalton(n: number, d: number, rng: Rng): Float64Array[] {
  if (d > PRIMES.length) throw new RangeError(`at most ${PRIMES.length} searched hyperparameters`);
  const shift = Float64Array.from({ length: d }, () => rng.uniform());
  return Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: d }, (_, k) => {
      const v = radicalInverse(i + 1, PRIMES[k]) + shift[k];
      return v >= 1 ? v - 1 : v;
    }),
  );
}

export interface SearchSettings {
  population: number;
  generations: number;
  seed: number;
}

export interface SearchRecord {
  /** Every evaluated point, in evaluation order. */
  units: Float64Array[];
  objectives: Float64Array[];
}

/** Reflects a coordinate that left [0, 1] back inside. */
function reflect(v: number): number {
  if (v < 0) v = -v;
  if (v > 1) v = 2 - v;
  return Math.min(1, Math.max(0, v));
}

export function searchUnitCube(
  d: number,
  evaluate: (unit: Float64Array) => Float64Array,
  s: SearchSettings,
  onGeneration?: (done: number, total: number) => boolean | void,
): SearchRecord {
  const rng = new Rng(s.seed, 0x5ea5c4);
  const rec: SearchRecord = { units: [], objectives: [] };
  const run = (u: Float64Array) => {
    rec.units.push(u);
    rec.objectives.push(evaluate(u));
    return rec.units.length - 1;
  };
  if (d === 0) {
    run(new Float64Array(0));
    return rec;
  }
  const N = Math.max(4, s.population);
  const total = N * (s.generations + 1);
  let pop = shiftedHalton(N, d, rng).map(run);
  if (onGeneration?.(rec.units.length, total) === false) return rec;
  const F = 0.5;
  const CR = 0.9;
  for (let g = 0; g < s.generations; g++) {
    const trials: number[] = [];
    for (let i = 0; i < N; i++) {
      const [r1, r2, r3] = pickThree(N, i, rng);
      const base = rec.units[pop[i]];
      const a = rec.units[pop[r1]];
      const b = rec.units[pop[r2]];
      const c = rec.units[pop[r3]];
      const jRand = rng.int(d);
      const trial = new Float64Array(d);
      for (let k = 0; k < d; k++) trial[k] = k === jRand || rng.uniform() < CR ? reflect(a[k] + F * (b[k] - c[k])) : base[k];
      trials.push(run(trial));
    }
    const union = [...pop, ...trials];
    pop = selectSurvivors(union.map((i) => rec.objectives[i]), N).map((j) => union[j]);
    if (onGeneration?.(rec.units.length, total) === false) break;
  }
  return rec;
}

/** Three distinct indices in 0..n-1, all different from `not`. */
function pickThree(n: number, not: number, rng: Rng): [number, number, number] {
  const out: number[] = [];
  while (out.length < 3) {
    const r = rng.int(n);
    if (r !== not && !out.includes(r)) out.push(r);
  }
  return out as [number, number, number];
}

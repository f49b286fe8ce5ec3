// The range of a sampler seed, shared by the Fit step, the demo's settings and the stored
// preferences (the store must not import app code).

/** Largest seed the Fit step draws (a crypto value mod 2^31 − 1); demo.json's and stored seeds must fit the same range. */
export const MAX_SEED = 2_147_483_646;

export function isSeed(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SEED;
}

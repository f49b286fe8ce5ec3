// The log density the sampler runs on. AssemblyScript has no closures, so the target is a
// pair of capture-free function references plus its dimensions, set once per phase by
// whichever loader (MMM, a posteriordb model, an analytic test target) owns the data.

/** Writes d log p / d q into `grad` (dim f64s) and returns log p at q (dim f64s), both on the unconstrained scale. */
export type LogDensityFn = (q: usize, grad: usize) => f64;
/** Writes the constrained output vector (outDim f64s: parameters, then any derived quantities) for q. */
export type ConstrainFn = (q: usize, out: usize) => void;

function noTarget(q: usize, grad: usize): f64 {
  return NaN;
}
function noConstrain(q: usize, out: usize): void {}

export let targetLogDensity: LogDensityFn = noTarget;
export let targetConstrain: ConstrainFn = noConstrain;
export let targetDim: i32 = 0;
export let targetOutDim: i32 = 0;

export function setTarget(dim: i32, outDim: i32, logDensity: LogDensityFn, constrain: ConstrainFn): void {
  targetDim = dim;
  targetOutDim = outDim;
  targetLogDensity = logDensity;
  targetConstrain = constrain;
}

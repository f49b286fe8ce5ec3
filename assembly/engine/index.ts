// The engine's WASM module: one instance runs one chain. Every export is reachable from
// here so the ABI is visible in one place; it is driven from src/engine/wasm-engine.ts, the
// only TypeScript module that does pointer arithmetic.
import { targetConstrain, targetDim, targetLogDensity, targetOutDim } from './target';

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Dimension of the current target on the unconstrained scale (0 when none is loaded). */
export function dim(): i32 {
  return targetDim;
}

/** Length of the constrained output vector of the current target. */
export function outDim(): i32 {
  return targetOutDim;
}

/** log p and its gradient at q, for tests and benchmarks (the sampler calls the target directly). */
export function logDensityGradient(q: usize, grad: usize): f64 {
  return targetLogDensity(q, grad);
}

export function constrain(q: usize, out: usize): void {
  targetConstrain(q, out);
}

export * from './mmm/exports';
export * from './targets/exports';
export * from './nuts/exports';

// Display names of the attribution models (mta_attribution.json keys, MODEL.md §8), shared by
// the Attribution step and the labels of MTA-informed ROAS priors.
const LABELS: Record<string, string> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay',
  position_based: 'Position-based',
  shapley: 'Shapley (simplified)',
  shapley_full: 'Shapley (full)',
};

/** "markov_2" → "Markov order 2", "linear" → "Linear"; an unknown key as it is. */
export function modelLabel(key: string): string {
  const m = /^markov_(\d+)$/.exec(key);
  return m ? `Markov order ${m[1]}` : (LABELS[key] ?? key);
}

const STEPS: Record<string, string> = {
  journeys: 'building journeys',
  totals: 'counting journeys',
  heuristics: 'first touch, last touch, linear, time decay, position-based',
  transitions: 'transition matrix',
  summary: 'top paths',
};

/** What an attribution step (attribute.ts onStep) is doing, for a progress line. */
export function stepLabel(step: string): string {
  return STEPS[step] ?? modelLabel(step);
}

// The studio's areas, in the order the tabs show them. The first four are the flow an
// analyst walks (Data → Model → Fit → Results); the others are reached from there.
export const STEPS = [
  { id: 'data', label: 'Data', flow: true },
  { id: 'model', label: 'Model', flow: true },
  { id: 'fit', label: 'Fit', flow: true },
  { id: 'results', label: 'Results', flow: true },
  { id: 'diagnostics', label: 'Diagnostics', flow: false },
  { id: 'optimize', label: 'Optimize', flow: false },
  { id: 'calibration', label: 'Calibration', flow: false },
  { id: 'ridge', label: 'Ridge', flow: false },
  { id: 'attribution', label: 'Attribution', flow: false },
  { id: 'runs', label: 'Runs', flow: false },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export function isStepId(s: string): s is StepId {
  return STEPS.some((st) => st.id === s);
}

// Spend and outcome amounts as the Results step writes them (../results/format.ts), except
// that nothing is written "0" rather than "0.0" (a channel a scenario empties).
import { num } from '../results/format';

export function amount(v: number | null | undefined): string {
  return v === 0 ? '0' : num(v);
}

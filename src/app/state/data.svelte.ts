// The dataset the studio models, and how it got here. Big arrays live in $state.raw:
// the Dataset is replaced whole, never mutated.
import type { Dataset, UserError } from '../../core/types';

export type DataOrigin = { kind: 'files'; names: string[] } | { kind: 'demo' } | { kind: 'run'; runName: string };

export class DataState {
  #dataset = $state.raw<Dataset | null>(null);
  #origin = $state.raw<DataOrigin | null>(null);
  #report = $state.raw<UserError[]>([]);

  get dataset(): Dataset | null {
    return this.#dataset;
  }
  get origin(): DataOrigin | null {
    return this.#origin;
  }
  /** Validation messages of the last import (errors and warnings). */
  get report(): UserError[] {
    return this.#report;
  }
  get hasErrors(): boolean {
    return this.#report.some((e) => e.severity === 'error');
  }

  set(dataset: Dataset | null, origin: DataOrigin | null, report: UserError[] = []): void {
    this.#dataset = dataset;
    this.#origin = origin;
    this.#report = report;
  }

  clear(): void {
    this.set(null, null, []);
  }
}

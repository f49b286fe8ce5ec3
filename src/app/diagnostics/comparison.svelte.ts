// Model comparison of saved runs fitted to the same data: PSIS-LOO of each run (in the
// jobs worker, cached per run id) and the loo_compare-style table of src/diagnostics.
import type { UserError } from '../../core/types';
import { compareModels, type CompareRow } from '../../diagnostics/compare';
import type { DiagResult } from '../../diagnostics/result';
import type { RunRecord, RunSummary } from '../../store';
import { isAbort, traceJobs } from './client';

export interface ComparisonRow extends CompareRow {
  id: string;
}

/** Distinct display names: a second run called "A" becomes "A (2)", so table rows stay apart. */
export function distinctNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

export class ComparisonState {
  #rows = $state.raw<ComparisonRow[] | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #busy = $state(false);
  #elpd = new Map<string, Float64Array>();

  get rows(): ComparisonRow[] | null {
    return this.#rows;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get busy(): boolean {
    return this.#busy;
  }

  async #pointwise(id: string, open: (id: string) => Promise<RunRecord | null>): Promise<Float64Array | UserError[]> {
    const cached = this.#elpd.get(id);
    if (cached) return cached;
    const rec = await open(id);
    if (!rec) return [{ message: 'A selected run could not be opened.', hint: 'It may have been deleted; refresh the Runs library.', severity: 'error' }];
    const r = await traceJobs.run<DiagResult<Float64Array>>((api) => api.pointwiseElpd(rec.inference_data));
    if (!r.ok) return r.errors.map((e) => ({ ...e, message: `${rec.name}: ${e.message}` }));
    this.#elpd.set(id, r.value);
    return r.value;
  }

  /** Compares the chosen runs (two or more, same data fingerprint). */
  async compare(chosen: RunSummary[], open: (id: string) => Promise<RunRecord | null>): Promise<void> {
    this.#busy = true;
    this.#rows = null;
    this.#errors = [];
    try {
      const names = distinctNames(chosen.map((r) => r.name));
      const inputs = [];
      for (const [i, run] of chosen.entries()) {
        const pw = await this.#pointwise(run.id, open);
        if (!(pw instanceof Float64Array)) {
          this.#errors = pw;
          return;
        }
        inputs.push({ name: names[i], pointwise_elpd: pw, data_fingerprint: run.fingerprint });
      }
      const out = compareModels(inputs);
      if (!out.ok) this.#errors = out.errors;
      else this.#rows = out.value.map((row) => ({ ...row, id: chosen[names.indexOf(row.name)].id }));
    } catch (e) {
      if (!isAbort(e)) this.#errors = [{ message: `The comparison failed: ${(e as Error)?.message ?? String(e)}`, hint: 'Try again; if it persists, compare fewer runs.', severity: 'error' }];
    } finally {
      this.#busy = false;
    }
  }

  /**
   * The pointwise elpd of a run already computed elsewhere (the open run's, from the
   * Diagnostics worker's PSIS-LOO), so comparing it does not read and compute it again.
   */
  know(id: string, elpd: Float64Array): void {
    this.#elpd.set(id, elpd);
  }

  /** Forget a run's cached LOO (after it is deleted or replaced). */
  forget(id: string): void {
    this.#elpd.delete(id);
  }

  clear(): void {
    this.#rows = null;
    this.#errors = [];
  }
}

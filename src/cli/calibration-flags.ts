// Lift tests on the command line, one rule for fit, run and ridge: read the file through the
// studio's importer (src/calibration/import.ts: PyMC-Marketing rows, Robyn rows or the
// workspace's incrementality_results.json, MODEL.md §6), decide what its problems mean
// (lift-file.ts), and with --roas-prior enter the tests as ROAS priors (Meridian's ROI prior)
// instead of likelihood terms (src/calibration/assign.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Dataset, LiftTest, RoasPrior, RoasScope, UserError } from '../core/types';
import { assignCalibration } from '../calibration/assign';
import { importLiftTests } from '../calibration/import';
import { ArgError, type FlagSpec, type ParsedArgs } from './args';
import { liftFileOutcome, type LiftFileOutcome } from './lift-file';

export const ROAS_PRIOR_FLAGS: Record<string, FlagSpec> = {
  'roas-prior': { type: 'boolean', help: "use the lift tests as ROAS priors (Meridian's ROI prior) instead of likelihood terms" },
  'roas-prior-scope': { type: 'string', help: "with --roas-prior: 'test' (incremental ROAS at the test's spend, default) or 'window' (ROAS over the data)" },
};

/** --roas-prior [--roas-prior-scope S]: the scope, or null when the tests stay likelihood terms. */
export function roasPriorScope(f: ParsedArgs['flags']): RoasScope | null {
  const scope = f['roas-prior-scope'];
  if (scope !== undefined && !f['roas-prior']) throw new ArgError('--roas-prior-scope needs --roas-prior');
  if (scope !== undefined && scope !== 'test' && scope !== 'window') throw new ArgError(`--roas-prior-scope must be 'test' or 'window', got "${String(scope)}"`);
  return f['roas-prior'] ? ((scope as RoasScope | undefined) ?? 'test') : null;
}

/**
 * The lift tests of a file named on the command line. Messages name it by `label`, which is
 * the path as the user typed it unless the command knows a better name (run: the file's place
 * in the workspace), so fit and ridge name the same file the same way. A missing path or a
 * folder stops the command like an unreadable file; `otherwise` says how to go on without
 * calibration.
 */
export function liftTestsFromFile(path: string, data: Dataset, otherwise: string, label: string = path): LiftFileOutcome {
  const missing = (message: string): LiftFileOutcome => ({ tests: [], notes: [], fatal: [{ severity: 'error', file: label, message, hint: `Check the path. ${otherwise}` }] });
  if (!existsSync(path)) return missing('the lift-test file does not exist');
  if (statSync(path).isDirectory()) return missing('is a folder, not a lift-test file');
  const text = readFileSync(path, 'utf8');
  // An empty file, said as such (papaparse's "Unable to auto-detect delimiting character" is not).
  if (text.replace(/^\uFEFF/, '').trim() === '') return { tests: [], notes: [], fatal: [{ severity: 'error', file: label, message: 'the lift-test file is empty', hint: `Check that it is the right file. ${otherwise}` }] };
  return liftFileOutcome(importLiftTests(text, label, data), label, otherwise);
}

/**
 * How the tests enter the model: all as likelihood terms (MODEL.md §6), or with a scope each
 * as a ROAS prior instead (at most one per channel: a channel's later tests stay likelihood
 * terms, and so does a test no LogNormal can express), with a note against `file` for every
 * test that did not become what was asked.
 */
export function calibrationFor(tests: LiftTest[], roasPrior: RoasScope | null, file: string): { lift_tests: LiftTest[]; roas_priors: RoasPrior[]; notes: UserError[] } {
  if (!roasPrior) return { lift_tests: tests, roas_priors: [], notes: [] };
  const a = assignCalibration(
    tests.map((test, i) => ({ key: String(i), test, used: true, use: { as: 'roas_prior', scope: roasPrior } })),
    [],
  );
  return { lift_tests: a.lift_tests, roas_priors: a.roas_priors, notes: a.issues.map((e) => ({ ...e, file })) };
}

/** "2 lift tests" / "0 lift tests as likelihood terms, 2 as ROAS priors (scope test)". */
export function calibrationWords(c: { lift_tests: LiftTest[]; roas_priors: RoasPrior[] }, roasPrior: RoasScope | null): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  if (!roasPrior) return n(c.lift_tests.length, 'lift test', 'lift tests');
  return `${n(c.lift_tests.length, 'lift test as a likelihood term', 'lift tests as likelihood terms')}, ${n(c.roas_priors.length, 'as a ROAS prior', 'as ROAS priors')} (scope ${roasPrior})`;
}

// How a lift-test file's problems decide a command's fate (run's workspace file, ridge's
// --lift-tests): a row that cannot be used is reported and left out; a file that cannot be
// read at all stops the command; and so does a file of which no row is usable — the user
// asked for calibration, and fitting without it while exiting 0 would be a silent change.
import type { UserError } from '../core/types';
import type { importLiftTests } from '../calibration/import';
import { toModelLiftTests } from '../calibration/types';

export interface LiftFileOutcome {
  tests: ReturnType<typeof toModelLiftTests>;
  /** Warnings and left-out rows: printed, the command goes on. */
  notes: UserError[];
  /** Non-empty: the command stops (exit 1). */
  fatal: UserError[];
}

export function liftFileOutcome(imp: ReturnType<typeof importLiftTests>, file: string, otherwise: string): LiftFileOutcome {
  const errors = imp.issues.filter((e) => e.severity === 'error');
  const withHint = (e: UserError) => ({ ...e, hint: `${e.hint ?? ''} ${otherwise}`.trim() });
  if (imp.tests.length === 0 && errors.length > 0) {
    const none: UserError = { severity: 'error', file, message: 'no lift test in the file can be used (above)', hint: `Fix the file. ${otherwise}` };
    return { tests: [], notes: imp.issues.filter((e) => e.severity !== 'error'), fatal: [...errors, none] };
  }
  const fatal = errors.filter((e) => e.row === undefined).map(withHint);
  const notes = imp.issues
    .filter((e) => e.severity !== 'error' || e.row !== undefined)
    .map((e) => (e.severity === 'error' ? { ...e, message: `${e.message}; this test is left out` } : e));
  return { tests: toModelLiftTests(imp.tests), notes, fatal };
}

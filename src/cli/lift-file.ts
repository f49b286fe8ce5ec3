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
  if (imp.tests.length === 0 && errors.length === 0) {
    // A header and no row (or an empty JSON list) asked for calibration with nothing in it.
    const none: UserError = { severity: 'error', file, message: 'the file holds no lift test (no row under the header)', hint: `Add the tests. ${otherwise}` };
    return { tests: [], notes: imp.issues, fatal: [none] };
  }
  if (imp.tests.length === 0 && errors.length > 0) {
    const none: UserError = { severity: 'error', file, message: 'no lift test in the file can be used (above)', hint: `Fix the file. ${otherwise}` };
    return { tests: [], notes: imp.issues.filter((e) => e.severity !== 'error'), fatal: [...errors, none] };
  }
  const fatal = errors.filter((e) => e.row === undefined).map(withHint);
  const notes = imp.issues
    .filter((e) => e.severity !== 'error' || e.row !== undefined)
    .map((e) => (e.severity === 'error' ? { ...e, message: `${e.message}; this test is left out` } : e));
  return { tests: toModelLiftTests(imp.tests), notes: [...notes, ...repeatedTests(imp.tests, file)], fatal };
}

/**
 * The same test on two rows (channel, spend, spend change, lift and uncertainty all equal) is
 * used twice, which halves its uncertainty: said, since a copied row is the likely cause.
 */
function repeatedTests(tests: ReturnType<typeof importLiftTests>['tests'], file: string): UserError[] {
  const first = new Map<string, number>();
  const out: UserError[] = [];
  for (const t of tests) {
    const key = [t.channel, t.x, t.delta_x, t.delta_y, t.sigma].join('|');
    const had = first.get(key);
    if (had === undefined) first.set(key, t.row);
    else
      out.push({
        severity: 'warning',
        file,
        row: t.row,
        channel: t.channel,
        message: `the same test as row ${had} (channel ${t.channel}, lift ${t.delta_y} ± ${t.sigma} for a spend change of ${t.delta_x}); both are used, so the experiment counts twice`,
        hint: 'Delete one of the rows if they are the same experiment.',
      });
  }
  return out;
}

// What the studio says about work that exists only in this tab once the runs library was
// taken away (src/store/connection.ts: a newer Carryover in another tab, the library deleted,
// or the browser closing it). A fit that finished, or finishes later, cannot be stored: it is
// not thrown away silently; the message says how to keep it before reloading. The studio has
// no "download this run" button of its own; the Diagnostics step's ArviZ export writes every
// group of the run, and its "Import trace files…" turns that file back into a saved run.
import type { UserError } from '../../core/types';
import { lostCause, lostError, type LostReason } from '../../store';

/** The fit shown in Results is not in the library and cannot be put there from this tab. */
export function unsavedFitError(reason: LostReason): UserError {
  return {
    message: `${lostCause(reason)}, so this tab could not save the fit to the runs library: its results exist only in this tab.`,
    hint:
      'To keep it, download it before you reload: on the Diagnostics step, "Download ArviZ JSON". After reloading, "Import trace files…" on the Diagnostics step adds it to the runs library. ' +
      `Reloading without downloading loses this fit${reason === 'upgraded' ? '; runs saved before are kept' : ''}.`,
    severity: 'error',
  };
}

/** Shown in the Runs library as soon as the connection is lost, before the next action fails. */
export function libraryLostNotice(reason: LostReason): UserError {
  const e = lostError(reason);
  return { ...e, hint: `${e.hint} Changes made in this tab from now on are not kept for the next visit.` };
}

// What becomes of this tab's connection to the database when another tab, or the browser,
// needs it gone. IndexedDB lets one tab upgrade or delete a database only after every other
// tab has closed its connection: each is sent a `versionchange` event (idb's `blocking`
// callback) and db.ts closes at once. From then on this tab's connection is unusable, and
// every request on it fails with InvalidStateError, which on its own reads like a broken or
// private-window storage (errors.ts). A DbLink remembers why the connection went away so the
// store answers with the real reason and what to do: reload this tab.
//
// The four events, as the IndexedDB spec names them (W3C Indexed Database API 3.0, §2.8
// "Connection", §5.1 "Opening a database", §5.3 "Closing a database"):
// - versionchange on this connection, newVersion a number: a newer Carryover upgrades
//   ('upgraded'); newVersion null: the database is being deleted ('deleted');
// - close: the browser closed the connection abnormally, e.g. site data was cleared in
//   its settings ('terminated');
// - blocked on this tab's own open request: this tab is the newer one and waits for an
//   older tab that does not close (a Carryover from before db.ts closed on request).
import type { UserError } from '../core/types';
import { storageError } from './errors';

export type LostReason = 'upgraded' | 'deleted' | 'terminated';

/** What the studio is told about the connection (both optional). */
export interface ConnectionEvents {
  /** The connection is gone for good in this tab; called once. */
  lost?(reason: LostReason): void;
  /** This tab's open waits for another tab to close the database; the open finishes when it does. */
  blocked?(): void;
}

const CAUSE: Record<LostReason, string> = {
  upgraded: 'Carryover was updated in another tab',
  deleted: 'The runs library was deleted in another tab',
  terminated: 'The browser closed the runs library (for example, site data was cleared)',
};

const HINT: Record<LostReason, string> = {
  upgraded: 'Reload this tab to keep working; nothing saved is lost.',
  deleted: 'Reload this tab to start a new library; runs exported to files can be imported again.',
  terminated: 'Reload this tab to keep working. If site data was cleared, saved runs are gone; runs exported to files can be imported again.',
};

/** Why this tab cannot `action` (or, without one, cannot use the library at all) and what to do. */
export function lostError(reason: LostReason, action?: string): UserError {
  const what = action ? `could not ${action}` : 'can no longer read or save runs';
  return { message: `${CAUSE[reason]}, so this tab ${what}.`, hint: HINT[reason], severity: 'error' };
}

/** Said while this tab's open is blocked by another tab that keeps the database open. */
export function blockedWarning(): UserError {
  return {
    message: 'Carryover is open in another tab with an older version, which keeps the runs library in use.',
    hint: 'Close or reload the other Carryover tabs; this tab goes on by itself once they have.',
    severity: 'warning',
  };
}

/** The cause phrase alone, for messages the studio writes around it (e.g. an unsaved fit). */
export function lostCause(reason: LostReason): string {
  return CAUSE[reason];
}

/**
 * One open connection's fate. `events` is what db.ts calls; `error` turns a failed request
 * into the message to show, the lost connection's when it is lost.
 */
export class DbLink {
  #lost: LostReason | null = null;

  constructor(private readonly on: ConnectionEvents = {}) {}

  get lost(): LostReason | null {
    return this.#lost;
  }

  /** The callbacks db.ts wires to the connection: the first loss wins and is told once. */
  readonly events: Required<ConnectionEvents> = {
    lost: (reason) => {
      if (this.#lost) return;
      this.#lost = reason;
      this.on.lost?.(reason);
    },
    blocked: () => this.on.blocked?.(),
  };

  /** The error to return for `action` before trying it, or null while the connection is usable. */
  refuse(action: string): UserError | null {
    return this.#lost ? lostError(this.#lost, action) : null;
  }

  /** What a request that threw means: the loss if the connection went meanwhile, else what IndexedDB said. */
  error(e: unknown, action: string): UserError {
    return this.#lost ? lostError(this.#lost, action) : storageError(e, action);
  }
}

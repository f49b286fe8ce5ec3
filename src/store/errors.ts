// Turns what IndexedDB throws into messages the studio can show.
import type { UserError } from '../core/types';

/** A DOMException name, also when the error arrives as a transaction's `error`. */
function errorName(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e) return String((e as { name: unknown }).name);
  return '';
}

export function isQuotaError(e: unknown): boolean {
  // Chromium and Firefox use QuotaExceededError; old Firefox used NS_ERROR_DOM_QUOTA_REACHED.
  const n = errorName(e);
  return n === 'QuotaExceededError' || n === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function storageError(e: unknown, action: string): UserError {
  if (isQuotaError(e)) {
    return {
      message: `Not enough storage space to ${action}. Nothing was saved.`,
      hint: 'Free space in the Runs library (export old runs to files, then delete them), or free disk space, then try again.',
      severity: 'error',
    };
  }
  const n = errorName(e);
  if (n === 'VersionError') {
    // This page's code is older than the database: a newer Carryover opened it in another tab.
    return {
      message: `A newer version of Carryover has upgraded the runs library in another tab, so this page could not ${action}.`,
      hint: 'Reload this page to use the newer version; your runs are kept.',
      severity: 'error',
    };
  }
  if (n === 'InvalidStateError' || n === 'UnknownError') {
    return {
      message: `The browser's storage is unavailable (${n}), so Carryover could not ${action}.`,
      hint: 'Private windows and some privacy settings block IndexedDB. Use a normal window, or export results to files.',
      severity: 'error',
    };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    message: `Could not ${action}: ${detail}`,
    hint: 'Reload the page and try again; if it persists, export your runs to files.',
    severity: 'error',
  };
}

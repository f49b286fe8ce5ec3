// The errors a journey-file reader collects (path and event formats, JS and WASM readers):
// every row error is counted and the first `keep` are listed with the file named; a fatal
// error (no header, too many channels, …) is always listed and stops the reading.
import type { UserError } from '../core/types';
import { MAX_REPORTED_ERRORS } from './types';

export class ParseErrors {
  readonly list: UserError[] = [];
  count = 0;
  fatal = false;

  constructor(
    private readonly file: string,
    private readonly keep = MAX_REPORTED_ERRORS,
  ) {}

  /** A row that cannot be read; the rest of the file still is. */
  row(row: number, column: string | undefined, problem: { message: string; hint?: string }): void {
    if (this.count++ < this.keep) this.list.push({ severity: 'error', file: this.file, row, column, ...problem });
  }

  /** An error that ends the reading. */
  fail(e: Omit<UserError, 'severity' | 'file'>): void {
    this.fatal = true;
    this.count++;
    this.list.push({ severity: 'error', file: this.file, ...e });
  }
}

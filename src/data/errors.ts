// Building the report: UserError values (src/core/types.ts) that name file, row and column.
import type { UserError } from '../core/types';

type Where = Pick<UserError, 'file' | 'row' | 'column' | 'channel'>;

export function error(message: string, where: Where, hint?: string): UserError {
  return { message, ...where, ...(hint ? { hint } : {}), severity: 'error' };
}

export function warning(message: string, where: Where, hint?: string): UserError {
  return { message, ...where, ...(hint ? { hint } : {}), severity: 'warning' };
}

export function hasErrors(report: readonly UserError[]): boolean {
  return report.some((e) => e.severity === 'error');
}

/** "1 cell", "3 cells": a count with its noun in the right number (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Rows (or any items) for a message: "3", "3 and 7", "3, 7 and 9", "3, 7, 9, … (12 in all)" past `max`. */
export function rowList(rows: readonly (number | string)[], max = 8): string {
  if (rows.length <= 1) return rows.join('');
  if (rows.length > max) return `${rows.slice(0, max).join(', ')}, … (${rows.length} in all)`;
  return `${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
}

/** Rows named one by one in the summary line of a CellProblems. */
const EXTRA_ROWS = 8;

/**
 * Collects per-cell problems of one kind without flooding the report: the first `cap` are
 * listed one by one, the rest summarised in one line naming their rows (the first few, and the last).
 * `what` is the problem in the singular and the plural ("cell that is not a number").
 */
export class CellProblems {
  private readonly items: UserError[] = [];
  /** Rows of the problems past the cap: the first EXTRA_ROWS kept, then only the last. */
  private readonly extraRows: number[] = [];
  private extra = 0;
  private lastRow = 0;

  constructor(
    private readonly what: readonly [one: string, many: string],
    private readonly where: Where,
    private readonly severity: UserError['severity'],
    private readonly hint: string,
    private readonly cap = 5,
  ) {}

  add(row: number, message: string, hint?: string): void {
    if (this.items.length < this.cap) {
      this.items.push({ message, ...this.where, row, hint: hint ?? this.hint, severity: this.severity });
    } else {
      this.extra++;
      this.lastRow = row;
      if (this.extraRows.length < EXTRA_ROWS) this.extraRows.push(row);
    }
  }

  get count(): number {
    return this.items.length + this.extra;
  }

  private extraRowsText(): string {
    const n = this.extra;
    if (n <= EXTRA_ROWS) return `${n === 1 ? 'row' : 'rows'} ${rowList(this.extraRows, EXTRA_ROWS)}`;
    return `rows ${this.extraRows.join(', ')}, … up to row ${this.lastRow}`;
  }

  flush(into: UserError[]): void {
    into.push(...this.items);
    if (this.extra > 0) {
      into.push({
        message: `${this.extra} more ${this.extra === 1 ? this.what[0] : this.what[1]}${this.where.column !== undefined ? ` in column ${this.where.column}` : ''}: ${this.extraRowsText()}`,
        ...this.where,
        row: this.lastRow,
        hint: this.hint,
        severity: this.severity,
      });
    }
  }
}

/** Make names unique the way spreadsheets users expect: "spend", "spend (2)", ... */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let k = 2; ; k++) {
    const candidate = `${name} (${k})`;
    if (!taken.has(candidate)) return candidate;
  }
}

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

/**
 * Collects per-cell problems of one kind without flooding the report: the first `cap` are
 * listed one by one, the rest summarised in one line naming the first and last row.
 */
export class CellProblems {
  private readonly items: UserError[] = [];
  private extra = 0;
  private lastRow = 0;

  constructor(
    private readonly what: string,
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
    }
  }

  get count(): number {
    return this.items.length + this.extra;
  }

  flush(into: UserError[]): void {
    into.push(...this.items);
    if (this.extra > 0) {
      into.push({
        message: `${this.extra} more ${this.what} in column ${this.where.column ?? '?'} (up to row ${this.lastRow})`,
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

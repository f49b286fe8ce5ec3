// Reading one input record (a CSV row or a JSON object) field by field, turning every
// problem into a UserError that names the file, row and column (STYLE.md habit 7).
import type { Dataset, UserError } from '../core/types';
import { decimalEvidence, isAmbiguous, NOT_A_NUMBER_HINT, readNumber } from '../data/numbers';
import type { DecimalMarks } from './decimal-marks';
import { isoDay } from './window';

/** Column names compared without case, spaces, '_' or '-': `liftStartDate` = `lift_start_date`. */
export function normaliseKey(k: string): string {
  return k.toLowerCase().replace(/[\s_-]/g, '');
}

const sameValue = (a: unknown, b: unknown) => (typeof a === 'string' ? a.trim() : a) === (typeof b === 'string' ? b.trim() : b);

export class RecordReader {
  private readonly values = new Map<string, { key: string; value: unknown }>();
  private failed = false;

  constructor(
    record: Record<string, unknown>,
    private readonly file: string,
    readonly row: number,
    private readonly issues: UserError[],
    /** Decimal mark per column of a CSV (decimal-marks.ts); '.' for a column not in it and for JSON. */
    private readonly marks?: DecimalMarks,
  ) {
    for (const [k, v] of Object.entries(record)) {
      const key = normaliseKey(k);
      const earlier = this.values.get(key);
      // Two spellings of one field in a JSON object ("ci_lower" and "ciLower"): the later one
      // would silently win. Same value: harmless; different values: nobody can tell which is meant.
      // (A CSV's repeated headers are settled before the rows are read: header-names.ts.)
      if (earlier !== undefined && !sameValue(earlier.value, v)) {
        this.error(`"${earlier.key}" and "${k}" name the same field with different values`, { column: k, hint: 'Keep one of the two.' });
        continue;
      }
      if (earlier === undefined) this.values.set(key, { key: k, value: v });
    }
  }

  /** False once any field of this record produced an error. */
  get ok(): boolean {
    return !this.failed;
  }

  has(name: string): boolean {
    const v = this.values.get(normaliseKey(name))?.value;
    return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }

  error(message: string, extra: Partial<UserError> = {}): void {
    this.failed = true;
    this.issues.push({ severity: 'error', message, file: this.file, row: this.row, ...extra });
  }

  warn(message: string, extra: Partial<UserError> = {}): void {
    this.issues.push({ severity: 'warning', message, file: this.file, row: this.row, ...extra });
  }

  private missing(name: string, hint: string): undefined {
    this.error(`missing value for "${name}"`, { column: name, hint });
    return undefined;
  }

  number(name: string, hint: string, required = true): number | undefined {
    if (!this.has(name)) return required ? this.missing(name, hint) : undefined;
    const raw = this.values.get(normaliseKey(name))!.value;
    if (typeof raw === 'string') return this.numberText(name, raw.trim(), hint, required);
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      this.error(`"${String(raw)}" in "${name}" is not a finite number`, { column: name, hint: 'Write a plain number such as 1234.5.' });
      return undefined;
    }
    return raw;
  }

  /** A cell read as the data files' cells are (src/data/numbers.ts): its column's decimal mark, grouping, currency. */
  private numberText(name: string, s: string, hint: string, required: boolean): number | undefined {
    const { mark, guessed, where = 'file' } = this.marks?.get(normaliseKey(name)) ?? { mark: '.', guessed: false };
    const r = readNumber(s, mark);
    const other = mark === '.' ? ',' : '.';
    if (r.ok) {
      if (guessed && isAmbiguous(s)) {
        this.warn(`"${s}" in "${name}" read as ${r.value}: no cell in the ${where} shows whether "${other}" groups thousands`, { column: name, hint: 'Check that this column is read at the right scale.' });
      }
      return r.value;
    }
    if (r.missing) return required ? this.missing(name, hint) : undefined;
    const example = mark === ',' ? '1234,5' : '1234.5';
    if (decimalEvidence(s) === other) {
      // "1.5" among "0,3"s: the cell is a number, written with the other convention than its column.
      this.error(`"${s}" in "${name}" has "${other}" as its decimal mark, but the ${where}'s other numbers use "${mark}"`, {
        column: name,
        hint: `Write every number of the ${where} with one decimal mark, e.g. ${example}.`,
      });
      return undefined;
    }
    this.error(`"${s}" in "${name}" is not a finite number`, { column: name, hint: r.hint === NOT_A_NUMBER_HINT ? `Write a plain number such as ${example}.` : r.hint });
    return undefined;
  }

  /**
   * A share written as a fraction ("0.85", "0,85" in a decimal-comma column) or as a percentage
   * ("85%", "85,5%"): the fraction. The number before '%' is read as any other cell of the
   * column (numberText), then divided by 100, so "85%" and "0.85" give the same double.
   */
  fraction(name: string, hint: string, required = true): number | undefined {
    const raw = this.values.get(normaliseKey(name))?.value;
    const s = typeof raw === 'string' ? raw.trim() : '';
    if (!s.endsWith('%')) return this.number(name, hint, required);
    const digits = s.slice(0, -1).trim();
    if (digits === '') {
      this.error(`"${s}" in "${name}" is not a number`, { column: name, hint: hint || 'Write a fraction such as 0.9, or a percentage such as 90%.' });
      return undefined;
    }
    const v = this.numberText(name, digits, hint, required);
    return v === undefined ? undefined : v / 100;
  }

  text(name: string, hint: string, required = true): string | undefined {
    if (!this.has(name)) return required ? this.missing(name, hint) : undefined;
    return String(this.values.get(normaliseKey(name))!.value).trim();
  }

  date(name: string, hint: string, required = true): string | undefined {
    const s = this.text(name, hint, required);
    if (s === undefined) return undefined;
    if (Number.isNaN(isoDay(s))) {
      this.error(`"${s}" in "${name}" is not a date in yyyy-mm-dd form`, { column: name, hint: 'Write dates as ISO yyyy-mm-dd, e.g. 2023-02-27.' });
      return undefined;
    }
    return s;
  }

  /** The dataset channel a name refers to: exact, else the one case-insensitive match. */
  channel(data: Dataset, column = 'channel'): number | undefined {
    const name = this.text(column, 'Name the channel the test was run in, as in the data.');
    if (name === undefined) return undefined;
    const exact = data.channels.findIndex((c) => c.name === name);
    if (exact >= 0) return exact;
    if (/[+,;]/.test(name)) {
      this.error(`"${name}" combines several channels`, {
        column,
        channel: name,
        hint: 'The lift likelihood is per channel: give one row per channel, or leave combined tests out.',
      });
      return undefined;
    }
    const loose = data.channels.map((c, i) => [c.name.toLowerCase(), i] as const).filter(([n]) => n === name.toLowerCase());
    if (loose.length === 1) {
      this.warn(`channel "${name}" read as "${data.channels[loose[0][1]].name}"`, { column, channel: name });
      return loose[0][1];
    }
    this.error(`unknown channel "${name}"`, {
      column,
      channel: name,
      hint: `Use one of the data's channels: ${data.channels.map((c) => c.name).join(', ')}.`,
    });
    return undefined;
  }
}

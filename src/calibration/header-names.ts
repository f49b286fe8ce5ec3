// Duplicate column names in a lift-test CSV, handled by us rather than by papaparse. With
// `header: true` papaparse renames a repeated header ("channel" → "channel_1") and says so
// with console.warn, which leaked into the CLI's stderr and the browser console and named
// neither the header nor the columns. Worse, the row readers compare names without case,
// spaces, '_' or '-' (fields.ts normaliseKey), so "liftAbs" and "lift_abs" would silently
// overwrite each other. Here every header that repeats an earlier one under that comparison
// is renamed to a private key before papaparse's own check sees it (so it never warns), and
// afterwards the copy is either dropped (same value in every row: a harmless duplicate,
// warned) or the file is refused (the values differ: nobody can tell which column is meant).
import type { UserError } from '../core/types';
import { normaliseKey } from './fields';

/** Key of a repeated column in the parsed records: cannot clash with a real header. */
const privateKey = (index: number) => `\u0000duplicate column ${index}`;

interface Repeat {
  /** The header as written, and its 0-based column index. */
  header: string;
  index: number;
  /** The first column with the same normalised name. */
  first: { header: string; index: number };
}

export class HeaderNames {
  private readonly firstByKey = new Map<string, { header: string; index: number }>();
  private readonly repeats: Repeat[] = [];

  /** papaparse's `transformHeader` (called once per header cell, in column order). */
  readonly transform = (header: string, index: number): string => {
    const key = normaliseKey(header.trim());
    const first = this.firstByKey.get(key);
    if (first === undefined) {
      this.firstByKey.set(key, { header, index });
      return header;
    }
    this.repeats.push({ header, index, first });
    return privateKey(index);
  };

  /** The parsed field names without the repeated columns' private keys. */
  kept(fields: readonly string[]): string[] {
    const dropped = new Set(this.repeats.map((r) => privateKey(r.index)));
    return fields.filter((f) => !dropped.has(f));
  }

  /**
   * Removes the repeated columns from the records (in place) and reports them: an error per
   * repeat whose values differ from its first column's in some row, a warning per identical one.
   */
  resolve(rows: Array<Record<string, string>>, file: string): { errors: UserError[]; warnings: UserError[] } {
    const errors: UserError[] = [];
    const warnings: UserError[] = [];
    for (const r of this.repeats) {
      const key = privateKey(r.index);
      const differs = rows.findIndex((row) => (row[key] ?? '').trim() !== (row[r.first.header] ?? '').trim());
      for (const row of rows) delete row[key];
      const where = `columns ${r.first.index + 1} and ${r.index + 1}`;
      const same = r.header === r.first.header ? `the header "${r.header}" appears twice (${where})` : `the headers "${r.first.header}" and "${r.header}" name the same field (${where})`;
      if (differs >= 0)
        errors.push({
          severity: 'error',
          file,
          column: r.header,
          row: differs + 2,
          message: `${same} and their values differ, first in this row`,
          hint: 'Keep one of the two columns or rename the other; the importer cannot tell which one is meant.',
        });
      else
        warnings.push({
          severity: 'warning',
          file,
          column: r.header,
          message: `${same}; both hold the same values, column ${r.first.index + 1} is used`,
          hint: 'Remove the copy to silence this note.',
        });
    }
    return { errors, warnings };
  }
}

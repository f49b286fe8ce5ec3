// The decimal mark of each column of a lift-test CSV, decided as the data files' reader
// decides it (src/data/columns.ts): the column's own evidence, else the file's, else the
// delimiter (a ';'-separated file is the European convention, where "0,3" is three tenths).
// The evidence and the choice are src/data/numbers.ts's; only the tallying is here, since the
// lift readers go record by record rather than column by column.
import { chooseDecimalMark, decimalEvidence, type DecimalMark } from '../data/numbers';
import { normaliseKey } from './fields';

export interface ColumnMark {
  mark: DecimalMark;
  /** No cell of the column or the file could be read only one way: the delimiter decided. */
  guessed: boolean;
}

/** Column (normalised key, as RecordReader looks fields up) → its decimal mark. */
export type DecimalMarks = ReadonlyMap<string, ColumnMark>;

export function csvDecimalMarks(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[], delimiter: string): DecimalMarks {
  const file = { dot: 0, comma: 0 };
  const votes = columns.map((c) => {
    const v = { dot: 0, comma: 0 };
    for (const row of rows) {
      const cell = row[c];
      const e = typeof cell === 'string' ? decimalEvidence(cell.trim()) : null;
      if (e === '.') v.dot++;
      else if (e === ',') v.comma++;
    }
    file.dot += v.dot;
    file.comma += v.comma;
    return v;
  });
  return new Map(columns.map((c, i) => [normaliseKey(c), chooseDecimalMark(votes[i], file, delimiter)]));
}

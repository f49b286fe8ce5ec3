// The decimal mark of each column of a lift-test CSV, decided as the data files' reader
// decides it (src/data/columns.ts): the column's own evidence, else the file's, else the
// delimiter (a ';'-separated file is the European convention, where "0,3" is three tenths).
// The evidence and the choice are src/data/numbers.ts's; only the tallying is here, since the
// lift readers go record by record rather than column by column. Records that are not a CSV
// (the typed-in table, a JSON file's strings) are tallied the same way, with their own last
// resort in place of the delimiter.
import { chooseDecimalMark, decimalEvidence, type DecimalMark } from '../data/numbers';
import { normaliseKey } from './fields';

export interface ColumnMark {
  mark: DecimalMark;
  /** No cell of the column or the file could be read only one way: the delimiter decided. */
  guessed: boolean;
  /** What the cells came from, as a warning names it ("file" unless told). */
  where?: string;
}

/** Column (normalised key, as RecordReader looks fields up) → its decimal mark. */
export type DecimalMarks = ReadonlyMap<string, ColumnMark>;

type Votes = { dot: number; comma: number };

/** Each column's votes and the file's (all columns), from the cells that can be read only one way. */
function tally(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): { votes: Votes[]; file: Votes } {
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
  return { votes, file };
}

export function csvDecimalMarks(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[], delimiter: string): DecimalMarks {
  const { votes, file } = tally(rows, columns);
  return new Map(columns.map((c, i) => [normaliseKey(c), chooseDecimalMark(votes[i], file, delimiter)]));
}

/**
 * Marks of records that are not a CSV (the typed-in table, a JSON array): the column's
 * evidence, else all the records', else `fallback` (the table: the browser language's mark;
 * JSON: '.'). `where` names the records in the warning of a cell read under the fallback.
 */
export function recordDecimalMarks(rows: ReadonlyArray<Record<string, unknown>>, fallback: DecimalMark, where: string): DecimalMarks {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const { votes, file } = tally(rows, columns);
  return new Map(
    columns.map((c, i) => {
      const chosen = chooseDecimalMark(votes[i], file, ',');
      return [normaliseKey(c), chosen.guessed ? { mark: fallback, guessed: true, where } : { ...chosen, where }];
    }),
  );
}

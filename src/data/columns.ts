// Reading the cells of a table's columns as numbers, deciding each column's kind, and
// keeping every problem with its row so the report can name it later.
import type { UserError } from '../core/types';
import type { RawTable } from './csv';
import { looksLikeDate } from './dates';
import { isDateName } from './role-rules';
import { CellProblems, warning } from './errors';
import { chooseDecimalMark, decimalEvidence, isAmbiguous, NOT_A_NUMBER_HINT, plainNumber, readNumber } from './numbers';
import type { BadCell, FrameColumn } from './types';

interface Votes {
  dot: number;
  comma: number;
}

function countVotes(cells: readonly string[], into: Votes, onCells?: (done: number) => void): Votes {
  for (let i = 0; i < cells.length; i++) {
    const e = decimalEvidence(cells[i]);
    if (e === '.') into.dot++;
    else if (e === ',') into.comma++;
    if (onCells && (i + 1) % CELLS_PER_REPORT === 0) onCells(CELLS_PER_REPORT);
  }
  onCells?.(cells.length % CELLS_PER_REPORT);
  return into;
}

export function columnCells(table: RawTable, index: number, onCells?: (done: number) => void): string[] {
  const records = table.records;
  const cells = new Array<string>(records.length);
  for (let i = 0; i < records.length; i++) {
    cells[i] = records[i][index];
    if (onCells && (i + 1) % CELLS_PER_REPORT === 0) onCells(CELLS_PER_REPORT);
  }
  onCells?.(records.length % CELLS_PER_REPORT);
  return cells;
}

/**
 * Cells handled between progress reports inside a column (each column also reports when it
 * ends): a geo-level file's column holds hundreds of thousands of cells, and reporting only
 * per column left the bar still for seconds (a 121 MB Meridian geo file: 2.2 s without a
 * report in the studio).
 */
export const CELLS_PER_REPORT = 1 << 15;

/** Up to this many bad cells are kept on a column as examples for role reasons and hints. */
export const BAD_EXAMPLES = 3;

/**
 * Read cells as numbers. `rows` gives each cell's spreadsheet row for the messages;
 * `fileVotes` is the decimal-mark evidence of the whole file (a fallback for this column).
 *
 * A cell that is neither a number nor empty is an error once the column is used as numbers
 * (target, channel or numeric control), never read as missing. MODEL.md §7 imputes missing
 * periods: an empty cell or an absent row, where the file says nothing. A cell holding "abc"
 * or "approx. 500" says something we cannot read; imputing it would put a guess where the
 * analyst wrote a value, unasked, and for the target it would invent the evidence the model
 * is fitted to. So the report names each cell and the hint offers both ways out: correct it,
 * or clear it, which makes it a gap that §7 imputes and flags.
 */
export function readNumbers(
  cells: readonly string[],
  rows: Int32Array,
  at: { file: string; column: string; label?: string },
  fileVotes: Votes,
  delimiter: string,
  columnVotes: Votes = countVotes(cells, { dot: 0, comma: 0 }),
  onCells?: (done: number) => void,
): { values: Float64Array; issues: UserError[]; bad: number; ok: number; examples: BadCell[] } {
  const { mark, guessed } = chooseDecimalMark(columnVotes, fileVotes, delimiter);
  const values = new Float64Array(cells.length).fill(NaN);
  // `label` names the series when the file's column is shared by many (a long file's
  // "value" holds every factor): messages and hints say "black_friday", the place says "value".
  const where = { file: at.file, column: at.column };
  const label = at.label ?? at.column;
  const hint = `correct these cells, or clear them to have each imputed as a gap and flagged; or leave ${label} out of the model`;
  const problems = new CellProblems(['cell that is not a number', 'cells that are not numbers'], where, 'error', hint);
  const issues: UserError[] = [];
  const examples: BadCell[] = [];
  let ok = 0;
  let firstAmbiguous = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    // Plain numbers first, allocation-free (readNumber gives the same value for them).
    const plain = plainNumber(cell, mark);
    const r = Number.isNaN(plain) ? readNumber(cell, mark) : null;
    if (r === null || r.ok) {
      values[i] = r === null ? plain : r.value;
      ok++;
      if (guessed && firstAmbiguous < 0 && isAmbiguous(cell)) firstAmbiguous = i;
    } else if (!r.missing) {
      problems.add(rows[i], `${label}: ${r.reason}`, r.hint === NOT_A_NUMBER_HINT ? hint : r.hint);
      if (examples.length < BAD_EXAMPLES) examples.push({ row: rows[i], cell });
    }
    if (onCells && (i + 1) % CELLS_PER_REPORT === 0) onCells(CELLS_PER_REPORT);
  }
  onCells?.(cells.length % CELLS_PER_REPORT);
  problems.flush(issues);
  if (firstAmbiguous >= 0) {
    const cell = cells[firstAmbiguous];
    issues.push(
      warning(
        `"${cell}" read as ${values[firstAmbiguous]}: no cell in the file shows whether "${mark === '.' ? ',' : '.'}" groups thousands`,
        { ...where, row: rows[firstAmbiguous] },
        'check that this column is read at the right scale',
      ),
    );
  }
  return { values, issues, bad: problems.count, ok, examples };
}

/** A number followed by a percent sign, in either decimal convention. */
const PERCENT = /^[-+(]?\d[\d.,\s\u00a0\u202f]*%\)?$/;

/**
 * Kind of a column: a date if most cells read as dates; a number if the numbers are the
 * majority of its non-empty cells, else text. The majority rule keeps a numeric column
 * numeric when an export put a note, a footer label or a typo in a few of its cells (its
 * bad cells are then named when the column is used), while a real text column stays text:
 * Robyn's `events` holds "na" (read as empty) and event names, no numbers at all, and is
 * one-hot encoded. A tie is text: one number beside one word shows no numeric column.
 */
export function columnKind(cells: readonly string[], ok: number, bad: number): FrameColumn['kind'] {
  const filled = ok + bad;
  if (filled === 0) return 'empty';
  if (bad === 0) return 'number';
  let dates = 0;
  let percents = 0;
  for (const c of cells) {
    if (c === '') continue;
    if (looksLikeDate(c)) dates++;
    else if (PERCENT.test(c)) percents++;
  }
  if (dates >= 0.8 * filled) return 'date';
  // "12.5%" is a number written with a unit, not a label: a column of them is numeric, so
  // that its cells are named as needing a plain number once it is used (readNumber's hint),
  // instead of the column becoming text, then silently left out or one-hot encoded with a
  // level per value (found by the session-4 sweep: 155 controls from a Meridian control).
  return ok + percents > bad - percents ? 'number' : 'text';
}

/**
 * Every column of a table, as frame columns sharing the table's rows. `onProgress` gets the
 * fraction of the work done, every CELLS_PER_REPORT cells, so a file with millions of cells
 * keeps its progress bar moving. `keep` leaves columns out of the result (a geo file's geo
 * and time columns, which its reader keys by instead of reading as numbers); every column
 * still votes on the file's decimal mark, so the kept ones read exactly as they would
 * otherwise.
 */
export function tableColumns(table: RawTable, onProgress?: (fraction: number) => void, keep: (name: string) => boolean = () => true): FrameColumn[] {
  // Three passes over the cells (cut them out per column, vote on the decimal mark, read the
  // kept columns), each weighted by its share of the time.
  const WEIGHT = [0.2, 0.4, 0.4];
  const rows = table.records.length;
  const kept = table.header.map(keep);
  const total = Math.max(1, rows * (table.header.length * (WEIGHT[0] + WEIGHT[1]) + kept.filter(Boolean).length * WEIGHT[2]));
  let done = 0;
  const tick = (pass: number) => (cells: number) => {
    done += cells * WEIGHT[pass];
    onProgress?.(Math.min(1, done / total));
  };
  const step = onProgress ? [tick(0), tick(1), tick(2)] : [undefined, undefined, undefined];
  const cellsOf = table.header.map((_, index) => columnCells(table, index, step[0]));
  const votes = cellsOf.map((cells) => countVotes(cells, { dot: 0, comma: 0 }, step[1]));
  const fileVotes = votes.reduce((a, v) => ({ dot: a.dot + v.dot, comma: a.comma + v.comma }), { dot: 0, comma: 0 });
  const out: FrameColumn[] = [];
  table.header.forEach((name, index) => {
    if (!kept[index]) return;
    const cells = cellsOf[index];
    const read = readNumbers(cells, table.rowNumbers, { file: table.file, column: name }, fileVotes, table.delimiter, votes[index], step[2]);
    const kind = columnKind(cells, read.ok, read.bad);
    out.push({
      name,
      file: table.file,
      sourceColumn: name,
      rows: table.rowNumbers,
      kind,
      values: read.values,
      cells: needsCells(name, kind, read.bad) ? cells : undefined,
      issues: read.issues,
      badCells: read.bad,
      badExamples: read.examples,
    });
  });
  onProgress?.(1);
  return out;
}

/**
 * Whether a column keeps its cell texts once read. A column of numbers only, not named like
 * a date, is used through its values alone: its texts were most of what the parse worker held
 * for the whole session (a 100 MB wide file: 260 MB). A workspace's keyed columns already keep
 * texts only where they are text (keyed.ts). Should such a column still be read as dates (a
 * date role given by hand), numberTexts writes its values back as text.
 */
function needsCells(name: string, kind: FrameColumn['kind'], bad: number): boolean {
  return kind !== 'number' || bad > 0 || isDateName(name);
}

/** A column's cell texts, or, for a numbers-only column that dropped them, its values as text ('' where empty). */
export function columnTexts(c: FrameColumn): readonly string[] {
  return c.cells ?? Array.from(c.values, (v) => (Number.isNaN(v) ? '' : String(v)));
}

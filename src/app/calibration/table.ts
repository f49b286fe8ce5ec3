// The lift-test table the analyst types into: one of the two record shapes the calibration
// module reads (MODEL.md §6), its columns with what each means, and rows kept as the text
// typed (validation and number reading happen in src/calibration, so the table and a file
// give the same errors).
import type { UserError } from '../../core/types';
import type { RecordShape } from './sources';

export interface TableColumn {
  key: string;
  label: string;
  help: string;
  kind: 'channel' | 'number' | 'date' | 'text';
}

export const TABLE_COLUMNS: Record<RecordShape, TableColumn[]> = {
  pymc: [
    { key: 'channel', label: 'Channel', help: 'The channel the test ran in.', kind: 'channel' },
    { key: 'x', label: 'x', help: 'Spend per period before the test.', kind: 'number' },
    { key: 'delta_x', label: 'Δx', help: 'Change of spend per period during the test.', kind: 'number' },
    { key: 'delta_y', label: 'Δy', help: 'Measured change of the outcome per period.', kind: 'number' },
    { key: 'sigma', label: 'σ', help: 'Standard error of Δy, per period.', kind: 'number' },
    { key: 'label', label: 'Label', help: 'A name for the test (optional).', kind: 'text' },
  ],
  incrementality: [
    { key: 'channel', label: 'Channel', help: 'The channel the test ran in.', kind: 'channel' },
    { key: 'start_date', label: 'Start', help: 'First day of the test (yyyy-mm-dd).', kind: 'date' },
    { key: 'end_date', label: 'End', help: 'Last day of the test (yyyy-mm-dd).', kind: 'date' },
    { key: 'lift', label: 'Lift', help: 'Incremental outcome over the whole test window.', kind: 'number' },
    { key: 'ci_lower', label: 'CI low', help: 'Lower end of the 90% interval of the lift.', kind: 'number' },
    { key: 'ci_upper', label: 'CI high', help: 'Upper end of the 90% interval of the lift.', kind: 'number' },
    { key: 'spend', label: 'Spend', help: 'Incremental spend of the test over the window.', kind: 'number' },
  ],
};

export const SHAPE_LABELS: Record<RecordShape, string> = {
  pymc: 'Per period (PyMC-Marketing: x, Δx, Δy, σ)',
  incrementality: 'Test window with a 90% interval (incrementality results)',
};

export type TableRow = Record<string, string>;

export function blankRow(shape: RecordShape, channel = ''): TableRow {
  return Object.fromEntries(TABLE_COLUMNS[shape].map((c) => [c.key, c.kind === 'channel' ? channel : '']));
}

/** Rows of another shape keep the columns both shapes share (the channel). */
export function convertRows(rows: TableRow[], to: RecordShape): TableRow[] {
  return rows.map((r) => ({ ...blankRow(to), channel: r.channel ?? '' }));
}

export function setCell(rows: TableRow[], row: number, key: string, value: string): TableRow[] {
  return rows.map((r, i) => (i === row ? { ...r, [key]: value } : r));
}

/** How the typed-in table is named where a problem is located (UserError.source: it is not a file; "file table" read as a file called "table"). */
export const TABLE_PLACE = 'typed-in table';

/**
 * Problems as the analyst sees the typed-in table: src/calibration names the record key
 * ("delta_y") and the source ("table"); the table shows the column's label ("Δy"). Problems
 * from files keep the file's own column names, which are what the file says.
 */
export function tableIssues(issues: readonly UserError[], shape: RecordShape, tableFile: string): UserError[] {
  const labels = new Map(TABLE_COLUMNS[shape].map((c) => [c.key, c.label]));
  return issues.map((e) => {
    if (e.file !== tableFile) return e;
    const label = e.column !== undefined ? labels.get(e.column) : undefined;
    const message = label !== undefined && label !== e.column ? e.message.split(`"${e.column}"`).join(`"${label}"`) : e.message;
    const { file: _file, ...rest } = e;
    return { ...rest, source: TABLE_PLACE, message, ...(label !== undefined ? { column: label } : {}) };
  });
}

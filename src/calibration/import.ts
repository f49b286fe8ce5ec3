// One entry point for a calibration file the user drops in: JSON (the workspace's
// incrementality_results.json) or CSV in any of the three shapes, told apart by the columns.
import Papa from 'papaparse';
import type { Dataset, UserError } from '../core/types';
import { csvDecimalMarks, recordDecimalMarks } from './decimal-marks';
import { normaliseKey } from './fields';
import { liftTestsFromIncrementality } from './from-incrementality';
import { liftTestsFromPymcRows } from './from-pymc';
import { liftTestsFromRobynRows } from './from-robyn';
import type { LiftImport, LiftImportOptions, LiftSource } from './types';
import { HeaderNames } from './header-names';

const SHAPES: Array<{ source: LiftSource; columns: string[] }> = [
  { source: 'robyn', columns: ['channel', 'liftStartDate', 'liftEndDate', 'liftAbs', 'spend'] },
  { source: 'pymc', columns: ['channel', 'x', 'delta_x', 'delta_y', 'sigma'] },
  { source: 'incrementality', columns: ['channel', 'lift', 'ci_lower', 'ci_upper'] },
];

/** Which input shape a set of column names is, or undefined. */
export function detectShape(columns: string[]): LiftSource | undefined {
  const have = new Set(columns.map(normaliseKey));
  return SHAPES.find((s) => s.columns.every((c) => have.has(normaliseKey(c))))?.source;
}

function fail(file: string, message: string, hint: string): LiftImport {
  return { tests: [], issues: [{ severity: 'error', file, message, hint }] };
}

export function importLiftTests(text: string, file: string, data: Dataset, opts: LiftImportOptions = {}): LiftImport {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) return importJson(body, file, data);
  return importCsv(body, file, data, opts);
}

/** A CSV: repeated headers settled first (header-names.ts), then the rows of the detected shape. */
function importCsv(body: string, file: string, data: Dataset, opts: LiftImportOptions): LiftImport {
  const headers = new HeaderNames();
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: 'greedy', transformHeader: headers.transform });
  const dup = headers.resolve(parsed.data, file);
  if (dup.errors.length > 0) return { tests: [], issues: [...dup.errors, ...dup.warnings] };
  const r = csvRows(parsed, headers.kept(parsed.meta.fields ?? []), file, data, opts);
  return dup.warnings.length > 0 ? { tests: r.tests, issues: [...dup.warnings, ...r.issues] } : r;
}

function csvRows(parsed: Papa.ParseResult<Record<string, string>>, columns: string[], file: string, data: Dataset, opts: LiftImportOptions): LiftImport {
  const issues: UserError[] = parsed.errors.map((e) => ({
    severity: 'error' as const,
    file,
    row: e.row === undefined ? undefined : e.row + 2,
    message: `CSV: ${e.message}`,
    hint: 'Fix the row so it has one value per column.',
  }));
  if (issues.length > 0) return { tests: [], issues };
  const shape = detectShape(columns);
  if (!shape) {
    return fail(
      file,
      `the columns (${columns.join(', ')}) match no lift-test format`,
      SHAPES.map((s) => s.columns.join(', ')).join(' | ') + ' — one of these column sets is needed.',
    );
  }
  // Numbers as the data files read them: "0,3" in a ';'-separated export is 0.3.
  const marks = csvDecimalMarks(parsed.data, columns, parsed.meta.delimiter);
  if (shape === 'robyn') return liftTestsFromRobynRows(parsed.data, file, data, opts, 2, marks);
  if (shape === 'pymc') return liftTestsFromPymcRows(parsed.data, file, data, 2, marks);
  return liftTestsFromIncrementality(parsed.data, file, data, 2, marks);
}

function importJson(body: string, file: string, data: Dataset): LiftImport {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return fail(file, `not valid JSON: ${(e as Error).message}`, 'Check the file is the workspace’s incrementality_results.json.');
  }
  const rows = Array.isArray(value) ? value : undefined;
  if (!rows || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    return fail(file, 'expected a JSON array of test objects', 'The format is [{"channel", "lift", "ci_lower", "ci_upper", ...}, ...].');
  }
  const records = rows as Array<Record<string, unknown>>;
  // JSON numbers are numbers; a number written as a string ("155.656,23", from a spreadsheet
  // export) is read as a CSV cell is, '.' when no string of the file settles the mark.
  return liftTestsFromIncrementality(records, file, data, 1, recordDecimalMarks(records, '.', 'file'));
}

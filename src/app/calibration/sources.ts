// Where the studio's lift tests come from, and how they become ModelSpec.lift_tests.
// A source keeps what the user gave (a file's text, or table/spec records), never the mapped
// numbers: x and delta_x of a dated test are read from the data (MODEL.md §6), so every
// source is imported again, through src/calibration, whenever the dataset changes.
import type { Dataset, LiftTest, UserError } from '../../core/types';
import { recordDecimalMarks } from '../../calibration/decimal-marks';
import type { DecimalMark } from '../../data/numbers';
import { TABLE_COLUMNS } from './table';
import { detectShape, importLiftTests, liftTestsFromIncrementality, liftTestsFromPymcRows, type CalibratedLiftTest, type LiftImport, type LiftImportOptions } from '../../calibration';

/** Record shapes the table entry (and the saved spec) use: per period, or a dated test with its 90% CI. */
export type RecordShape = 'pymc' | 'incrementality';

export type SourceKind = 'workspace' | 'file' | 'table' | 'saved';

export interface LiftSourceInput {
  /** Unique within the list; a new file with the same name replaces the old one. */
  id: string;
  kind: SourceKind;
  /** File name as shown in errors ("table" for the table, "model spec" for saved tests). */
  name: string;
  text?: string;
  records?: Array<Record<string, unknown>>;
  shape?: RecordShape;
}

/** One mapped test with the key the "use" checkbox is stored under. */
export interface SourcedTest extends CalibratedLiftTest {
  key: string;
  sourceId: string;
  sourceKind: SourceKind;
}

export interface SourceImport {
  source: LiftSourceInput;
  tests: SourcedTest[];
  issues: UserError[];
}

export const TABLE_FILE = 'table';
export const SAVED_FILE = 'model spec';
/** How problems with saved tests name their place (UserError.source: not a file). */
export const SAVED_PLACE = 'lift tests saved with the model';

/**
 * Imports one source against the dataset. Table rows are numbered from 1 (the table has no header row).
 * `decimalMark` is the last resort for typed numbers no cell of the table settles ("1,234"):
 * the browser language's, as the `inputmode="decimal"` keypad offers it.
 */
export function importSource(source: LiftSourceInput, data: Dataset, opts: LiftImportOptions = {}, decimalMark?: DecimalMark): SourceImport {
  const out = source.text !== undefined ? importLiftTests(source.text, source.name, data, opts) : importRecords(source, data, decimalMark ?? localeDecimalMark());
  return {
    source,
    tests: out.tests.map((t) => ({ ...t, key: `${source.id}#${t.row}`, sourceId: source.id, sourceKind: source.kind })),
    issues: out.issues,
  };
}

/**
 * Each non-blank record on its own, so a row keeps its number (its position, from 1) when blank
 * rows are skipped. Typed numbers are read as a file's are (src/calibration/decimal-marks.ts):
 * "0,3" and "155.656,23" in a decimal-comma table give the numbers "0.3" and "155656.23" give.
 */
function importRecords(source: LiftSourceInput, data: Dataset, fallback: DecimalMark): LiftImport {
  const out: LiftImport = { tests: [], issues: [] };
  const records = source.records ?? [];
  // Only the number columns vote: a label such as "v1,5" says nothing about how Δy is written.
  const numeric = TABLE_COLUMNS[source.shape ?? 'pymc'].filter((c) => c.kind === 'number').map((c) => c.key);
  const cells = records.filter((r) => !isBlank(r)).map((r) => Object.fromEntries(numeric.map((k) => [k, r[k]])));
  const marks = recordDecimalMarks(cells, fallback, source.kind === 'table' ? 'table' : 'records');
  records.forEach((rec, i) => {
    if (isBlank(rec)) return;
    const one = source.shape === 'incrementality' ? liftTestsFromIncrementality([rec], source.name, data, i + 1, marks) : liftTestsFromPymcRows([rec], source.name, data, i + 1, marks);
    out.tests.push(...one.tests);
    out.issues.push(...one.issues);
  });
  return out;
}

/** The decimal mark of the browser's language ("de-DE": ','); '.' where Intl cannot say. */
export function localeDecimalMark(locale?: string): DecimalMark {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    return part === ',' ? ',' : '.';
  } catch {
    return '.'; // an unknown locale tag: the machine convention
  }
}

/** Nothing typed but (perhaps) the channel, which the table pre-selects. */
export function isBlank(rec: Record<string, unknown>): boolean {
  return Object.entries(rec).every(([k, v]) => k === 'channel' || v === undefined || v === null || (typeof v === 'string' && v.trim() === ''));
}

/** The model's LiftTest of a mapped test (the display fields dropped). */
export function toLiftTest({ channel, x, delta_x, delta_y, sigma, label }: SourcedTest): LiftTest {
  return { channel, x, delta_x, delta_y, sigma, label };
}

/** Every mapped test whose key is not excluded, in source order (how each is used: src/calibration/assign.ts). */
export function modelTests(imports: SourceImport[], excluded: ReadonlySet<string>): LiftTest[] {
  return imports.flatMap((i) => i.tests.filter((t) => !excluded.has(t.key))).map(toLiftTest);
}

/** Same tests, same numbers, same order (a label difference counts: the panel shows it). */
export function sameTests(a: readonly LiftTest[], b: readonly LiftTest[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => {
      const u = b[i];
      return t.channel === u.channel && t.x === u.x && t.delta_x === u.delta_x && t.delta_y === u.delta_y && t.sigma === u.sigma && (t.label ?? '') === (u.label ?? '');
    })
  );
}

/**
 * Tests already in a spec (a restored session, an opened run) as a source of per-period
 * records, so they are validated against the data like any other input and keep their labels.
 */
export function savedSource(tests: readonly LiftTest[]): LiftSourceInput {
  return {
    id: 'saved',
    kind: 'saved',
    name: SAVED_FILE,
    shape: 'pymc',
    records: tests.map((t) => ({ channel: t.channel, x: t.x, delta_x: t.delta_x, delta_y: t.delta_y, sigma: t.sigma, ...(t.label ? { label: t.label } : {}) })),
  };
}

/** Adds a source, replacing one with the same id (a re-uploaded file, the edited table). */
export function withSource(sources: readonly LiftSourceInput[], s: LiftSourceInput): LiftSourceInput[] {
  const i = sources.findIndex((x) => x.id === s.id);
  return i < 0 ? [...sources, s] : sources.map((x, j) => (j === i ? s : x));
}

/** The source of a test in words; `short` names a file by its base name (a workspace picked as a folder gives a path). */
export function describeSource(t: SourcedTest, short = false): string {
  const what = t.sourceKind === 'workspace' ? 'workspace' : t.sourceKind === 'table' ? 'table' : t.sourceKind === 'saved' ? 'saved with the model' : 'file';
  const shape = t.source === 'pymc' ? 'per period' : t.source === 'robyn' ? 'Robyn rows' : 'incrementality results';
  const file = short ? baseName(t.file) : t.file;
  return t.sourceKind === 'file' || t.sourceKind === 'workspace' ? `${what} ${file}, row ${t.row} (${shape})` : `${what}, row ${t.row} (${shape})`;
}

/** The last part of a path (either separator). */
export const baseName = (p: string): string => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1) || p;

/**
 * The mapped table's Source cell: the base name (a folder's path made the column so wide that
 * the table scrolled sideways at 1280 px) and, when that shortens it, the full source as the
 * cell's title (shown on hover).
 */
export function sourceCell(t: SourcedTest): { text: string; title: string | undefined } {
  const text = describeSource(t, true);
  const full = describeSource(t);
  return { text, title: full === text ? undefined : full };
}

/** The input shape of a file source, read off its header (undefined for JSON or an unknown header). */
export function fileShape(source: LiftSourceInput): 'pymc' | 'robyn' | 'incrementality' | undefined {
  const body = source.text?.replace(/^\uFEFF/, '').trim();
  if (!body || body.startsWith('[') || body.startsWith('{')) return source.text === undefined ? undefined : 'incrementality';
  const header = body.split(/\r?\n/, 1)[0];
  return detectShape(header.split(/[,;\t]/).map((h) => h.trim().replace(/^"|"$/g, '')));
}

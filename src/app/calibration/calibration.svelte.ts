// The Model step's lift-test calibration: the sources the analyst gave (the workspace's
// incrementality_results.json, uploaded files, the table, tests saved with the model), each
// imported against the current dataset by src/calibration, and the tests in use written into
// ModelSpec.lift_tests so the next fit's likelihood includes them (MODEL.md §6).
//
// The list here is the source of truth for the next fit. Tests that arrive in the spec from
// elsewhere (a restored session, an opened run) are adopted as a "saved" source when the data
// changes with them or when nothing was imported yet; otherwise this list is written back.
import type { Dataset, LiftTest, ModelSpec, UserError } from '../../core/types';
import type { LiftImportOptions } from '../../calibration';
import type { Passthrough } from '../../data/types';
import type { Studio } from '../state/studio.svelte';
import { fileShape, importSource, isBlank, modelTests, sameTests, savedSource, TABLE_FILE, withSource, type LiftSourceInput, type RecordShape, type SourcedTest, type SourceImport } from './sources';
import { blankRow, convertRows, setCell, type TableRow } from './table';

/** What the state reads from and writes to the studio (a plain object in tests). */
export interface CalibrationHost {
  readonly dataset: Dataset | null;
  /** The current import's passthrough files; null when the data did not come from files. */
  readonly passthrough: readonly Passthrough[] | null;
  readonly spec: ModelSpec | null;
  writeTests(tests: LiftTest[]): void;
}

export class CalibrationState {
  #sources = $state.raw<LiftSourceInput[]>([]);
  #imports = $state.raw<SourceImport[]>([]);
  #excluded = $state.raw<ReadonlySet<string>>(new Set());
  #options = $state.raw<LiftImportOptions>({});
  #readErrors = $state.raw<UserError[]>([]);
  #tableShape = $state<RecordShape>('pymc');
  #tableRows = $state.raw<TableRow[]>([]);
  #fingerprint: string | null = null;
  #passthrough: readonly Passthrough[] | null = null;
  #written: LiftTest[] | null = null;

  constructor(private readonly host: CalibrationHost) {}

  get sources(): LiftSourceInput[] {
    return this.#sources;
  }
  get imports(): SourceImport[] {
    return this.#imports;
  }
  /** Every mapped test, used or not. */
  get tests(): SourcedTest[] {
    return this.#imports.flatMap((i) => i.tests);
  }
  /** Errors (row left out) and warnings (row kept) of every source, plus files that could not be read. */
  get issues(): UserError[] {
    return [...this.#readErrors, ...this.#imports.flatMap((i) => i.issues)];
  }
  get options(): LiftImportOptions {
    return this.#options;
  }
  get tableShape(): RecordShape {
    return this.#tableShape;
  }
  get tableRows(): TableRow[] {
    return this.#tableRows;
  }
  isUsed(key: string): boolean {
    return !this.#excluded.has(key);
  }
  /** The tests the next fit uses. */
  get modelTests(): LiftTest[] {
    return modelTests(this.#imports, this.#excluded);
  }
  /** True when some source is in Robyn's shape (its options then matter). */
  get hasRobyn(): boolean {
    return this.#sources.some((s) => fileShape(s) === 'robyn');
  }

  /** Follows the studio: a new import's passthrough, a new dataset, a spec rebuilt without the tests. */
  sync(): void {
    const { dataset, spec, passthrough } = this.host;
    if (!dataset || !spec) return;
    let changed = false;
    if (passthrough !== this.#passthrough) {
      this.#passthrough = passthrough;
      const pass = passthrough?.find((p) => p.kind === 'incrementality_results');
      const others = this.#sources.filter((s) => s.kind !== 'workspace');
      this.#sources = pass ? [...others, { id: 'workspace', kind: 'workspace', name: pass.file, text: pass.text }] : others;
      changed = true;
    }
    const newData = dataset.fingerprint !== this.#fingerprint;
    const foreign = spec.lift_tests.length > 0 && spec.lift_tests !== this.#written && !sameTests(spec.lift_tests, this.modelTests);
    if (foreign && (newData || this.#sources.length === 0)) {
      this.#sources = [savedSource(spec.lift_tests)];
      this.#excluded = new Set();
      changed = true;
    }
    if (changed || newData) {
      this.#fingerprint = dataset.fingerprint;
      this.#reimport();
    }
    this.#write();
  }

  /** Reads dropped or picked files (CSV in any of the three shapes, or the JSON). */
  async addFiles(files: File[]): Promise<void> {
    const errors: UserError[] = [];
    let sources = this.#sources;
    for (const f of files) {
      try {
        sources = withSource(sources, { id: `file:${f.name}`, kind: 'file', name: f.name, text: await f.text() });
      } catch (e) {
        errors.push({ severity: 'error', file: f.name, message: `could not be read: ${(e as Error).message}`, hint: 'Check the file is readable and try again.' });
      }
    }
    this.#readErrors = errors;
    this.#sources = sources;
    this.#reimport();
    this.#write();
  }

  removeSource(id: string): void {
    this.#sources = this.#sources.filter((s) => s.id !== id);
    if (id === 'table') this.#tableRows = [];
    this.#reimport();
    this.#write();
  }

  setUsed(key: string, used: boolean): void {
    const next = new Set(this.#excluded);
    if (used) next.delete(key);
    else next.add(key);
    this.#excluded = next;
    this.#write();
  }

  setOptions(patch: LiftImportOptions): void {
    this.#options = { ...this.#options, ...patch };
    this.#reimport();
    this.#write();
  }

  setTableShape(shape: RecordShape): void {
    if (shape === this.#tableShape) return;
    this.#tableShape = shape;
    this.#setTable(convertRows(this.#tableRows, shape));
  }
  addTableRow(): void {
    this.#tableRows = [...this.#tableRows, blankRow(this.#tableShape, this.host.dataset?.channels[0]?.name ?? '')];
  }
  removeTableRow(i: number): void {
    this.#setTable(this.#tableRows.filter((_, j) => j !== i));
  }
  setTableCell(row: number, key: string, value: string): void {
    this.#setTable(setCell(this.#tableRows, row, key, value));
  }

  #setTable(rows: TableRow[]): void {
    this.#tableRows = rows;
    const filled = rows.some((r) => !isBlank(r));
    const others = this.#sources.filter((s) => s.id !== 'table');
    this.#sources = filled ? withSource(this.#sources, { id: 'table', kind: 'table', name: TABLE_FILE, shape: this.#tableShape, records: rows }) : others;
    this.#reimport();
    this.#write();
  }

  #reimport(): void {
    const data = this.host.dataset;
    this.#imports = data ? this.#sources.map((s) => importSource(s, data, this.#options)) : [];
  }

  #write(): void {
    const spec = this.host.spec;
    if (!spec || !this.host.dataset) return;
    const tests = this.modelTests;
    if (sameTests(tests, spec.lift_tests)) return;
    this.#written = tests;
    this.host.writeTests(tests);
  }
}

/** The studio's calibration state, kept while the Model step is closed and reopened. */
const states = new WeakMap<Studio, CalibrationState>();

export function calibrationFor(studio: Studio): CalibrationState {
  let s = states.get(studio);
  if (!s) {
    s = new CalibrationState({
      get dataset() {
        return studio.data.dataset;
      },
      get passthrough() {
        return studio.importer.parsed?.passthrough ?? null;
      },
      get spec() {
        return studio.model.spec;
      },
      // ModelState has no lift-test edit of its own: restore keeps the preset and clears the problem line.
      writeTests(tests) {
        const spec = studio.model.spec;
        if (spec) studio.model.restore({ ...spec, lift_tests: tests }, studio.model.preset);
      },
    });
    states.set(studio, s);
  }
  return s;
}

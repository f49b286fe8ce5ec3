// The Model step's calibration: the lift-test sources the analyst gave (the workspace's
// incrementality_results.json, uploaded files, the table, tests saved with the model), each
// imported against the current dataset by src/calibration; how each test is used (a likelihood
// term, MODEL.md §6, or a ROAS prior, Meridian's way); MTA-informed priors; and ROAS priors saved
// with the model. src/calibration/assign.ts turns them into ModelSpec.lift_tests and roas_priors.
//
// The state here is the source of truth for the next fit. Tests and priors that arrive in the
// spec from elsewhere (a restored session, an opened run) are adopted as "saved" sources when
// the data changes with them or when nothing was given yet; otherwise this state is written back.
import type { Dataset, LiftTest, ModelSpec, RoasPrior, UserError } from '../../core/types';
import type { LiftImportOptions } from '../../calibration';
import type { Passthrough } from '../../data/types';
import type { Studio } from '../state/studio.svelte';
import { assignCalibration, LIKELIHOOD, samePriors, type Assignment, type PriorInput, type TestInput, type TestUse } from '../../calibration/assign';
import { MtaPriorState } from '../priors/mta-priors.svelte';
import { fileShape, importSource, isBlank, sameTests, toLiftTest, savedSource, TABLE_FILE, withSource, type LiftSourceInput, type RecordShape, type SourcedTest, type SourceImport } from './sources';
import { blankRow, convertRows, setCell, type TableRow } from './table';

/** What the state reads from and writes to the studio (a plain object in tests). */
export interface CalibrationHost {
  readonly dataset: Dataset | null;
  /** The current import's passthrough files; null when the data did not come from files. */
  readonly passthrough: readonly Passthrough[] | null;
  readonly spec: ModelSpec | null;
  /** Replaces the spec's lift tests and ROAS priors (roas_priors left out when empty). */
  write(calibration: { lift_tests: LiftTest[]; roas_priors: RoasPrior[] }): void;
}

export const SAVED_PRIOR_KEY = 'saved-prior#';

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
  #uses = $state.raw<ReadonlyMap<string, TestUse>>(new Map());
  #saved = $state.raw<Array<{ key: string; prior: RoasPrior }>>([]);
  #writtenPriors: RoasPrior[] | null = null;
  readonly mta: MtaPriorState;

  constructor(private readonly host: CalibrationHost) {
    this.mta = new MtaPriorState(host, () => this.#write());
  }

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
  /** How a test is used when used: a likelihood term (default) or a ROAS prior. */
  useOf(key: string): TestUse {
    return this.#uses.get(key) ?? LIKELIHOOD;
  }
  /** ROAS priors saved with the model (a restored session, an opened run), with their keys. */
  get savedPriors(): Array<{ key: string; prior: RoasPrior }> {
    return this.#saved;
  }
  /** What every test and prior becomes in the next fit, with the conflicts explained. */
  get assignment(): Assignment {
    const tests: TestInput[] = this.tests.map((t) => ({ key: t.key, test: toLiftTest(t), used: this.isUsed(t.key), use: this.useOf(t.key) }));
    const saved: PriorInput[] = this.savedPriors.map(({ key, prior }) => ({ key, prior, used: this.isUsed(key), from: 'saved with the model' }));
    return assignCalibration(tests, [...saved, ...this.mta.inputs]);
  }
  /** The tests the next fit uses as likelihood terms. */
  get modelTests(): LiftTest[] {
    return this.assignment.lift_tests;
  }
  /** The ROAS priors the next fit uses. */
  get roasPriors(): RoasPrior[] {
    return this.assignment.roas_priors;
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
    const specPriors = spec.roas_priors ?? [];
    const a = this.assignment;
    const foreignTests = spec.lift_tests.length > 0 && spec.lift_tests !== this.#written && !sameTests(spec.lift_tests, a.lift_tests);
    const foreignPriors = specPriors.length > 0 && specPriors !== this.#writtenPriors && !samePriors(specPriors, a.roas_priors);
    const nothingGiven = this.#sources.length === 0 && this.#saved.length === 0 && !this.mta.source;
    if ((foreignTests || foreignPriors) && (newData || nothingGiven)) {
      this.#sources = spec.lift_tests.length > 0 ? [savedSource(spec.lift_tests)] : [];
      this.#saved = specPriors.map((prior, i) => ({ key: SAVED_PRIOR_KEY + i, prior }));
      this.#excluded = new Set();
      this.#uses = new Map();
      this.mta.clear(true);
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

  /** Uses a test as a likelihood term or as a ROAS prior (of a scope). */
  setUse(key: string, use: TestUse): void {
    this.#uses = new Map(this.#uses).set(key, use);
    this.#write();
  }

  /** Drops a ROAS prior saved with the model. */
  removeSavedPrior(key: string): void {
    this.#saved = this.#saved.filter((p) => p.key !== key);
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
    const { lift_tests, roas_priors } = this.assignment;
    if (sameTests(lift_tests, spec.lift_tests) && samePriors(roas_priors, spec.roas_priors ?? [])) return;
    this.#written = lift_tests;
    this.#writtenPriors = roas_priors;
    this.host.write({ lift_tests, roas_priors });
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
      // ModelState has no calibration edit of its own: restore keeps the preset and clears the problem line.
      write(calibration) {
        const spec = studio.model.spec;
        if (spec) studio.model.restore(withCalibration(spec, calibration), studio.model.preset);
      },
    });
    states.set(studio, s);
  }
  return s;
}

/** The spec with these lift tests and ROAS priors; no roas_priors key when there are none (specs without stay as they were). */
export function withCalibration(spec: ModelSpec, c: { lift_tests: LiftTest[]; roas_priors: RoasPrior[] }): ModelSpec {
  const { roas_priors: _, ...rest } = spec;
  return c.roas_priors.length > 0 ? { ...rest, lift_tests: c.lift_tests, roas_priors: c.roas_priors } : { ...rest, lift_tests: c.lift_tests };
}

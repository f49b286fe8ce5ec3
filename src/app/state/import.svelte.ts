// The Data step's import flow over src/data: files (or the demo) → parsed input → roles
// (detected, then edited) → Dataset with its validation report → pre-model diagnostics.
// Parsing and building run in the data worker (DataClient); a new import cancels the one
// in flight, and Cancel stops it. The resulting dataset goes to DataState, which the rest of
// the studio reads; an import takes over (parsed input, roles, dataset) only once it has
// built, so a cancelled or replaced one leaves the data loaded before as it was.
import { DataClient, type ParseProgress } from '../../data/client';
import {
  demoRoles,
  holidayCountries,
  HOLIDAYS_PATH,
  loadDemo,
  loadHolidayCalendar,
  setRole,
  type BuildDetails,
  type BuildOptions,
  type ColumnRole,
  type HolidayCalendar,
  type ParsedInput,
  type PreModelDiagnostics,
  type RoleAssignment,
} from '../../data';
import type { Dataset, UserError } from '../../core/types';
import { busy, type BusyRegistry } from '../../pwa/busy.svelte';
import { ImportJobs } from './import-jobs.svelte';
import { demoSeed } from '../fit/demo-settings';
import { pickHolidayFiles } from '../data/holiday-pick';
import type { DataOrigin, DataState } from './data.svelte';

/** The build options the Data step exposes (the holiday calendar is loaded when a country is chosen). */
export interface ImportOptions {
  grain: 'week' | 'day';
  trend: boolean;
  quarterlyOrder: number;
  /** Country code of the holiday calendar, '' for none. */
  holidayCountry: string;
}

/** What an import takes over once it has built. */
interface Candidate {
  parsed: ParsedInput;
  roles: RoleAssignment;
  origin: DataOrigin;
  notes: UserError[];
}

/** A role or option changed after a cancel stopped the worker that held the parsed files. */
const STALE: UserError = {
  severity: 'warning',
  message: 'The files of the data loaded before were let go when the import was cancelled, so their column roles and build options cannot be changed here.',
  hint: 'Load the files again to change roles or options; the data as loaded is kept and can be modelled as it is.',
};

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/** What the update banner says is in the way while data is read (a big file takes a while). */
export const IMPORT_BUSY_REASON = 'data is being imported';

export class ImportState {
  #client: DataClient;
  #jobs: ImportJobs;
  #parsed = $state.raw<ParsedInput | null>(null);
  #roles = $state.raw<RoleAssignment | null>(null);
  #details = $state.raw<BuildDetails | null>(null);
  #diagnostics = $state.raw<PreModelDiagnostics | null>(null);
  #options = $state<ImportOptions>({ grain: 'week', trend: false, quarterlyOrder: 0, holidayCountry: '' });
  #countries = $state.raw<string[]>([]);
  #progress = $state.raw<ParseProgress | null>(null);
  /**
   * A cancel stopped the data worker (DataClient terminates it on abort), and with it the
   * parsed input the roles editor rebuilds from: rebuilding needs the files read again.
   */
  #stale = false;
  #calendar: HolidayCalendar | null = null;
  /** A holiday calendar picked with the data files (holiday-file.ts); it stands in for the bundled one until the next pick. */
  #picked: HolidayCalendar | null = null;
  /** What the import said about the files set aside (a picked calendar), shown with every build of them. */
  #notes: UserError[] = [];
  /** The note on a picked calendar, for the Holidays choice of the build. */
  #calendarNote: ((country: string) => UserError) | null = null;
  #origin: DataOrigin | null = null;

  constructor(
    private readonly data: DataState,
    private readonly onDataset: (d: Dataset) => void,
    deps: { client?: DataClient; busy?: BusyRegistry } = {},
  ) {
    this.#client = deps.client ?? new DataClient();
    this.#jobs = new ImportJobs(deps.busy ?? busy, IMPORT_BUSY_REASON);
  }

  get parsed(): ParsedInput | null {
    return this.#parsed;
  }
  get roles(): RoleAssignment | null {
    return this.#roles;
  }
  get details(): BuildDetails | null {
    return this.#details;
  }
  get diagnostics(): PreModelDiagnostics | null {
    return this.#diagnostics;
  }
  get options(): ImportOptions {
    return this.#options;
  }
  /** Countries of the holiday calendar in use (empty until it is first needed): a picked one, else the bundled one. */
  get countries(): string[] {
    return this.#countries;
  }
  get progress(): ParseProgress | null {
    return this.#progress;
  }
  get busy(): boolean {
    return this.#jobs.busy;
  }
  get cancelled(): boolean {
    return this.#jobs.cancelled;
  }

  /**
   * Stops the import (or rebuild) in flight: the data loaded before, if any, stays as it was.
   * The worker stops at once; the step is free again at once.
   */
  cancel(): void {
    if (!this.#jobs.cancel()) return;
    this.#progress = null;
    this.#stale = this.#parsed !== null;
  }

  #begin(): { signal: AbortSignal; release: () => void } {
    this.#progress = null;
    return this.#jobs.begin();
  }

  #fail(e: unknown, what: string): void {
    if (isAbort(e)) return;
    const err: UserError = { message: `Could not read ${what}: ${(e as Error)?.message ?? String(e)}`, hint: 'Check that the files are CSV exports, then try again.', severity: 'error' };
    this.data.set(null, null, [err]);
  }

  async loadFiles(files: File[]): Promise<void> {
    const { signal, release } = this.#begin();
    try {
      const { data, notes } = await this.#takeHolidayFiles(files);
      if (signal.aborted) return;
      if (data.length === 0 && this.#parsed && this.#picked) {
        // A calendar picked after the data: it applies to the data already loaded.
        if (this.#stale) return this.#sayStale();
        this.#notes = notes;
        await this.#build(signal);
        return;
      }
      if (data.length === 0) {
        this.data.set(null, null, [...(this.#calendarNote ? [this.#calendarNote('')] : []), ...notes, { severity: 'error', message: 'Only a holiday calendar was picked', hint: 'Pick the data file(s) first, or together with it: the calendar adds holiday controls to the data.' }]);
        return;
      }
      const parsed = await this.#client.parse({ files: data, signal, onProgress: (p) => (this.#progress = p) });
      const roles = await this.#client.detectRoles(parsed, signal);
      await this.#build(signal, notes, { parsed, roles, origin: { kind: 'files', names: data.map((f) => f.webkitRelativePath || f.name) }, notes });
    } catch (e) {
      this.#fail(e, files.length === 1 ? files[0].name : `${files.length} files`);
    } finally {
      this.#jobs.end(release, signal);
    }
  }

  /**
   * The bundled demo (public/demo/, fetched from this origin; no network beyond it).
   * Resolves with the seed demo.json fixes for the demo fit, or null when the demo did not
   * load (the Data step shows why).
   */
  async loadDemo(): Promise<{ seed: number } | null> {
    const { signal, release } = this.#begin();
    try {
      const { desc, files } = await loadDemo(import.meta.env.BASE_URL);
      const parsed = await this.#client.parse({ files, signal });
      const { roles, report } = demoRoles(desc, parsed);
      const seed = demoSeed(desc);
      if (!seed.ok) report.push(seed.error);
      if (desc.options?.grain) this.#options.grain = desc.options.grain;
      if (this.#picked) [this.#picked, this.#calendarNote, this.#countries, this.#options.holidayCountry] = [null, null, [], ''];
      await this.#build(signal, report, { parsed, roles, origin: { kind: 'demo' }, notes: [] });
      return seed.ok && !signal.aborted ? { seed: seed.seed } : null;
    } catch (e) {
      this.#fail(e, 'the demo');
      return null;
    } finally {
      this.#jobs.end(release, signal);
    }
  }

  /**
   * Sets aside the files that are holiday tables (Prophet's format, as Robyn ships
   * dt_prophet_holidays.csv; holiday-file.ts) and reads the first as the calendar in use; the
   * rest are the data. Without one, the bundled calendar is back in use.
   */
  async #takeHolidayFiles(files: File[]): Promise<{ data: File[]; notes: UserError[] }> {
    const pick = await pickHolidayFiles(files);
    const before = this.#picked;
    this.#picked = pick.calendar;
    this.#calendarNote = pick.note;
    if (pick.onlyCountry) this.#options.holidayCountry = pick.onlyCountry;
    if (this.#picked !== before) {
      this.#countries = this.#picked ? Object.keys(this.#picked.countries).sort() : [];
      // A country chosen from the calendar that is gone (or one the new calendar lacks) would give an all-zero control.
      if (!this.#countries.includes(this.#options.holidayCountry)) this.#options.holidayCountry = '';
    }
    return { data: pick.data, notes: pick.notes };
  }

  #accept({ parsed, roles, origin, notes }: Candidate): void {
    if (this.#parsed && this.#parsed !== parsed) void this.#client.release(this.#parsed).catch(() => undefined);
    this.#parsed = parsed;
    this.#roles = roles;
    this.#origin = origin;
    this.#notes = notes;
    this.#stale = false;
  }

  async #buildOptions(): Promise<BuildOptions> {
    const o = this.#options;
    const options: BuildOptions = { grain: o.grain, trend: o.trend, quarterlyOrder: o.quarterlyOrder };
    if (o.holidayCountry) {
      const calendar = await this.#holidayCalendar();
      options.holidays = { calendar, country: o.holidayCountry };
    }
    return options;
  }

  async #holidayCalendar(): Promise<HolidayCalendar> {
    if (this.#picked) return this.#picked;
    this.#calendar ??= await loadHolidayCalendar(import.meta.env.BASE_URL + HOLIDAYS_PATH);
    return this.#calendar;
  }

  /** Loads the calendar so the country list can be shown. */
  async listCountries(): Promise<void> {
    if (this.#countries.length) return;
    try {
      this.#countries = holidayCountries(await this.#holidayCalendar());
    } catch (e) {
      this.data.set(this.data.dataset, this.data.origin, [
        ...this.data.report,
        { message: `The holiday calendar could not be loaded: ${(e as Error).message}`, hint: 'Reload the page; holidays can be added later.', severity: 'warning' },
      ]);
    }
  }

  /** Builds the dataset of `input` (by default the import in use) and, unless cancelled meanwhile, makes it the studio's. */
  async #build(signal: AbortSignal, extra: UserError[] = this.#notes, input?: Candidate): Promise<void> {
    const { parsed, roles } = input ?? { parsed: this.#parsed, roles: this.#roles };
    if (!parsed || !roles) return;
    const result = await this.#client.buildDataset(parsed, roles, await this.#buildOptions(), signal);
    if (signal.aborted) return;
    const dataset = result.dataset ?? null;
    // In the worker too: on a long daily file (15,000 weeks × 60 series) the correlations
    // and VIFs take about a second, which would freeze the page.
    const diag = dataset ? await this.#client.diagnostics(dataset, signal) : null;
    if (signal.aborted) return;
    if (input) this.#accept(input);
    this.#details = result.details ?? null;
    this.#diagnostics = diag;
    const calendar = this.#calendarNote ? [this.#calendarNote(this.#options.holidayCountry)] : [];
    this.data.set(dataset, dataset ? this.#origin : null, [...calendar, ...extra, ...result.report, ...(diag?.warnings ?? [])]);
    if (dataset) this.onDataset(dataset);
  }

  async #rebuild(): Promise<void> {
    const { signal, release } = this.#begin();
    try {
      if (this.#stale) this.#sayStale();
      else await this.#build(signal);
    } catch (e) {
      this.#fail(e, 'the data');
    } finally {
      this.#jobs.end(release, signal);
    }
  }

  /** Nothing can be rebuilt from files let go by a cancel: the data stays, the Data step says what to do. */
  #sayStale(): void {
    this.data.set(this.data.dataset, this.data.origin, [...this.data.report.filter((e) => e !== STALE), STALE]);
  }

  /** Changes one column's role and rebuilds the dataset. */
  changeRole(column: string, change: Omit<ColumnRole, 'column' | 'reason'>): Promise<void> {
    if (!this.#roles) return Promise.resolve();
    if (this.#stale) return this.#rebuild(); // says why nothing changes
    this.#roles = setRole(this.#roles, column, change);
    return this.#rebuild();
  }

  setOptions(patch: Partial<ImportOptions>): Promise<void> {
    if (!this.#stale) Object.assign(this.#options, patch);
    return this.#rebuild();
  }

  /** Forget the import (e.g. when a saved run's data replaces it). */
  reset(): void {
    this.#jobs.reset();
    this.#stale = false;
    if (this.#parsed) void this.#client.release(this.#parsed).catch(() => undefined);
    this.#parsed = null;
    this.#roles = null;
    this.#details = null;
    this.#diagnostics = null;
  }
}

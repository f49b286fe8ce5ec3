// State of the Attribution area: the settings, one analysis at a time in the MTA worker
// (cancellable), its outcome, and the MMM shares to compare with. Components read the
// getters and call the actions; nothing here touches the DOM except the export's Blob.
import type { UserError } from '../../core/types';
import { MtaClient } from '../../mta/client';
import { DEFAULT_BOOTSTRAP, type AnalysisOutcome } from '../../mta/pipeline';
import { MTA_FILE_NAME } from '../../mta/report';
import type { AttributionResult, InputFormat } from '../../mta/types';
import type { MtaProgress, MtaRunOptions, MtaSource } from '../../mta/worker-api';
import { sharesFromContributionsJson, type Metric, type MmmShare } from './views';

/** Journeys in the generated demo: enough to show the models apart, quick in any tab. */
export const DEMO_JOURNEYS = 50_000;
export const DEMO_SEED = 20240601;

export class AttributionState {
  readonly #client = new MtaClient();
  #abort: AbortController | null = null;
  #outcome = $state.raw<Extract<AnalysisOutcome, { ok: true }> | null>(null);
  #errors = $state.raw<UserError[]>([]);
  #progress = $state.raw<MtaProgress | null>(null);
  #busy = $state(false);
  #seconds = $state<number | null>(null);
  /** The point credits are shown and their bootstrap intervals are being computed. */
  #intervalsPending = $state(false);
  #mmmFile = $state.raw<{ name: string; shares: MmmShare[] } | null>(null);

  // Settings (bound to the form).
  format = $state<InputFormat | 'auto'>('auto');
  separator = $state('>');
  lookbackDays = $state(30);
  inactivityDays = $state(30);
  halfLifeTouches = $state(2);
  halfLifeDays = $state(7);
  positionFirst = $state(0.4);
  positionLast = $state(0.4);
  /** Poisson-bootstrap replicates for the 90% intervals (0 = none) and their seed. */
  bootstrapReplicates = $state(DEFAULT_BOOTSTRAP.replicates);
  bootstrapSeed = $state(DEFAULT_BOOTSTRAP.seed);
  // View choices.
  metric = $state<Metric>('conversions');
  compareModel = $state('markov_1');

  get result(): AttributionResult | null {
    return this.#outcome?.result ?? null;
  }
  get outcome(): Extract<AnalysisOutcome, { ok: true }> | null {
    return this.#outcome;
  }
  get errors(): UserError[] {
    return this.#errors;
  }
  get progress(): MtaProgress | null {
    return this.#progress;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** Seconds from loading to the point credits (the intervals come after). */
  get seconds(): number | null {
    return this.#seconds;
  }
  get intervalsPending(): boolean {
    return this.#intervalsPending;
  }
  get mmmFile(): { name: string; shares: MmmShare[] } | null {
    return this.#mmmFile;
  }

  options(): MtaRunOptions {
    return {
      format: this.format,
      channelSeparator: this.separator || '>',
      events: { lookbackDays: this.lookbackDays, inactivityDays: this.inactivityDays },
      settings: {
        halfLifeTouches: this.halfLifeTouches,
        halfLifeDays: this.halfLifeDays,
        positionFirst: this.positionFirst,
        positionLast: this.positionLast,
      },
      bootstrap: { replicates: this.bootstrapReplicates, seed: this.bootstrapSeed },
    };
  }

  analyzeFile(file: File): Promise<void> {
    return this.#run({ kind: 'file', file });
  }

  analyzeDemo(): Promise<void> {
    return this.#run({ kind: 'demo', journeys: DEMO_JOURNEYS, seed: DEMO_SEED });
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async #run(source: MtaSource): Promise<void> {
    this.cancel();
    const abort = new AbortController();
    this.#abort = abort;
    this.#busy = true;
    this.#intervalsPending = false;
    this.#errors = [];
    this.#progress = null;
    const t0 = performance.now();
    let pointShown = false;
    // The point credits are shown as soon as they exist; the intervals fill in when the
    // bootstrap finishes (200 replicates add seconds on a large file).
    const show = (out: Extract<AnalysisOutcome, { ok: true }>) => {
      this.#outcome = out;
      this.#errors = out.warnings;
      if (!out.result.markov.some((m) => `markov_${m.order}` === this.compareModel)) this.compareModel = 'shapley';
    };
    const onPoint = (point: AnalysisOutcome) => {
      if (abort.signal.aborted || !point.ok) return;
      show(point);
      this.#seconds = (performance.now() - t0) / 1000;
      this.#intervalsPending = true;
      pointShown = true;
    };
    try {
      const out = await this.#client.analyze(source, this.options(), { signal: abort.signal, onProgress: (p) => (this.#progress = p), onPoint });
      if (abort.signal.aborted) return;
      if (out.ok) {
        show(out);
        if (!pointShown) this.#seconds = (performance.now() - t0) / 1000;
      } else {
        this.#errors = [...out.errors, ...out.warnings];
        if (out.errorCount > out.errors.length) {
          this.#errors = [...this.#errors, { severity: 'error', message: `${out.errorCount - out.errors.length} more row error(s) not listed.`, hint: 'Fix the rows above and load the file again.' }];
        }
      }
    } catch (e) {
      if (this.#abort !== abort) return; // superseded by a newer analysis, which owns the messages now
      if ((e as Error).name === 'AbortError') {
        this.#errors = pointShown
          ? [{ severity: 'warning', message: 'Intervals cancelled: the credits are shown without their 90% intervals.', hint: 'Load the file again to compute them; fewer bootstrap replicates (Settings) finish sooner.' }]
          : [{ severity: 'warning', message: 'Attribution cancelled.' }];
      } else this.#errors = [{ severity: 'error', message: `The attribution failed: ${(e as Error).message}`, hint: 'Reload the page and try again; if it persists, report the file shape.' }];
    } finally {
      if (this.#abort === abort) {
        this.#busy = false;
        this.#intervalsPending = false;
        this.#abort = null;
        this.#progress = null;
      }
    }
  }

  /** The report as a downloadable file (mta_attribution.json). */
  exportJson(): { name: string; blob: Blob } | null {
    if (!this.#outcome) return null;
    return { name: MTA_FILE_NAME, blob: new Blob([JSON.stringify(this.#outcome.report, null, 2)], { type: 'application/json' }) };
  }

  async loadMmmFile(file: File): Promise<void> {
    try {
      const shares = sharesFromContributionsJson(JSON.parse(await file.text()));
      if (typeof shares === 'string') {
        this.#errors = [{ severity: 'error', file: file.name, message: shares, hint: 'Choose the mmm_channel_contributions.json written by a fit.' }];
        return;
      }
      this.#mmmFile = { name: file.name, shares };
    } catch (e) {
      this.#errors = [{ severity: 'error', file: file.name, message: `The file is not JSON: ${(e as Error).message}`, hint: 'Choose the mmm_channel_contributions.json written by a fit.' }];
    }
  }

  dispose(): void {
    this.cancel();
    this.#client.dispose();
  }
}

let shared: AttributionState | null = null;

/**
 * The studio's one attribution state: it outlives the view, so leaving the Attribution area
 * and coming back keeps the results (and an analysis still running keeps running).
 */
export function sharedAttributionState(): AttributionState {
  shared ??= new AttributionState();
  return shared;
}

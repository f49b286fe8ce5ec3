// The Checks section's state: refit settings, one check at a time (hold-out or prior
// sensitivity), per-chain progress of the refit in flight, cancel, and the last results of
// the open run. The refits run on a browser chain pool (src/engine/browser-pool.ts, one Web
// Worker per chain); what follows them runs in the checks worker. Nothing heavy runs here.
// Kept per studio (checksFor), so results survive leaving the Diagnostics area.
import { wrap, type Remote } from 'comlink';
import type { ChainProgress, Dataset, InferenceData, ModelSpec, SamplerSettings, UserError } from '../../core/types';
import { planHoldout, planSensitivity, refit, type Refit, type RefitStage } from '../../checks/run-checks';
import type { HoldoutResult, SensitivityResult } from '../../checks/types';
import { defaultHoldoutPeriods } from '../../checks/holdout';
import { VAGUE_FACTOR } from '../../checks/vague';
import { createBrowserPool } from '../../engine/browser-pool';
import type { Studio } from '../state/studio.svelte';
import type { ChecksWorkerApi } from './checks.worker';
import { defaultRefitSettings } from './defaults';

export type CheckKind = 'holdout' | 'sensitivity';
export type CheckStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

type RefitOn = (data: Dataset, spec: ModelSpec, stage: RefitStage) => Promise<Refit | { errors: UserError[] }>;
type Work<R> = (hooks: { signal: AbortSignal; refitOn: RefitOn; settings: SamplerSettings }) => Promise<R | { errors: UserError[] }>;

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';
const cancelled = () => Object.assign(new Error('The check was cancelled.'), { name: 'AbortError' });

export class ChecksState {
  #runId = $state<string | null>(null);
  #settings = $state.raw<SamplerSettings | null>(null);
  #periods = $state(13);
  #status = $state<Record<CheckKind, CheckStatus>>({ holdout: 'idle', sensitivity: 'idle' });
  #errors = $state.raw<Record<CheckKind, UserError[]>>({ holdout: [], sensitivity: [] });
  #holdout = $state.raw<HoldoutResult | null>(null);
  #sensitivity = $state.raw<SensitivityResult | null>(null);
  #stage = $state.raw<RefitStage | null>(null);
  #progress = $state.raw<ChainProgress[]>([]);
  #controller: AbortController | null = null;
  /** The open run's pointwise elpd_loo, kept from its first sensitivity check. */
  #runElpd: { id: string; elpd: Float64Array } | null = null;
  #worker: Worker | null = null;
  #api: Remote<ChecksWorkerApi> | null = null;
  #pending = new Map<number, ChainProgress>();
  #frame = 0;
  /** Finished checks (tests wait on it). */
  #runs = $state(0);

  get runId() { return this.#runId; }
  get settings() { return this.#settings; }
  get periods() { return this.#periods; }
  get vagueFactor() { return VAGUE_FACTOR; }
  get holdout() { return this.#holdout; }
  get sensitivity() { return this.#sensitivity; }
  get stage() { return this.#stage; }
  get progress() { return this.#progress; }
  get finished() { return this.#runs; }
  status(kind: CheckKind): CheckStatus { return this.#status[kind]; }
  errors(kind: CheckKind): UserError[] { return this.#errors[kind]; }
  get busy(): boolean {
    return Object.values(this.#status).some((s) => s === 'running' || s === 'cancelling');
  }

  /** Shows the checks of this run: defaults from it; another run's results are dropped. */
  adopt(id: string, run: InferenceData): void {
    if (this.#runId === id) return;
    if (this.busy) this.cancel();
    this.#runId = id;
    this.#settings = defaultRefitSettings(run);
    this.#periods = defaultHoldoutPeriods(run.observed_data.y.length, run.attrs.data_range?.grain === 'day' ? 'day' : 'week');
    this.#holdout = null;
    this.#sensitivity = null;
    this.#errors = { holdout: [], sensitivity: [] };
    this.#status = { holdout: 'idle', sensitivity: 'idle' };
  }

  updateSettings(patch: Partial<SamplerSettings>): void {
    if (!this.busy && this.#settings) this.#settings = { ...this.#settings, ...patch };
  }
  setPeriods(n: number): void {
    if (!this.busy) this.#periods = n;
  }

  #flush = () => {
    this.#frame = 0;
    if (this.#pending.size === 0) return;
    const next = [...this.#progress];
    for (const [chain, p] of this.#pending) next[chain] = p;
    this.#pending.clear();
    this.#progress = next;
  };

  #onProgress = (p: ChainProgress, stage: RefitStage) => {
    if (this.#stage?.index !== stage.index) {
      this.#pending.clear();
      this.#stage = stage;
      this.#progress = [];
    }
    this.#pending.set(p.chain, p);
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#flush);
  };

  #workerApi(): Remote<ChecksWorkerApi> {
    if (!this.#api) {
      this.#worker = new Worker(new URL('./checks.worker.ts', import.meta.url), { type: 'module', name: 'carryover-checks' });
      this.#api = wrap<ChecksWorkerApi>(this.#worker);
    }
    return this.#api;
  }

  #stopWorker(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }

  /** A call into the checks worker that rejects with AbortError when the check is cancelled. */
  #inWorker<T>(signal: AbortSignal, f: (api: Remote<ChecksWorkerApi>) => Promise<T>): Promise<T> {
    if (signal.aborted) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        this.#stopWorker();
        reject(cancelled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      f(this.#workerApi()).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Runs one check: refits on a fresh browser pool (disposed after), then the worker's part. */
  async #run<R>(kind: CheckKind, id: string, work: Work<R>, done: (r: R) => void): Promise<void> {
    const settings = this.#settings;
    if (this.busy || !settings || id !== this.#runId) return;
    const controller = (this.#controller = new AbortController());
    this.#status = { ...this.#status, [kind]: 'running' };
    this.#errors = { ...this.#errors, [kind]: [] };
    this.#stage = null;
    this.#progress = [];
    const pool = createBrowserPool(settings.chains);
    let status: CheckStatus = 'failed';
    try {
      const out = await work({
        signal: controller.signal,
        settings,
        refitOn: (data, spec, stage) => refit(pool, data, spec, settings, stage, { signal: controller.signal, onProgress: this.#onProgress }),
      });
      this.#flush();
      if (controller.signal.aborted) status = 'cancelled';
      else if (out && typeof out === 'object' && 'errors' in out) this.#errors = { ...this.#errors, [kind]: out.errors };
      else {
        done(out as R);
        status = 'done';
      }
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) status = 'cancelled';
      else this.#errors = { ...this.#errors, [kind]: [{ severity: 'error', message: `The check stopped: ${(e as Error)?.message ?? String(e)}`, hint: 'Try again; if it repeats, try other refit settings or export the run and report the problem.' }] };
    } finally {
      pool.dispose();
      this.#controller = null;
      this.#status = { ...this.#status, [kind]: status };
      this.#runs++;
    }
  }

  runHoldout(id: string, run: InferenceData): Promise<void> {
    const periods = this.#periods;
    return this.#run<HoldoutResult>('holdout', id, async ({ signal, refitOn, settings }) => {
      const plan = planHoldout(run, periods);
      if ('errors' in plan) return plan;
      const fit = await refitOn(plan.split.train, plan.spec, { label: `Hold-out refit on the first ${plan.split.train.dates.length} periods`, index: 1, of: 1 });
      if ('errors' in fit) return fit;
      return this.#inWorker<HoldoutResult | { errors: UserError[] }>(signal, (api) => api.holdoutResult(run, fit.idata, plan.split, settings, fit.wallMs));
    }, (r) => (this.#holdout = r));
  }

  /**
   * Prior sensitivity of the run. `runElpd`: the run's pointwise elpd_loo when the studio has
   * it (the Diagnostics worker computes it once per run); otherwise the first check computes it
   * and later checks of the same run reuse it.
   */
  runSensitivity(id: string, run: InferenceData, runElpd: Float64Array | null = null): Promise<void> {
    const known = runElpd ?? (this.#runElpd?.id === id ? this.#runElpd.elpd : null);
    return this.#run<SensitivityResult>('sensitivity', id, async ({ signal, refitOn, settings }) => {
      const plan = planSensitivity(run, settings);
      if ('errors' in plan) return plan;
      const of = plan.reuseRun ? 1 : 2;
      const vague = await refitOn(plan.data, plan.vagueSpec, { label: `Refit with vague priors (×${plan.factor})`, index: 1, of });
      if ('errors' in vague) return vague;
      let user: Refit | { errors: UserError[] } = { idata: run, wallMs: NaN, warnings: [] };
      if (!plan.reuseRun) user = await refitOn(plan.data, plan.userSpec, { label: 'Refit with your priors', index: 2, of });
      if ('errors' in user) return user;
      const u = user;
      const out = await this.#inWorker(signal, (api) =>
        api.sensitivityKeepingLoo(u.idata, vague.idata, { factor: plan.factor, userFit: plan.reuseRun ? 'run' : 'refit', settings, userWallMs: plan.reuseRun ? null : u.wallMs, vagueWallMs: vague.wallMs, runElpd: plan.reuseRun ? known : null }),
      );
      if (out.runElpd && this.#runId === id) this.#runElpd = { id, elpd: out.runElpd };
      return out.result;
    }, (r) => (this.#sensitivity = r));
  }

  cancel(): void {
    if (!this.#controller) return;
    for (const k of ['holdout', 'sensitivity'] as const) if (this.#status[k] === 'running') this.#status = { ...this.#status, [k]: 'cancelling' };
    this.#controller.abort();
  }
}

const states = new WeakMap<Studio, ChecksState>();

export function checksFor(studio: Studio): ChecksState {
  let s = states.get(studio);
  if (!s) states.set(studio, (s = new ChecksState()));
  return s;
}

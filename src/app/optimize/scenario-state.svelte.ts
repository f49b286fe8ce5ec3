// The four scenario cards (issue 5): their inputs, and each card's result for the plan on
// screen. Every card is recomputed in the worker when a new plan arrives, and on its own
// "Update" button; a card's answer is shown only for the problem it was computed for.
import type { UserError } from '../../core/types';
import type { Scenario } from '../../analysis/scenarios';
import type { PlanRequest, ScenarioRequest } from './engine';
import type { OptimizeSuccessView } from './views';
import type { OptimizeClient } from './worker-client';

export type ScenarioKind = ScenarioRequest['kind'];
export const SCENARIO_KINDS: ScenarioKind[] = ['shift', 'budget_change', 'target_efficiency', 'min_spend_for_current_outcome'];

export interface CardState {
  status: 'idle' | 'running' | 'done' | 'failed';
  scenario: Scenario | null;
  errors: UserError[];
  /** What the shown answer was computed for. */
  request: ScenarioRequest | null;
  plan: PlanRequest | null;
}

const idle = (): CardState => ({ status: 'idle', scenario: null, errors: [], request: null, plan: null });
const emptyCards = () => Object.fromEntries(SCENARIO_KINDS.map((k) => [k, idle()])) as Record<ScenarioKind, CardState>;
const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export class ScenarioState {
  shift = $state<{ from: string; to: string; percent: number | null }>({ from: '', to: '', percent: 10 });
  budgetPercent = $state<number | null>(10);
  target = $state<number | null>(null);
  #cards = $state.raw<Record<ScenarioKind, CardState>>(emptyCards());
  #tokens: Record<ScenarioKind, number> = { shift: 0, budget_change: 0, target_efficiency: 0, min_spend_for_current_outcome: 0 };
  #plan: PlanRequest | null = null;
  #batch = 0;

  constructor(private readonly client: OptimizeClient) {}

  card(kind: ScenarioKind): CardState {
    return this.#cards[kind];
  }

  /** Why a card's inputs cannot be run, or null. */
  inputError(kind: ScenarioKind): string | null {
    if (kind === 'shift') {
      const s = this.shift;
      if (!s.from || !s.to) return 'Choose the two channels.';
      if (s.from === s.to) return 'Choose two different channels.';
      if (!isNum(s.percent) || s.percent < 0 || s.percent > 100) return 'The share to shift must be between 0 and 100%.';
    }
    if (kind === 'budget_change' && (!isNum(this.budgetPercent) || this.budgetPercent <= -100)) return 'The change must be a percentage above −100%.';
    if (kind === 'target_efficiency' && (!isNum(this.target) || this.target <= 0)) return 'The target ROAS must be a number above 0.';
    return null;
  }

  request(kind: ScenarioKind): ScenarioRequest | null {
    if (this.inputError(kind)) return null;
    switch (kind) {
      case 'shift':
        return { kind, from: this.shift.from, to: this.shift.to, percent: this.shift.percent! };
      case 'budget_change':
        return { kind, percent: this.budgetPercent! };
      case 'target_efficiency':
        return { kind, target: this.target! };
      case 'min_spend_for_current_outcome':
        return { kind };
    }
  }

  /** Defaults that make each card meaningful for this plan, where the user has not chosen. */
  #defaults(view: OptimizeSuccessView): void {
    const byReturn = Object.entries(view.marginal_return).sort((a, b) => a[1] - b[1]);
    if (byReturn.length >= 2 && !this.shift.from && !this.shift.to) {
      // From the channel whose next unit returns least at the optimum to the one that returns most.
      this.shift.from = byReturn[0][0];
      this.shift.to = byReturn[byReturn.length - 1][0];
    }
    if (this.target === null) {
      const r = view.current.roas.mean;
      this.target = r !== null && r > 0 ? Number(r.toPrecision(2)) : 1;
    }
  }

  async runAll(plan: PlanRequest, view: OptimizeSuccessView): Promise<void> {
    this.#plan = plan;
    this.#defaults(view);
    const batch = ++this.#batch;
    // One at a time: the worker answers in order, and the first cards show while the scans run.
    for (const kind of SCENARIO_KINDS) if (batch === this.#batch) await this.run(kind);
  }

  async run(kind: ScenarioKind): Promise<void> {
    const plan = this.#plan;
    const request = this.request(kind);
    if (!plan) return;
    if (!request) {
      this.#set(kind, { ...idle(), status: 'failed', errors: [{ message: this.inputError(kind)!, severity: 'error' }] });
      return;
    }
    const token = ++this.#tokens[kind];
    this.#set(kind, { ...this.#cards[kind], status: 'running', errors: [] });
    let next: CardState;
    try {
      const out = await (await this.client.api()).scenario(plan, request);
      next = out.ok ? { status: 'done', scenario: out.value, errors: [], request, plan } : { ...idle(), status: 'failed', errors: out.errors };
    } catch (e) {
      next = { ...idle(), status: 'failed', errors: [{ message: `The scenario could not be computed: ${(e as Error).message}`, severity: 'error' }] };
    }
    if (token === this.#tokens[kind]) this.#set(kind, next);
  }

  #set(kind: ScenarioKind, c: CardState): void {
    this.#cards = { ...this.#cards, [kind]: c };
  }

  /** Requests of the cards answered for this plan (what the downloads include). */
  requestsFor(plan: PlanRequest | null): ScenarioRequest[] {
    return SCENARIO_KINDS.map((k) => this.#cards[k]).filter((c) => c.status === 'done' && c.plan === plan && c.request).map((c) => c.request!);
  }

  /** Work cut short (the worker was terminated): cards go back to idle. */
  cancel(): void {
    this.#batch++;
    for (const k of SCENARIO_KINDS) this.#tokens[k]++;
    this.#cards = Object.fromEntries(SCENARIO_KINDS.map((k) => [k, this.#cards[k].status === 'running' ? idle() : this.#cards[k]])) as Record<ScenarioKind, CardState>;
  }

  reset(): void {
    this.cancel();
    this.#plan = null;
    this.#cards = emptyCards();
    this.shift = { from: '', to: '', percent: 10 };
    this.budgetPercent = 10;
    this.target = null;
  }
}

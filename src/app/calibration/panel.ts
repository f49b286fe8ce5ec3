// The calibration panel of a fitted run with lift tests or ROAS priors: for every test, the lift
// the model implies at the test's operating point before the data (prior) and after (posterior),
// and how far the posterior sits from the test in test-sigma units (liftAgreement, |z| > 2
// flagged) — a lift test used as a ROAS prior is shown the same way, its Δy and σ read back from
// the prior's LogNormal (mean · Δx, sd · Δx); for every calibrated channel, the prior and
// posterior of its ROAS over the data window, and for a channel with a ROAS prior, that LogNormal
// against the posterior of the ROAS it speaks about (its scope).
//
// Both ROAS sides use one definition, ROAS_c = beta_c · K_c(φ_c) with K_c of
// src/calibration/roas-prior.ts ('window' scope = MODEL.md §5: Σ_t contribution / Σ_t spend),
// so prior and posterior differ only in where (beta, φ) come from: the spec's priors, ROAS priors
// included (prior-roas.ts), or the run's draws. The implied lift per period at (x, delta_x) is the
// 'test' scope times delta_x = beta · max|y| · (sat((x + delta_x)/max x) − sat(x/max x)).
// Pure: it runs in the calibration worker and in Node tests.
import type { Estimate, InferenceData, LiftTest, ModelSpec, RoasPrior, UserError } from '../../core/types';
import { liftAgreement, logNormalSummary, roasPerBeta, summarise, type ChannelCurve, type RoasData } from '../../calibration';
import { channelRoasPrior } from '../../model/spec';
import { priorRoasIn, type RoasScopeAt } from './prior-roas';
import { posteriorFromInferenceData } from '../../analysis/posterior';
import { paramIndex, readChannelParams, type DrawMatrix, type ForwardData } from '../../model/forward';

export interface PanelTest {
  label: string;
  channel: string;
  x: number;
  delta_x: number;
  delta_y: number;
  sigma: number;
  /** What the test says a unit of its extra spend returned: delta_y / delta_x. */
  test_roas: number;
  prior_lift: Estimate;
  posterior_lift: Estimate;
  /** (posterior mean lift − delta_y) / sigma. */
  z: number | null;
  /** |z| > 2: the model and the test disagree. */
  disagrees: boolean;
  /** How the test entered the fit. */
  via: 'likelihood' | 'roas_prior';
}

/** A channel's ROAS prior against the posterior of the ROAS it is about. */
export interface PanelRoasPrior {
  label: string;
  source: RoasPrior['source'];
  scope: RoasPrior['scope'];
  x?: number;
  delta_x?: number;
  /** The LogNormal asked for: mean, sd, 5/50/95% quantiles. */
  prior: Estimate;
  /** Posterior of the ROAS in the prior's scope. */
  posterior: Estimate;
}

export interface PanelChannel {
  channel: string;
  /** Labels of the tests on this channel. */
  tests: string[];
  prior_roas: Estimate;
  posterior_roas: Estimate;
  /** 1 − (posterior 90% width / prior 90% width): how much the data and the tests narrowed ROAS. */
  narrowing: number | null;
  roas_prior?: PanelRoasPrior;
}

export interface CalibrationPanel {
  tests: PanelTest[];
  channels: PanelChannel[];
  posterior_draws: number;
  prior_draws: number;
  prior_seed: number;
}

export interface PanelOptions {
  /** Prior draws per quantity (default 4000). */
  priorDraws?: number;
  /** Seed of the prior simulation (default: the run's seed), so the panel is reproducible. */
  seed?: number;
}

type Result = { ok: true; value: CalibrationPanel } | { ok: false; errors: UserError[] };

export function calibrationPanel(idata: InferenceData, opts: PanelOptions = {}): Result {
  const post = posteriorFromInferenceData(idata);
  if ('errors' in post) return { ok: false, errors: post.errors };
  const { spec, draws, data } = post;
  const priors = spec.roas_priors ?? [];
  const tests = [...(spec.lift_tests ?? []).map((t) => ({ test: t, via: 'likelihood' as const })), ...priors.flatMap((p) => priorTest(p))];
  if (tests.length === 0 && priors.length === 0) {
    return { ok: false, errors: [{ severity: 'error', message: 'this run was fitted without lift tests or ROAS priors', hint: 'Add lift tests or MTA-informed priors in Model → Calibration and fit again.' }] };
  }
  const names = [...tests.map(({ test }) => test.channel), ...priors.map((p) => p.channel)];
  const missing = names.find((n) => !spec.channels.some((c) => c.name === n));
  if (missing) {
    return { ok: false, errors: [{ severity: 'error', channel: missing, message: `the run's calibration names channel "${missing}", which the run does not model`, hint: 'The run and its spec disagree; refit.' }] };
  }
  const seed = opts.seed ?? idata.attrs.seed;
  const n = opts.priorDraws ?? 4000;
  const value: CalibrationPanel = {
    tests: tests.map(({ test, via }) => ({ ...panelTest(test, spec, draws, data, n, seed), via })),
    channels: [...new Set(names)].map((name) => panelChannel(name, spec.lift_tests ?? [], spec, draws, data, n, seed)),
    posterior_draws: draws.n,
    prior_draws: n,
    prior_seed: seed,
  };
  return { ok: true, value };
}

function channelData(spec: ModelSpec, data: ForwardData, name: string): { c: number; roas: RoasData } {
  const c = spec.channels.findIndex((ch) => ch.name === name);
  return { c, roas: { spend: data.spend.subarray(c * data.T, (c + 1) * data.T), spendMax: data.channelMax[c], targetMaxAbs: data.targetMaxAbs } };
}

function panelTest(t: LiftTest, spec: ModelSpec, draws: DrawMatrix, data: ForwardData, n: number, seed: number): PanelTest {
  const { c, roas } = channelData(spec, data, t.channel);
  const agreement = liftAgreement(t, spec, draws, data.channelMax[c], data.targetMaxAbs);
  const prior = priorRoasIn({ scope: 'test', x: t.x, delta_x: t.delta_x }, spec.channels[c], spec.l_max, roas, channelRoasPrior(spec, t.channel), n, seed);
  const lift = prior.map((r) => r * t.delta_x);
  return {
    label: agreement.label,
    channel: t.channel,
    x: t.x,
    delta_x: t.delta_x,
    delta_y: t.delta_y,
    sigma: t.sigma,
    test_roas: t.delta_y / t.delta_x,
    prior_lift: summarise(lift),
    posterior_lift: agreement.implied,
    z: agreement.z,
    disagrees: agreement.disagrees,
    via: 'likelihood',
  };
}

/**
 * The lift test behind a lift-test ROAS prior (its operating point is kept in both scopes,
 * src/calibration/assign.ts): Δy = mean · Δx and σ = sd · |Δx| of the LogNormal, which is how
 * roasPriorFromLiftTest made the prior from the test. None for other priors.
 */
function priorTest(p: RoasPrior): Array<{ test: LiftTest; via: 'roas_prior' }> {
  if (p.source !== 'lift_test' || !Number.isFinite(p.x) || !Number.isFinite(p.delta_x) || !p.delta_x) return [];
  const m = logNormalSummary(p.mu, p.sigma);
  return [{ test: { channel: p.channel, x: p.x!, delta_x: p.delta_x, delta_y: m.mean * p.delta_x, sigma: m.sd * Math.abs(p.delta_x), label: p.label }, via: 'roas_prior' }];
}

/** ROAS of channel c for every posterior draw, over the window (default) or at a test's spend: beta · K(φ) (the file comment). */
export function posteriorRoasDraws(spec: ModelSpec, draws: DrawMatrix, data: ForwardData, c: number, scope: RoasScopeAt = { scope: 'window' }): Float64Array {
  const ci = paramIndex(spec).channels[c];
  const { roas } = channelData(spec, data, spec.channels[c].name);
  const curve: ChannelCurve = { adstock: ci.adstock, saturation: ci.saturation, adstockParams: {}, saturationParams: {}, lMax: spec.l_max };
  const work = { xs: new Float64Array(data.T), a: new Float64Array(data.T), w: new Float64Array(spec.l_max) };
  const out = new Float64Array(draws.n);
  for (let d = 0; d < draws.n; d++) {
    const beta = readChannelParams(ci, draws.values, d * draws.stride, curve.adstockParams, curve.saturationParams);
    out[d] = beta * roasPerBeta(scope, curve, roas, work);
  }
  return out;
}

function panelChannel(name: string, tests: LiftTest[], spec: ModelSpec, draws: DrawMatrix, data: ForwardData, n: number, seed: number): PanelChannel {
  const { c, roas } = channelData(spec, data, name);
  const rp = channelRoasPrior(spec, name);
  const prior = summarise(priorRoasIn({ scope: 'window' }, spec.channels[c], spec.l_max, roas, rp, n, seed));
  const posterior = summarise(posteriorRoasDraws(spec, draws, data, c));
  const width = (e: Estimate) => (e.q05 === null || e.q95 === null ? null : e.q95 - e.q05);
  const [wp, wq] = [width(prior), width(posterior)];
  return {
    channel: name,
    tests: [...tests.filter((t) => t.channel === name).map((t) => t.label ?? t.channel), ...(rp ? [rp.label] : [])],
    prior_roas: prior,
    posterior_roas: posterior,
    narrowing: wp !== null && wq !== null && wp > 0 ? 1 - wq / wp : null,
    ...(rp ? { roas_prior: panelRoasPrior(rp, rp.scope === 'window' ? posterior : summarise(posteriorRoasDraws(spec, draws, data, c, rp))) } : {}),
  };
}

function panelRoasPrior(p: RoasPrior, posterior: Estimate): PanelRoasPrior {
  const { mean, sd, q05, q50, q95 } = logNormalSummary(p.mu, p.sigma);
  return {
    label: p.label,
    source: p.source,
    scope: p.scope,
    ...(p.scope === 'test' ? { x: p.x, delta_x: p.delta_x } : {}),
    prior: { mean, sd, q05, q50, q95 },
    posterior,
  };
}

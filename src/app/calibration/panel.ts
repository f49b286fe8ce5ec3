// The calibration panel of a fitted run with lift tests: for every test, the lift the model
// implies at the test's operating point before the data (prior) and after (posterior), and how
// far the posterior sits from the test in test-sigma units (liftAgreement, |z| > 2 flagged);
// for every calibrated channel, the prior and posterior of its ROAS over the data window.
//
// Both ROAS sides use one definition, ROAS_c = beta_c · K_c(φ_c) with K_c of
// src/calibration/roas-prior.ts ('window' scope = MODEL.md §5: Σ_t contribution / Σ_t spend),
// so prior and posterior differ only in where (beta, φ) come from: the spec's priors
// (samplePriorRoas) or the run's draws. The implied lift per period at (x, delta_x) is the
// 'test' scope times delta_x = beta · max|y| · (sat((x + delta_x)/max x) − sat(x/max x)).
// Pure: it runs in the calibration worker and in Node tests.
import type { Estimate, InferenceData, LiftTest, ModelSpec, UserError } from '../../core/types';
import { liftAgreement, roasPerBeta, samplePriorRoas, summarise, type ChannelCurve, type RoasData } from '../../calibration';
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
}

export interface PanelChannel {
  channel: string;
  /** Labels of the tests on this channel. */
  tests: string[];
  prior_roas: Estimate;
  posterior_roas: Estimate;
  /** 1 − (posterior 90% width / prior 90% width): how much the data and the tests narrowed ROAS. */
  narrowing: number | null;
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
  const tests = spec.lift_tests ?? [];
  if (tests.length === 0) {
    return { ok: false, errors: [{ severity: 'error', message: 'this run was fitted without lift tests', hint: 'Add lift tests in Model → Calibration and fit again.' }] };
  }
  const missing = tests.find((t) => !spec.channels.some((c) => c.name === t.channel));
  if (missing) {
    return { ok: false, errors: [{ severity: 'error', channel: missing.channel, message: `lift test "${missing.label ?? missing.channel}" names channel "${missing.channel}", which the run does not model`, hint: 'The run and its spec disagree; refit.' }] };
  }
  const seed = opts.seed ?? idata.attrs.seed;
  const n = opts.priorDraws ?? 4000;
  const value: CalibrationPanel = {
    tests: tests.map((t) => panelTest(t, spec, draws, data, n, seed)),
    channels: [...new Set(tests.map((t) => t.channel))].map((name) => panelChannel(name, tests, spec, draws, data, n, seed)),
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
  const prior = samplePriorRoas(spec.channels[c], spec.l_max, roas, { scope: { scope: 'test', x: t.x, delta_x: t.delta_x }, draws: n, seed });
  const lift = prior.roas.map((r) => r * t.delta_x);
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
  };
}

/** Window ROAS of channel c for every posterior draw: beta · K(φ) (the file comment). */
export function posteriorRoasDraws(spec: ModelSpec, draws: DrawMatrix, data: ForwardData, c: number): Float64Array {
  const ci = paramIndex(spec).channels[c];
  const { roas } = channelData(spec, data, spec.channels[c].name);
  const curve: ChannelCurve = { adstock: ci.adstock, saturation: ci.saturation, adstockParams: {}, saturationParams: {}, lMax: spec.l_max };
  const work = { xs: new Float64Array(data.T), a: new Float64Array(data.T), w: new Float64Array(spec.l_max) };
  const out = new Float64Array(draws.n);
  for (let d = 0; d < draws.n; d++) {
    const beta = readChannelParams(ci, draws.values, d * draws.stride, curve.adstockParams, curve.saturationParams);
    out[d] = beta * roasPerBeta({ scope: 'window' }, curve, roas, work);
  }
  return out;
}

function panelChannel(name: string, tests: LiftTest[], spec: ModelSpec, draws: DrawMatrix, data: ForwardData, n: number, seed: number): PanelChannel {
  const { c, roas } = channelData(spec, data, name);
  const prior = summarise(samplePriorRoas(spec.channels[c], spec.l_max, roas, { scope: { scope: 'window' }, draws: n, seed }).roas);
  const posterior = summarise(posteriorRoasDraws(spec, draws, data, c));
  const width = (e: Estimate) => (e.q05 === null || e.q95 === null ? null : e.q95 - e.q05);
  const [wp, wq] = [width(prior), width(posterior)];
  return {
    channel: name,
    tests: tests.filter((t) => t.channel === name).map((t) => t.label ?? t.channel),
    prior_roas: prior,
    posterior_roas: posterior,
    narrowing: wp !== null && wq !== null && wp > 0 ? 1 - wq / wp : null,
  };
}

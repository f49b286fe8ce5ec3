// "How much did the journeys move the answer?" A run fitted with MTA-informed ROAS priors and
// its counterpart: the same data, spec, seed and sampler settings without those priors (other
// calibration kept). The two runs point at each other through attrs.mta_prior_counterpart, and
// the comparison is each channel's posterior ROAS over the data window (MODEL.md §5, computed as
// the calibration panel computes it) in both runs, next to the MTA-informed prior.
import type { Estimate, InferenceData, ModelSpec, RoasPrior, UserError } from '../../core/types';
import { logNormalSummary, summarise } from '../../calibration';
import { posteriorFromInferenceData } from '../../analysis/posterior';
import { posteriorRoasDraws } from '../calibration/panel';

export const COUNTERPART_ATTR = 'mta_prior_counterpart';

/** Stored in attrs[COUNTERPART_ATTR]: the other run, and which side this run is. */
export interface CounterpartLink {
  run_id: string;
  this_run: 'with_mta_priors' | 'without_mta_priors';
}

export function mtaPriorsOf(spec: ModelSpec): RoasPrior[] {
  return (spec.roas_priors ?? []).filter((p) => p.source === 'mta');
}

/** The spec without its MTA-informed priors; no roas_priors key when none is left. */
export function specWithoutMta(spec: ModelSpec): ModelSpec {
  const { roas_priors: _, ...rest } = spec;
  const kept = (spec.roas_priors ?? []).filter((p) => p.source !== 'mta');
  return kept.length > 0 ? { ...rest, roas_priors: kept } : rest;
}

export function counterpartOf(idata: InferenceData): CounterpartLink | null {
  const v = idata.attrs[COUNTERPART_ATTR] as Partial<CounterpartLink> | undefined;
  return v && typeof v.run_id === 'string' && (v.this_run === 'with_mta_priors' || v.this_run === 'without_mta_priors') ? { run_id: v.run_id, this_run: v.this_run } : null;
}

/** The InferenceData with the link in its attrs (a new object; the input is not changed). */
export function withCounterpart(idata: InferenceData, link: CounterpartLink): InferenceData {
  return { ...idata, attrs: { ...idata.attrs, [COUNTERPART_ATTR]: link } };
}

export interface MtaComparisonRow {
  channel: string;
  /** The MTA-informed prior on this channel's window ROAS (LogNormal), when it had one. */
  mta_prior: (Estimate & { label: string }) | null;
  with_mta: Estimate;
  without_mta: Estimate;
  /** Posterior mean with − without. */
  shift: number | null;
  /** shift in units of the posterior sd without the priors. */
  shift_sd: number | null;
  /** 90% width with ÷ without. */
  width_ratio: number | null;
}

export interface MtaComparison {
  rows: MtaComparisonRow[];
  draws_with: number;
  draws_without: number;
}

type Result = { ok: true; value: MtaComparison } | { ok: false; errors: UserError[] };

const width = (e: Estimate) => (e.q05 === null || e.q95 === null ? null : e.q95 - e.q05);

/** Per channel, the window ROAS posterior of both runs (window ROAS per draw: ../calibration/panel.ts). */
export function mtaComparison(withMta: InferenceData, withoutMta: InferenceData): Result {
  const a = posteriorFromInferenceData(withMta);
  if ('errors' in a) return { ok: false, errors: a.errors };
  const b = posteriorFromInferenceData(withoutMta);
  if ('errors' in b) return { ok: false, errors: b.errors };
  const channels = a.spec.channels.map((c) => c.name);
  const same = channels.length === b.spec.channels.length && channels.every((c, i) => b.spec.channels[i].name === c);
  if (!same || withMta.attrs.dataset_fingerprint !== withoutMta.attrs.dataset_fingerprint) {
    return { ok: false, errors: [{ severity: 'error', message: 'the two runs were not fitted on the same data and channels', hint: 'Fit the counterpart again from the run with the MTA-informed priors.' }] };
  }
  const priors = mtaPriorsOf(a.spec);
  const rows = channels.map((channel, c): MtaComparisonRow => {
    const w = summarise(posteriorRoasDraws(a.spec, a.draws, a.data, c));
    const wo = summarise(posteriorRoasDraws(b.spec, b.draws, b.data, c));
    const p = priors.find((q) => q.channel === channel);
    const shift = w.mean !== null && wo.mean !== null ? w.mean - wo.mean : null;
    const ww = width(w);
    const wwo = width(wo);
    return {
      channel,
      mta_prior: p ? { ...logNormalSummary(p.mu, p.sigma), label: p.label } : null,
      with_mta: w,
      without_mta: wo,
      shift,
      shift_sd: shift !== null && wo.sd ? shift / wo.sd : null,
      width_ratio: ww !== null && wwo ? ww / wwo : null,
    };
  });
  return { ok: true, value: { rows, draws_with: a.draws.n, draws_without: b.draws.n } };
}

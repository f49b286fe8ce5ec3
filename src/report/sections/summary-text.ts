// The plain-language summary (issue 5): sentences generated from the numbers, every
// posterior quantity written with its 90% interval. Plain strings; the document escapes
// them (channel and target names are user text).
import type { Estimate } from '../../core/types';
import { fmtAmount, fmtEst, fmtPct, pctOf, fmtRatio } from '../format';
import type { ReportInput } from '../types';
import type { OptimizeSuccess } from '../../analysis/optimizer';
import { failedChains, gateVerdict, liftConfidence, reliabilitySentence, type Reliability } from './confidence';

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

function dataSentence(r: ReportInput): string {
  const d = r.metadata.data_range;
  const names = r.metadata.model.channels.map((c) => c.name);
  return `This report covers ${plural(d.rows, d.grain)} of ${r.target}, ${d.first} to ${d.last}, with ${plural(names.length, 'media channel')} (${list(names)}).`;
}

/**
 * Whether a ranking by posterior mean is settled: the leader's 90% interval lies wholly above
 * the runner-up's. When the intervals overlap, the summary says the order is not certain
 * instead of presenting a mean's rank as a finding.
 */
function overlaps(lead: Estimate, next: Estimate): boolean {
  return lead.q05 === null || next.q95 === null || lead.q05 <= next.q95;
}

function contributionSentences(r: ReportInput): string[] {
  const c = r.contributions;
  const out = [
    `Media drove ${fmtEst(c.media_total)} of ${r.target} over that period, ${fmtEst(c.media_share_of_target, pctOf)} of the observed total; ` +
      `the base (intercept, controls and seasonality) accounts for ${fmtEst(c.base.total)}.`,
  ];
  const ranked = c.channels.filter((ch) => ch.contribution.mean !== null).sort((a, b) => b.contribution.mean! - a.contribution.mean!);
  if (ranked.length > 0) {
    const top = ranked[0];
    const next = ranked[1];
    const caveat = next && overlaps(top.contribution, next.contribution) ? ` Its lead over ${next.channel} is not certain: their 90% intervals overlap.` : '';
    out.push(`The channel that contributed the most is ${top.channel}: ${fmtEst(top.contribution)}, ${fmtEst(top.share_of_media, pctOf)} of the media total.${caveat}`);
  }
  return out;
}

function roasSentence(r: ReportInput): string | null {
  const ranked = r.roas.filter((x) => x.roas.mean !== null).sort((a, b) => b.roas.mean! - a.roas.mean!);
  if (ranked.length === 0) return null;
  const best = ranked[0];
  const first = `Return on ad spend was highest for ${best.channel}: ${fmtEst(best.roas, fmtRatio)} of ${r.target} per unit of spend`;
  if (ranked.length === 1) return `${first}.`;
  const worst = ranked[ranked.length - 1];
  const next = ranked[1];
  const caveat = overlaps(best.roas, next.roas)
    ? ` The lead of ${best.channel} over ${next.channel} is not certain: their 90% intervals overlap${worst !== next && overlaps(best.roas, worst.roas) ? `, as do ${best.channel}'s and ${worst.channel}'s` : ''}.`
    : '';
  return `${first}; lowest for ${worst.channel}: ${fmtEst(worst.roas, fmtRatio)}.${caveat}`;
}

function saturationSentence(r: ReportInput): string {
  const flagged = r.saturation.filter((s) => s.flagged);
  if (flagged.length === 0)
    return 'No channel is flagged as saturated: at current spend each returns at least half its average ROAS on the next unit of spend and sits below its response curve’s elbow.';
  const parts = flagged.map((f) => {
    const m = r.roas.find((x) => x.channel === f.channel)?.marginal_roas;
    return `${f.channel} (the next unit of spend returns ${fmtEst(m, fmtRatio)}; ${f.reasons.join('; ')})`;
  });
  return `Signs of saturation: ${list(parts)}.`;
}

/** "raises expected revenue by 630.4k (90% interval ...)"; `may` gives "might raise". A loss is "lowers" with the interval flipped. */
function liftWords(lift: Estimate, target: string, may = false): string {
  const m = lift.mean ?? 0;
  const verb = may ? (m >= 0 ? 'might raise' : 'might lower') : m >= 0 ? 'raises' : 'lowers';
  return `${verb} expected ${target} by ${fmtEst({ ...lift, mean: Math.abs(m), q05: m >= 0 ? lift.q05 : -lift.q95!, q95: m >= 0 ? lift.q95 : -lift.q05! })}`;
}

/**
 * The plan's effect in words that its own interval supports (confidence.ts): "raises" only
 * when the shown 90% interval of the lift lies above zero; "might raise ... the interval
 * includes a loss" when it does not; and no recommendation at all while the run is
 * provisional. Borderline diagnostics are recalled next to a confident claim.
 */
function planSentence(r: ReportInput, res: OptimizeSuccess, level: Reliability): string {
  const grain = r.metadata.data_range.grain;
  const p = fmtPct(res.p_lift_positive, 0);
  // A given budget (--budget, the studio's total) need not be what the current split spends:
  // then "the same budget" would be false, and part of the lift is the change in total spend.
  const sameTotal = Math.abs(res.current.total_spend - res.budget) <= 1e-9 * Math.max(1, Math.abs(res.budget));
  const same = `${sameTotal ? 'the same budget' : 'a budget'} of ${fmtAmount(res.budget)} over the next ${plural(res.horizon, grain)}`;
  const total = sameTotal ? '' : ` The current split spends ${fmtAmount(res.current.total_spend)} over those ${grain}s instead, so this lift includes the effect of changing the total, not only the split.`;
  return planWords(r, res, level, same, p) + total;
}

function planWords(r: ReportInput, res: OptimizeSuccess, level: Reliability, same: string, p: string): string {
  if (level === 'provisional')
    return `No reallocation is recommended while the diagnostics fail: on these draws the optimiser's split of ${same} ${liftWords(res.lift, r.target, true)} (probability of an improvement ${p}), but these numbers are not reliable.`;
  const conf = liftConfidence(res.lift.q05, res.p_lift_positive);
  if (conf === 'confident')
    return `Spending ${same} with the recommended split ${liftWords(res.lift, r.target)} against the current split (probability of an improvement ${p})${level === 'caution' ? ', subject to the caution on the sampler checks above' : ''}.`;
  if (conf === 'uncertain')
    return `The recommended split of ${same} ${liftWords(res.lift, r.target, true)} against the current split, but that interval includes a loss and the probability of an improvement is only ${p}: not a confident case for reallocating, and the current split may do as well.`;
  return `The recommended split of ${same} is not expected to beat the current split: it ${liftWords(res.lift, r.target, true)}, with a probability of an improvement of only ${p}; keep the current split.`;
}

function budgetSentences(r: ReportInput, level: Reliability): string[] {
  if (!r.budget) return [];
  const res = r.budget.result;
  if (!res.feasible) return [`No budget plan meets all the constraints: ${res.reason}.`];
  const out = [planSentence(r, res, level)];
  const binding = res.constraints.flatMap((c) => (c.binds.fixed ? [`${c.channel} held fixed`] : c.binds.max ? [`${c.channel} at its maximum`] : c.binds.min ? [`${c.channel} at its minimum`] : []));
  out.push(binding.length ? `Binding constraints: ${list(binding)}.` : 'No channel bound is binding: the plan is an interior optimum.');
  return out;
}

function checkSentence(r: ReportInput): string {
  const s = r.contributions.sum_check;
  return `The model’s components add up to the observed total within ${fmtPct(s.relative_error, 2)} (${s.within_2_percent ? 'inside' : 'OUTSIDE'} the 2% check).`;
}

function calibrationSentence(r: ReportInput): string | null {
  const t = r.calibration.tests;
  const left = r.calibration.notes.filter((n) => n.severity === 'error').length;
  if (t.length === 0 && left === 0) return null;
  const used = t.length ? `${plural(t.length, 'lift test')} calibrate the model (${list(t.map((x) => x.label ?? x.channel))}).` : 'No lift test calibrates the model.';
  const parts = [used, agreementSentence(r)].filter((x) => x !== null).join(' ');
  return left ? `${parts} ${plural(left, 'lift test')} could not be used (see Data and model).` : parts;
}

/** Whether the calibrated model agrees with its tests (the agreement table's verdicts, |z| > 2 flagged). */
function agreementSentence(r: ReportInput): string | null {
  const rows = r.calibration.agreement;
  if (!rows || rows.length === 0) return null;
  const flagged = rows.filter((a) => a.disagrees);
  if (flagged.length === 0) return `The model’s implied lift agrees with ${rows.length === 1 ? 'the test' : `all ${rows.length} tests`} (within 2 standard errors).`;
  const named = flagged.map((a) => `${a.label} (z = ${a.z === null ? 'n/a' : `${a.z > 0 ? '+' : ''}${a.z.toFixed(2)}`})`);
  return `The model disagrees with ${flagged.length === 1 ? 'a test' : `${flagged.length} tests`} by more than 2 standard errors: ${list(named)}; see Data and model before acting on ${flagged.length === 1 ? 'its channel' : 'their channels'}.`;
}

export function summarySentences(r: ReportInput): string[] {
  const verdict = gateVerdict(r.diagnostics.gates, failedChains(r.metadata), r.metadata.sampler.chains);
  const reliability = reliabilitySentence(verdict);
  // A reader must learn that the numbers are shaky before reading them, not after.
  const early = verdict.level !== 'sound';
  return [
    dataSentence(r),
    early ? reliability : null,
    ...contributionSentences(r),
    roasSentence(r),
    saturationSentence(r),
    ...budgetSentences(r, verdict.level),
    calibrationSentence(r),
    checkSentence(r),
    early ? null : reliability,
  ].filter((s): s is string => s !== null);
}

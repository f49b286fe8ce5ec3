// The checks as a few lines of plain text (the CLI prints them to stderr).
import type { CheckMetrics, HoldoutResult, RefitHealth, SensitivityResult } from './types';

const pct = (v: number | null, d = 1) => (v === null ? '—' : `${(100 * v).toFixed(d)}%`);
const fix = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));

function metricsLine(label: string, m: CheckMetrics | null): string {
  if (!m) return `  ${label.padEnd(28)} —\n`;
  return `  ${label.padEnd(28)} MAPE ${pct(m.mape).padStart(6)}  wMAPE ${pct(m.wmape).padStart(6)}  50% cov ${pct(m.coverage_50, 0).padStart(4)}  90% cov ${pct(m.coverage_90, 0).padStart(4)}  (${m.periods} periods)\n`;
}

function healthLine(label: string, h: RefitHealth | null): string {
  if (!h) return '';
  const failing = Object.entries(h.gates).filter(([, g]) => g.status === 'fail').map(([k]) => k);
  return failing.length > 0 ? `  warning: the ${label} failed ${failing.join(', ')}; its numbers are provisional\n` : '';
}

export function describeHoldout(h: HoldoutResult): string {
  return (
    `hold-out: trained on ${h.train.first}..${h.train.last} (${h.train.rows}), held out ${h.test.first}..${h.test.last} (${h.test.rows})\n` +
    metricsLine('full run, in sample', h.in_sample_full_run) +
    metricsLine('training refit, in sample', h.in_sample) +
    metricsLine('training refit, held out', h.out_of_sample) +
    healthLine('hold-out refit', h.refit)
  );
}

export function describeSensitivity(s: SensitivityResult): string {
  const lines = [`prior sensitivity (vague = every prior widened ×${s.vague_factor}; ${s.user_fit === 'run' ? 'your priors = the run itself' : 'your priors refitted'}):`];
  if (s.flagged.length === 0) lines.push('  no parameter flagged: the data dominate every prior and a vague prior moves no estimate by more than 1 sd');
  for (const p of s.parameters.filter((x) => x.prior_dominates || x.prior_sensitive)) {
    lines.push(`  ${p.key.padEnd(30)} contraction ${fix(p.contraction)}  shift ${fix(p.shift)} sd  ${p.note ?? ''}`);
  }
  if (s.comparison) for (const r of s.comparison) lines.push(`  ${r.name.padEnd(30)} elpd_loo ${r.elpd.toFixed(1)}  elpd_diff ${r.elpd_diff.toFixed(1)} ± ${r.se_diff.toFixed(1)}`);
  else lines.push(`  no LOO comparison: ${s.comparison_error}`);
  return lines.join('\n') + '\n' + healthLine('refit with your priors', s.refits.user) + healthLine('vague refit', s.refits.vague);
}

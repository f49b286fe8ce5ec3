// `npm run bench -- unseen [N]`: N (default 40) datasets drawn from the model family
// (tests/unseen/simulate.ts) through the run pipeline (tests/unseen/pipeline.ts) with
// 4 chains × (500 + 500), fitted with the priors matched to the generator's scaling (exact
// SBC: coverage must be nominal); `unseen-default` fits the same sets with MODEL.md's default
// priors as a user would (approximate). Per set its shape, sampler health, whether each channel's 90% ROAS
// interval holds the true ROAS, the sum check and the budget problems; overall the coverage
// with its binomial 95% band, coverage by the generator's rescaling M (the approximation
// simulate.ts explains), the share of fits with R-hat > 1.01, the wall time, and the SBC table
// (./unseen-sbc.ts): ranks of every true parameter and ROAS among 99 thinned draws per family,
// chi-square, the simultaneous ECDF band and a direction hint — exact only with matched priors.
//
// Results at 2698969 (src), 2026-11-23, 2 shared cores:
// - matched priors (exact SBC), seeds 1–160: 532/577 ROAS intervals hold the truth = 0.922
//   (nominal 0.90; binomial 95% band for independent intervals ≈ 0.876–0.925; intervals in one
//   set are correlated, so the real band is wider); logistic 279/295 = 0.946 (above that
//   band), Hill 253/282 = 0.897. R-hat > 1.01 in 23/160 fits, divergences in 71/160 (mostly
//   Hill). Sum check within 2% in 159/160 (seed 106: 2.1%, the tight matched intercept prior).
// - default priors, seeds 1–60: 194/218 = 0.890 (band 187–204); Hill 95/111 = 0.856, sets
//   with M > 20: 47/54; R-hat > 1.01 in 19/60, divergences in 39/60.
// - budget problems: 6 per set, all constraints honoured and every infeasible set said so;
//   after the mean-allocation fix (38b01f6) two Hill sets (136, 142) still had plans 7e-5 and
//   8e-6 short of optimal with channels at their maximum; not so with the bound-snapping
//   change in progress in src/analysis (not committed when this ran).
// - SBC ranks (./unseen-sbc.ts) at 9045160+722b4d6, matched priors, seeds 1–60 (4 × (500 + 500),
//   1296 s): every family inside the 95% ECDF band with chi-square p ≥ 0.07 (intercept n 60,
//   y_sigma 60, adstock_alpha 218, lam 107, kappa 111, slope 111, beta 218, fourier 240, ROAS
//   218) except gamma_control (n 110): chi² 36.9 (19) p 0.008 and the ECDF leaves the band at
//   z 0.94 — no rank in 94–99 (expected 6.6; 0.94^110 = 0.001), zMean −0.7: a truth above
//   almost all draws never happened. One family of 13 rows, not replicated yet; the per-kind
//   split of gamma_control was added after this run. Coverage 200/218 = 0.917; 0 ESS < 99.
// - Replication, seeds 61–120 at 6679a7b+ (1568 s): every family and sub-family inside the band,
//   gamma_control n 90 chi² 13.7 (17) p 0.685 (big random walk, event, random walk, trend all
//   inside); the lowest p is intercept's 0.054. Coverage 204/220 = 0.927. So the seeds 1–60
//   gamma_control result reads as chance (13 families × 2 runs); the event-dummy sub-family
//   (n 17) showed ends-heavy ranks (zEnds 2.8), too few to say more.
// - Hill models sampled with β as log β (7ea8656, src/engine/mmm/pack.ts HILL_PARAMETERISATION),
//   seeds 1–40, matched priors (1016 s on 2 cores shared with other work): the 22 Hill sets
//   diverged in 11 fits, 83 draws in all (before: 19 fits, 369 draws, same sets and seeds);
//   Hill ROAS coverage 64/75 (before 65/75), the 18 logistic sets bit-identical (65/68);
//   every SBC family inside the 95% ECDF band, roas (hill) zEnds 2.6 (before 2.3 on the
//   same sets): the same sets' ranks, not the new coordinates.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePool } from '../src/node/node-pool';
import { logGamma } from '../src/model/priors';
import { simulate } from '../tests/unseen/simulate';
import { runUnseen, type UnseenOutcome } from '../tests/unseen/pipeline';
import { printSbcTable } from './unseen-sbc';
import { SBC_L } from '../tests/unseen/truth-ranks';

const SETTINGS = { chains: 4, warmup: 500, draws: 500, seed: 1, adapt_delta: 0.8, max_treedepth: 10, metric: 'diag_e' as const };

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomCdf(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= k; i++) s += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return s;
}

/** Central 95% range of covered counts out of n if coverage were nominal (independent intervals). */
export function binomialBand(n: number, p = 0.9): [number, number] {
  let lo = 0;
  while (lo < n && binomCdf(lo, n, p) < 0.025) lo++;
  let hi = n;
  while (hi > 0 && 1 - binomCdf(hi - 1, n, p) < 0.025) hi--;
  return [lo, hi];
}

function line(r: UnseenOutcome): string {
  const cov = r.roas.map((c) => (c.covered ? '✓' : '✗')).join('');
  return (
    `seed ${String(r.seed).padStart(3)}  T ${String(r.T).padStart(3)}  C ${r.channels}  ${r.saturation.padEnd(8)} ` +
    `controls [${r.controls.join(',')}]  from ${r.firstDate}  M ${r.rescaledFrom.toFixed(1).padStart(6)}  ` +
    `div ${String(r.divergences).padStart(4)}  R-hat ${r.maxRhat.toFixed(3)}  ESS ${r.minEssBulk.toFixed(0).padStart(5)}  ` +
    `ROAS in 90% ${cov.padEnd(6)}  sum err ${r.sumCheck ? (100 * r.sumCheck.relative_error).toFixed(2) + '%' : 'n/a'}  ` +
    `budget ${r.constraintSets.feasible}f/${r.constraintSets.infeasible}i  ${r.fitSeconds.toFixed(1)} s`
  );
}

function coverage(rows: UnseenOutcome[], label: string): void {
  const all = rows.flatMap((r) => r.roas);
  const k = all.filter((c) => c.covered).length;
  if (all.length === 0) return console.log(`${label}: no channels`);
  const [lo, hi] = binomialBand(all.length);
  const flag = k < lo ? '  BELOW the band' : k > hi ? '  above the band' : '';
  console.log(`${label}: ${k}/${all.length} = ${(k / all.length).toFixed(3)} (95% band if nominal 0.90: ${lo}–${hi})${flag}`);
}

/** `unseen [N] [FIRST]`: N sets from seed FIRST (default 1), so runs can be extended without refitting. */
export async function benchUnseen(args: string[] = [], priors: 'default' | 'matched' = 'matched'): Promise<void> {
  const n = Number(args[0] ?? 40);
  const first = Number(args[1] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench unseen: N must be a whole number ≥ 1, got ${args[0]}`);
  if (!Number.isInteger(first) || first < 1) throw new Error(`bench unseen: FIRST must be a whole number ≥ 1, got ${args[1]}`);
  const what = priors === 'matched' ? 'priors matched to the generator (exact SBC)' : "MODEL.md's default priors (approximate calibration)";
  console.log(`${n} simulated sets (seeds ${first}–${first + n - 1}), ${SETTINGS.chains} chains × (${SETTINGS.warmup} + ${SETTINGS.draws}), 2 workers, ${what}`);
  const t0 = performance.now();
  const pool = createNodePool(SETTINGS.chains, 2);
  const rows: UnseenOutcome[] = [];
  try {
    for (let seed = first; seed < first + n; seed++) {
      const r = await runUnseen(simulate(seed), pool, SETTINGS, { priors });
      rows.push(r);
      console.log(line(r));
      for (const c of r.roas) if (!c.covered) console.log(`      ${c.channel} (${c.pattern}): true ROAS ${c.truth.toPrecision(4)}, 90% interval ${c.q05?.toPrecision(4)} … ${c.q95?.toPrecision(4)}`);
      for (const p of r.problems) console.log(`      PROBLEM ${p}`);
      // A long study can be cut short: the table so far every 20 sets.
      if ((seed - first + 1) % 20 === 0 && seed < first + n - 1) printSbcTable(rows, priors);
    }
  } finally {
    pool.dispose();
  }
  console.log('');
  coverage(rows, 'coverage of 90% ROAS intervals, all sets');
  coverage(rows.filter((r) => r.rescaledFrom <= 5), '  sets with M ≤ 5');
  coverage(rows.filter((r) => r.rescaledFrom > 5 && r.rescaledFrom <= 20), '  sets with 5 < M ≤ 20');
  coverage(rows.filter((r) => r.rescaledFrom > 20), '  sets with M > 20');
  for (const sat of ['logistic', 'hill']) coverage(rows.filter((r) => r.saturation === sat), `  ${sat}`);
  const over = rows.filter((r) => !(r.maxRhat <= 1.01)).length;
  console.log(`fits with max R-hat > 1.01: ${over}/${rows.length}; with divergences: ${rows.filter((r) => r.divergences > 0).length}/${rows.length}`);
  console.log(`sum check within 2%: ${rows.filter((r) => r.sumCheck?.within_2_percent).length}/${rows.length}`);
  console.log(`sets with problems: ${rows.filter((r) => r.problems.length > 0).length}/${rows.length}`);
  printSbcTable(rows, priors);
  // The raw ranks, so a family can be broken down later without refitting.
  const file = join(tmpdir(), `carryover-unseen-ranks-${priors}-${first}-${first + n - 1}.json`);
  const sets = rows.map((r) => ({ seed: r.seed, saturation: r.saturation, controls: r.controls, M: r.rescaledFrom, maxRhat: r.maxRhat, divergences: r.divergences, ranks: r.ranks }));
  writeFileSync(file, JSON.stringify({ priors, L: SBC_L, settings: SETTINGS, sets }));
  console.log(`SBC ranks per set written to ${file}`);
  console.log(`wall time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

// The SBC table of `npm run bench -- unseen`: per parameter family, the ranks of the truth
// among L = 99 thinned draws pooled over the sets (tests/unseen/truth-ranks.ts), with
// Pearson's chi-square on binned ranks, whether the ECDF stays in the simultaneous 95% band
// of Säilynoja, Bürkner & Vehtari 2022 (Statistics and Computing 32:32, §2.2, by simulation
// with a fixed seed) and a direction hint (src/checks/sbc.ts).
import { HINT_Z, uniformityReport } from '../src/checks/sbc';
import type { UnseenOutcome } from '../tests/unseen/pipeline';
import { SBC_L, type RankRecord } from '../tests/unseen/truth-ranks';

const FAMILY_ORDER = ['intercept', 'y_sigma', 'adstock_alpha', 'saturation_lam', 'saturation_kappa', 'saturation_slope', 'saturation_beta', 'gamma_control', 'gamma_fourier', 'roas'];
/** Families also shown per saturation kind (their meaning or identification differs between the two). */
const SPLIT = new Set(['saturation_beta', 'roas']);
/** Families also shown per the generator's kind of the scalar (RankRecord.group): controls by kind. */
const BY_GROUP = new Set(['gamma_control']);

interface Group {
  label: string;
  records: RankRecord[];
}

function groups(rows: UnseenOutcome[]): Group[] {
  const out: Group[] = [];
  const families = [...new Set(rows.flatMap((r) => r.ranks.map((x) => x.family)))];
  families.sort((a, b) => (FAMILY_ORDER.indexOf(a) + 1 || 99) - (FAMILY_ORDER.indexOf(b) + 1 || 99));
  for (const f of families) {
    out.push({ label: f, records: rows.flatMap((r) => r.ranks.filter((x) => x.family === f)) });
    if (BY_GROUP.has(f)) {
      const records = rows.flatMap((r) => r.ranks.filter((x) => x.family === f));
      for (const g of [...new Set(records.map((x) => x.group ?? 'other'))].sort()) out.push({ label: `  ${f} (${g})`, records: records.filter((x) => (x.group ?? 'other') === g) });
    }
    if (!SPLIT.has(f)) continue;
    for (const sat of ['logistic', 'hill']) {
      const records = rows.filter((r) => r.saturation === sat).flatMap((r) => r.ranks.filter((x) => x.family === f));
      if (records.length > 0) out.push({ label: `  ${f} (${sat})`, records });
    }
  }
  return out;
}

function row(g: Group): string {
  const rep = uniformityReport(g.records.map((x) => x.rank), SBC_L);
  if (!rep) return `${g.label.padEnd(28)} no ranks`;
  const lowEss = g.records.filter((x) => !(x.ess !== null && x.ess >= SBC_L)).length;
  const chi = `${rep.chiSquare.statistic.toFixed(1).padStart(6)} (${String(rep.chiSquare.df).padStart(2)})  p ${rep.chiSquare.p.toFixed(3)}`;
  const w = rep.ecdf.worst;
  const ecdf = rep.ecdf.inside ? 'inside ' : `OUTSIDE at z ${w.z.toFixed(2)} (${w.count} of ${rep.n}, band ${w.lower}–${w.upper})`;
  const z = `zMean ${rep.shape.zMean.toFixed(1).padStart(5)}  zEnds ${rep.shape.zEnds.toFixed(1).padStart(5)}`;
  return `${g.label.padEnd(28)} ${String(rep.n).padStart(5)}  ${String(lowEss).padStart(6)}  ${chi}  ${z}  ${ecdf}${rep.hint ? '  → ' + rep.hint : ''}`;
}

/** Prints the SBC table of the sets fitted so far; `priors` says whether the check is exact. */
export function printSbcTable(rows: UnseenOutcome[], priors: 'default' | 'matched'): void {
  const sets = rows.filter((r) => r.ranks.length > 0).length;
  console.log(`\nSBC ranks of the truth among L = ${SBC_L} thinned draws (Talts et al. 2018 §4.1), ${sets} sets, pooled per family:`);
  if (priors === 'default')
    console.log(
      "  NOT an exact SBC check: with MODEL.md's default priors the truth (prior draw / M) is not a draw from the fitted prior, so ranks need not be uniform even for a correct sampler. Only `unseen` (matched priors) is exact.",
    );
  console.log('  chi² on binned ranks (df); ECDF vs the simultaneous 95% band of Säilynoja, Bürkner & Vehtari 2022 (Stat. Comput. 32:32, §2.2, simulated, fixed seed);');
  console.log(`  zMean > 0: truth above the posterior; zEnds > 0: ranks at the ends (too narrow), < 0: in the middle (too wide); hint at |z| > ${HINT_Z}.`);
  console.log('  ESS<L: ranks from fits whose bulk ESS for that scalar was below L (thinned draws still autocorrelated: piles ranks at the ends).');
  console.log("  Caveats: ranks of one set's channels are pooled although not independent; ~1 in 20 families fails at 5% by chance.");
  console.log(`${'family'.padEnd(28)} ${'n'.padStart(5)}  ${'ESS<L'.padStart(6)}  ${'chi² (df)'.padStart(11)}  p-value  ${'shape'.padEnd(24)}  ECDF in 95% band`);
  for (const g of groups(rows)) console.log(row(g));
}

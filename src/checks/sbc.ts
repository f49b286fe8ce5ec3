// Simulation-based calibration, the pure part: ranks of the truth among thinned draws
// (./sbc-ranks.ts) and the verdict on one pooled family of ranks — chi-square on the binned
// ranks, the simultaneous ECDF band of Säilynoja, Bürkner & Vehtari 2022 (./sbc-ecdf.ts) and
// a direction hint (./sbc-uniformity.ts). Used by the unseen-data bench (bench/unseen.ts).
import { ecdfBand, ecdfInBand, type BandOptions, type EcdfCheck } from './sbc-ecdf';
import { chiSquareUniform, directionHint, rankShape, type ChiSquareResult, type RankShape } from './sbc-uniformity';

export { thinnedIndices, sbcRank } from './sbc-ranks';
export { ecdfBand, ecdfInBand, type EcdfBand, type EcdfCheck, type BandOptions } from './sbc-ecdf';
export { chiSquareUniform, defaultBins, directionHint, rankShape, HINT_Z, type ChiSquareResult, type RankShape } from './sbc-uniformity';
export { gammaQ } from '../diagnostics/special';

export interface UniformityReport {
  n: number;
  L: number;
  chiSquare: ChiSquareResult;
  ecdf: EcdfCheck;
  /** γ* of the band used (pointwise level behind the simultaneous one). */
  bandGamma: number;
  shape: RankShape;
  /** '' when no direction stands out. */
  hint: string;
}

/** Everything the bench prints for one family: ranks in {0, …, L}, band at simultaneous coverage prob. */
export function uniformityReport(ranks: ArrayLike<number>, L: number, prob = 0.95, band: BandOptions = {}): UniformityReport | null {
  if (ranks.length === 0) return null;
  const b = ecdfBand(ranks.length, L + 1, prob, band);
  const shape = rankShape(ranks, L);
  return { n: ranks.length, L, chiSquare: chiSquareUniform(ranks, L), ecdf: ecdfInBand(ranks, b), bandGamma: b.gamma, shape, hint: directionHint(shape) };
}

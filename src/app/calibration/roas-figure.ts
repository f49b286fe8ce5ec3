// The ROAS forest of the calibration panel: one row per calibrated channel, its prior and its
// posterior ROAS over the data window (90% intervals) on one axis — ROAS is per unit of spend,
// so channels compare on it. The range centres on the posteriors (focus-range.ts): a vague
// prior (dev_workspace_hill: radio's 43 [2.8, 121] against a posterior of 1.27 [0.92, 1.69])
// otherwise leaves every posterior a dot at zero. A prior that runs past the range is drawn to
// the edge with its numbers written there. Pure: tested in Node.
import type { Estimate } from '../../core/types';
import { LEGEND_BELOW, forestHeight, forestTrace, forestYAxis, rowOffsets } from '../priors/forest';
import { focusRange, type Interval } from './focus-range';
import { COLOURS, clipNote, edgeArrow, type Figure } from './lift-figure';

export interface RoasRow {
  label: string;
  prior: Estimate;
  posterior: Estimate;
}

const spans = (e: Estimate): Interval[] => [
  { lo: e.q05 ?? NaN, hi: e.q95 ?? NaN },
  { lo: e.mean ?? NaN, hi: e.mean ?? NaN },
];

export function roasFigure(rows: readonly RoasRow[]): Figure & { height: number } {
  const [o0, o1] = rowOffsets(2);
  const { range, clipped } = focusRange(rows.flatMap((r) => spans(r.posterior)), rows.flatMap((r) => spans(r.prior)));
  const annotations = rows.flatMap((r, i) => {
    const clip = { lo: clipped[2 * i].lo || clipped[2 * i + 1].lo, hi: clipped[2 * i].hi || clipped[2 * i + 1].hi };
    return clip.lo || clip.hi ? [clipNote(r.prior, clip, range, i + o0), ...edgeArrow(r.prior, range, i + o0)] : [];
  });
  return {
    height: forestHeight(rows.length),
    data: [forestTrace('Prior', rows.map((r) => r.prior), COLOURS.prior, o0), forestTrace('Posterior', rows.map((r) => r.posterior), COLOURS.posterior, o1)],
    layout: {
      title: { text: 'ROAS over the data window: prior vs posterior (90%)' },
      xaxis: { title: { text: 'Return per unit of spend' }, range, zeroline: true },
      yaxis: forestYAxis(rows.map((r) => r.label), 'Channel'),
      legend: LEGEND_BELOW,
      annotations,
    },
  };
}

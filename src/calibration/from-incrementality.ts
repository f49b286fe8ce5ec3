// The measurement workspace's analysis/incrementality_results.json (MODEL.md §6–7):
// [{channel, lift, ci_lower, ci_upper, start_date?, end_date?, spend?, metric?}], totals over
// the test window. Mapped to per-period units with n = periods in the window:
//   x = mean data spend per period in the window, delta_x = spend / n, delta_y = lift / n,
//   sigma = (ci_upper − ci_lower) / (2 · 1.645 · n)   (a 90% normal interval).
import type { Dataset } from '../core/types';
import { checkLiftTest } from './checks';
import { checkMetric, readWindow, windowLabel } from './dated';
import type { DecimalMarks } from './decimal-marks';
import { RecordReader } from './fields';
import type { CalibratedLiftTest, LiftImport } from './types';
import { meanSpend } from './window';

/** z of a two-sided 90% normal interval. */
export const Z90 = 1.645;

export function liftTestsFromIncrementality(records: Array<Record<string, unknown>>, file: string, data: Dataset, firstRow = 1, marks?: DecimalMarks): LiftImport {
  const out: LiftImport = { tests: [], issues: [] };
  records.forEach((rec, i) => {
    const r = new RecordReader(rec, file, firstRow + i, out.issues, marks);
    const ch = r.channel(data);
    const lift = r.number('lift', 'The measured incremental outcome over the test window.');
    const lo = r.number('ci_lower', 'Lower end of the 90% interval of the lift.');
    const hi = r.number('ci_upper', 'Upper end of the 90% interval of the lift.');
    const spend = r.number('spend', 'The incremental spend of the test (needed for delta_x).');
    const metric = checkMetric(r, data);
    const w = ch === undefined ? undefined : readWindow(r, data, ch, 'start_date', 'end_date');
    if (!r.ok || ch === undefined || w === undefined) return;
    const at = { channel: data.channels[ch].name };
    if (!(lo! < hi!)) {
      r.error(`the interval is empty or reversed (ci_lower ${lo} ≥ ci_upper ${hi})`, { ...at, column: 'ci_lower', hint: 'Give ci_lower < ci_upper.' });
      return;
    }
    if (lift! < lo! || lift! > hi!) {
      r.error(`the lift ${lift} lies outside its interval [${lo}, ${hi}]`, { ...at, column: 'lift', hint: 'Check that lift and interval belong to the same test and units.' });
      return;
    }
    const n = w.periods;
    const t = { x: meanSpend(w), delta_x: spend! / n, delta_y: lift! / n, sigma: (hi! - lo!) / (2 * Z90 * n) };
    if (!checkLiftTest(r, data, ch, t)) return;
    const test: CalibratedLiftTest = {
      channel: at.channel,
      ...t,
      label: windowLabel(at.channel, w),
      source: 'incrementality',
      file,
      row: r.row,
      window: w,
      metric,
      given: { lift: lift!, ci_lower: lo!, ci_upper: hi!, spend: spend!, start_date: w.start, end_date: w.end },
    };
    out.tests.push(test);
  });
  return out;
}

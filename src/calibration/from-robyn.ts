// Robyn's calibration_input rows: channel, liftStartDate, liftEndDate, liftAbs, spend,
// confidence (a fraction, "0.85" / "0,85", or a percentage, "85%"), calibration_scope
// (+ metric, and here an optional sigma: the standard error of liftAbs, a window total).
// Robyn gives no standard error: sigma defaults to 25% of |liftAbs| / n (MODEL.md §6).
// `confidence` and `calibration_scope` are kept for display; Robyn's own checks (R/R/checks.R,
// check_calibration) are repeated: confidence < 0.8 warns, scope is immediate|total, the
// spend is compared with the data's spend in the window.
import type { Dataset } from '../core/types';
import { checkLiftTest } from './checks';
import { checkMetric, readWindow, windowLabel } from './dated';
import type { DecimalMarks } from './decimal-marks';
import { RecordReader } from './fields';
import type { CalibratedLiftTest, LiftImport, LiftImportOptions } from './types';
import { meanSpend } from './window';

export function liftTestsFromRobynRows(
  records: Array<Record<string, unknown>>,
  file: string,
  data: Dataset,
  opts: LiftImportOptions = {},
  firstRow = 2,
  marks?: DecimalMarks,
): LiftImport {
  const meaning = opts.robynSpend ?? 'incremental';
  const fraction = opts.robynSigmaFraction ?? 0.25;
  const out: LiftImport = { tests: [], issues: [] };
  records.forEach((rec, i) => {
    const r = new RecordReader(rec, file, firstRow + i, out.issues, marks);
    const ch = r.channel(data);
    const liftAbs = r.number('liftAbs', 'The measured incremental outcome over the test window.');
    const spend = r.number('spend', 'The spend of the test.');
    const confidence = r.fraction('confidence', '', false);
    const scope = r.text('calibration_scope', '', false) ?? 'immediate';
    const sigmaGiven = r.number('sigma', '', false);
    const metric = checkMetric(r, data);
    const w = ch === undefined ? undefined : readWindow(r, data, ch, 'liftStartDate', 'liftEndDate');
    if (scope !== 'immediate' && scope !== 'total') {
      r.error(`calibration_scope "${scope}" is not immediate or total`, { column: 'calibration_scope', hint: 'Robyn accepts "immediate" or "total".' });
    }
    if (confidence !== undefined && !(confidence > 0 && confidence <= 1)) r.error(...confidenceOutside(confidence));
    if (!r.ok || ch === undefined || w === undefined) return;
    const name = data.channels[ch].name;
    if (confidence !== undefined && confidence < 0.8) {
      r.warn(`confidence ${confidence} is below 0.8: a low-confidence test (Robyn's rule)`, { channel: name, column: 'confidence' });
    }
    const nearDataSpend = Math.abs(spend! - w.data_spend) <= 0.1 * Math.abs(w.data_spend);
    if (meaning === 'incremental' && nearDataSpend) {
      r.warn(
        `spend ${spend} is the channel's whole spend in the window (data: ${Math.round(w.data_spend)}), as Robyn defines it; ` +
          'read as the extra spend of the test on top of the data’s spend, it doubles the spend level',
        { channel: name, column: 'spend', hint: 'If liftAbs is the effect of all of that spend (a holdout test), import with "spend is the channel total".' },
      );
    }
    const n = w.periods;
    const t = {
      x: meaning === 'incremental' ? meanSpend(w) : 0,
      delta_x: spend! / n,
      delta_y: liftAbs! / n,
      // A given sigma is the standard error of liftAbs, a window total like liftAbs itself.
      sigma: (sigmaGiven !== undefined ? sigmaGiven : fraction * Math.abs(liftAbs!)) / n,
    };
    if (!checkLiftTest(r, data, ch, t)) return;
    const test: CalibratedLiftTest = {
      channel: name,
      ...t,
      label: windowLabel(name, w),
      source: 'robyn',
      file,
      row: r.row,
      window: w,
      confidence,
      calibration_scope: scope,
      metric,
      given: { liftAbs: liftAbs!, spend: spend!, liftStartDate: w.start, liftEndDate: w.end },
    };
    out.tests.push(test);
  });
  return out;
}

/**
 * A confidence outside (0, 1] leaves the row out: Robyn's check_calibration only warns below
 * 0.8, but a share above 1 or at most 0 is no confidence: a wrong column or a typo, which a
 * guess (85 → 0.85) would hide. A value in (1, 100] may be a percentage without '%': the hint
 * says how to write it.
 */
function confidenceOutside(c: number): [string, { column: string; hint: string }] {
  const percent = c > 1 && c <= 100;
  return [
    `confidence ${c} is not in (0, 1]: the test is left out`,
    {
      column: 'confidence',
      hint: `Give the test’s confidence as a fraction in (0, 1], e.g. 0.9, or a percentage, e.g. 90%${percent ? `; if ${c} is a percentage, write ${c / 100} or ${c}%` : ''}.`,
    },
  ];
}

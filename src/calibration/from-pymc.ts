// PyMC-Marketing's lift-test rows: `channel, x, delta_x, delta_y, sigma`, already per period
// and in original units (pymc_marketing.mmm.lift_test, add_lift_test_measurements).
import type { Dataset } from '../core/types';
import { checkLiftTest } from './checks';
import type { DecimalMarks } from './decimal-marks';
import { RecordReader } from './fields';
import type { CalibratedLiftTest, LiftImport } from './types';

export function liftTestsFromPymcRows(records: Array<Record<string, unknown>>, file: string, data: Dataset, firstRow = 2, marks?: DecimalMarks): LiftImport {
  const out: LiftImport = { tests: [], issues: [] };
  records.forEach((rec, i) => {
    const r = new RecordReader(rec, file, firstRow + i, out.issues, marks);
    const ch = r.channel(data);
    const x = r.number('x', 'Spend per period before the test.');
    const delta_x = r.number('delta_x', 'Change of spend per period during the test.');
    const delta_y = r.number('delta_y', 'Measured change of the outcome per period.');
    const sigma = r.number('sigma', 'Standard error of delta_y.');
    if (!r.ok || ch === undefined) return;
    const t = { x: x!, delta_x: delta_x!, delta_y: delta_y!, sigma: sigma! };
    if (!checkLiftTest(r, data, ch, t)) return;
    const name = data.channels[ch].name;
    const test: CalibratedLiftTest = {
      channel: name,
      ...t,
      label: r.text('label', '', false) ?? `${name} row ${r.row}`,
      source: 'pymc',
      file,
      row: r.row,
      given: { ...t },
    };
    out.tests.push(test);
  });
  return out;
}

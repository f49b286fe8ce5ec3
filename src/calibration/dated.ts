// Shared by the two dated input shapes (Robyn rows and incrementality_results.json): the
// test window, the metric check, and the per-period conversion of MODEL.md §6.
import type { Dataset } from '../core/types';
import type { RecordReader } from './fields';
import type { ResolvedWindow } from './types';
import { resolveWindow } from './window';

export function readWindow(r: RecordReader, data: Dataset, channel: number, startCol: string, endCol: string): ResolvedWindow | undefined {
  const hint = 'Give the test window so its weeks and spend can be read from the data.';
  const start = r.date(startCol, hint);
  const end = r.date(endCol, hint);
  if (start === undefined || end === undefined) return undefined;
  const w = resolveWindow(data, channel, start, end);
  const at = { channel: data.channels[channel].name };
  if ('kind' in w) {
    if (w.kind === 'order') r.error(`the test ends (${end}) before it starts (${start})`, { ...at, column: endCol, hint: 'Swap the dates.' });
    else
      r.error(`the test window ${start} .. ${end} is not inside the data (${w.dataFirst} .. ${w.dataEnd})`, {
        ...at,
        column: startCol,
        hint: 'Use tests run during the modelled period, or import data that covers the test.',
      });
    return undefined;
  }
  if (!w.aligned) {
    r.warn(
      `the test window ${start} .. ${end} cuts through ${data.grain === 'week' ? 'weeks' : 'periods'}: ` +
        `x is the mean over the ${w.last - w.first + 1} overlapping periods and n = ${w.periods.toFixed(2)}`,
      { ...at, column: startCol },
    );
  }
  return w;
}

// Outcome names that measure the same thing under different labels (the workspace calls the
// target `revenue` where its source data said `sales`), and those that do not mix.
const FAMILIES: Array<{ kind: string; names: string[] }> = [
  { kind: 'money', names: ['revenue', 'sales', 'turnover', 'gmv', 'income', 'value', 'conversion_value'] },
  { kind: 'count', names: ['conversions', 'orders', 'purchases', 'transactions', 'signups', 'leads', 'installs', 'units'] },
];
const family = (name: string) => FAMILIES.find((f) => f.names.includes(name.toLowerCase().replace(/[\s-]/g, '_')))?.kind;

/**
 * MODEL.md §6: `metric` names the target the lift is measured in (default: the model's).
 * A metric that is another column of the data, or a known outcome of another kind (counts vs
 * money), is an error; an unknown name or a synonym of the same kind is read as the target,
 * with a warning.
 */
export function checkMetric(r: RecordReader, data: Dataset): string | undefined {
  const metric = r.text('metric', '', false);
  const target = data.target.name;
  if (metric === undefined || metric.toLowerCase() === target.toLowerCase()) return metric;
  const other = [...data.channels.map((c) => c.name), ...data.controls.map((c) => c.name)].find((n) => n.toLowerCase() === metric.toLowerCase());
  const [fm, ft] = [family(metric), family(target)];
  if (other !== undefined || (fm !== undefined && ft !== undefined && fm !== ft)) {
    r.error(`the lift is measured in "${metric}" but the model's target is "${target}"`, {
      column: 'metric',
      hint: `Only tests measured in ${target} can calibrate this model; convert the lift or leave the test out.`,
    });
  } else {
    r.warn(`the lift's metric "${metric}" is read as the model's target "${target}"`, {
      column: 'metric',
      hint: `Check the lift is in the same units as ${target}; if not, convert it or leave the test out.`,
    });
  }
  return metric;
}

export function windowLabel(channel: string, w: ResolvedWindow): string {
  return `${channel} ${w.start}..${w.end}`;
}

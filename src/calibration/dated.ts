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

/** MODEL.md §6: `metric` names the target the lift is measured in (default: the model's). */
export function checkMetric(r: RecordReader, data: Dataset): string | undefined {
  const metric = r.text('metric', '', false);
  if (metric !== undefined && metric !== data.target.name) {
    r.error(`the lift is measured in "${metric}" but the model's target is "${data.target.name}"`, {
      column: 'metric',
      hint: `Only tests measured in ${data.target.name} can calibrate this model; convert the lift or leave the test out.`,
    });
  }
  return metric;
}

export function windowLabel(channel: string, w: ResolvedWindow): string {
  return `${channel} ${w.start}..${w.end}`;
}

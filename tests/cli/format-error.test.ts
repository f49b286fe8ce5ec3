import { describe, expect, it } from 'vitest';
import { formatUserError } from '../../src/cli/format-error';

describe('formatUserError', () => {
  it('says file, row, column and channel before the message, with the hint after', () => {
    expect(formatUserError({ severity: 'error', file: 'a.csv', row: 3, column: 'tv', channel: 'tv', message: 'spend is negative', hint: 'fix it' })).toBe(
      'error: a.csv, row 3, column "tv", channel "tv": spend is negative (fix it)',
    );
  });
  it('does not repeat a place the message already names', () => {
    expect(formatUserError({ severity: 'error', channel: 'x1', column: 'x1', message: 'channel "x1" has 3 future values for 4 periods' })).toBe(
      'error: column "x1": channel "x1" has 3 future values for 4 periods',
    );
    expect(formatUserError({ severity: 'warning', channel: 'x1', message: 'channel "x1" read as "X1"' })).toBe('warning: channel "x1" read as "X1"');
  });
  it('does not repeat a file the message starts with (run directories: found by the session-4 sweep)', () => {
    const file = 'runs/a/inference_data.json';
    expect(formatUserError({ severity: 'error', file, message: `${file} has no posterior group (or it is empty).`, hint: 'Re-export the run.' })).toBe(
      'error: runs/a/inference_data.json has no posterior group (or it is empty). (Re-export the run.)',
    );
    // A file named later in the message is still the place.
    expect(formatUserError({ severity: 'warning', file: 'x.csv', row: 4, message: 'y in x.csv: no value on 1 week' })).toBe('warning: x.csv, row 4: y in x.csv: no value on 1 week');
  });
  it('names a place that is not a file (source) where a file would stand', () => {
    expect(formatUserError({ severity: 'error', source: 'typed-in table', row: 2, message: 'sigma must be positive' })).toBe('error: typed-in table, row 2: sigma must be positive');
  });
});

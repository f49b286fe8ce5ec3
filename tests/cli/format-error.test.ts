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
  it('names a place that is not a file (source) where a file would stand', () => {
    expect(formatUserError({ severity: 'error', source: 'typed-in table', row: 2, message: 'sigma must be positive' })).toBe('error: typed-in table, row 2: sigma must be positive');
  });
});

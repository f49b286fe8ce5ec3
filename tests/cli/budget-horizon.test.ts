// The default planning horizon is one rule for `run`, `report`, `optimize` and the studio:
// 52 weeks or 91 days, at most the data length; a given horizon must fit in the data.
import { describe, expect, it } from 'vitest';
import { budgetForData } from '../../src/cli/commands/run';
import { DEFAULT_BUDGET } from '../../src/report';
import { defaultHorizon } from '../../src/app/optimize/form';

const horizonOf = (r: ReturnType<typeof budgetForData>) => ('severity' in r ? r : r.horizon);

describe('default budget horizon', () => {
  it('run/report: a quarter of days, a year of weeks, shorter data as it is', () => {
    expect(horizonOf(budgetForData(DEFAULT_BUDGET, false, 400, 'day'))).toBe(91);
    expect(horizonOf(budgetForData(DEFAULT_BUDGET, false, 200, 'week'))).toBe(52);
    expect(horizonOf(budgetForData(DEFAULT_BUDGET, false, 60, 'day'))).toBe(60);
    expect(horizonOf(budgetForData(DEFAULT_BUDGET, false, 30, 'week'))).toBe(30);
  });
  it('is the studio’s default too', () => {
    for (const [grain, rows] of [['day', 400], ['week', 200], ['day', 60], ['week', 30]] as const)
      expect(horizonOf(budgetForData(DEFAULT_BUDGET, false, rows, grain))).toBe(defaultHorizon(grain, rows));
  });
  it('a given horizon is kept when it fits and refused when it does not', () => {
    expect(horizonOf(budgetForData({ ...DEFAULT_BUDGET, horizon: 30 }, true, 400, 'day'))).toBe(30);
    const r = budgetForData({ ...DEFAULT_BUDGET, horizon: 500 }, true, 400, 'day');
    expect('severity' in r && r.severity).toBe('error');
  });
});

import { describe, expect, it } from 'vitest';
import { defaultModelSpec } from '../../src/model/spec';
import { forwardDataFromDataset, type ForwardData } from '../../src/model/forward';
import { completeControls, parseFuturePlanCsv } from '../../src/analysis/future-plan';
import type { FuturePlan } from '../../src/analysis/forecast';
import { dayOfYear } from '../../src/model/features';
import { datasetFromCsv, SHARED } from './helpers';

const data = datasetFromCsv(SHARED('data/synthetic/dev_weekly_logistic/data.csv'), {
  date: 'date',
  target: 'revenue',
  channels: ['tv', 'search', 'social'],
  controls: ['promo_event', 'price_index', 't'],
});
const T = data.dates.length;
data.controls.push({ name: 'q_sin_1', values: Float64Array.from(data.dates, (d) => Math.sin((2 * Math.PI * 4 * dayOfYear(d)) / 365.25)) });
const spec = defaultModelSpec(data, { fourier_order: 2 });
const history = forwardDataFromDataset(data, spec) as ForwardData;

describe('future plan input', () => {
  it('reads a plan CSV and derives the trend and quarterly terms', () => {
    const csv = ['Date;tv;search;social;promo_event;price_index', '2025-12-29;1000,5;2000;0;0;1,2', '2026-01-05;1500;2000;10;1;1,3', ''].join('\n');
    const plan = parseFuturePlanCsv('plan.csv', csv, spec, history) as FuturePlan;
    expect('errors' in plan).toBe(false);
    expect(plan.dates).toEqual(['2025-12-29', '2026-01-05']);
    expect(Array.from(plan.spend.tv)).toEqual([1000.5, 1500]);
    expect(Array.from(plan.controls!.price_index)).toEqual([1.2, 1.3]);
    // t continues the history's 0..T-1.
    expect(Array.from(plan.controls!.t)).toEqual([T, T + 1]);
    expect(plan.controls!.q_sin_1[1]).toBeCloseTo(Math.sin((2 * Math.PI * 4 * dayOfYear('2026-01-05')) / 365.25), 14);
  });

  it('names the missing channel, the bad cell and the underivable control', () => {
    const r1 = parseFuturePlanCsv('p.csv', 'date,tv,search,promo_event,price_index\n2025-12-29,1,2,0,1\n', spec, history);
    expect('errors' in r1 && r1.errors[0]).toMatchObject({ channel: 'social', file: 'p.csv' });
    const r2 = parseFuturePlanCsv('p.csv', 'date,tv,search,social,promo_event,price_index\n2025-12-29,1,abc,3,0,1\n', spec, history);
    expect('errors' in r2 && r2.errors[0]).toMatchObject({ row: 2, column: 'search' });
    const r3 = completeControls(history, spec, { dates: ['2025-12-29'], spend: { tv: [1], search: [1], social: [1] } });
    expect('errors' in r3 && r3.errors.map((e) => e.column)).toEqual(['promo_event', 'price_index']);
  });
});

// The chosen ridge model's base line: intercept, every control (they were left out; on Robyn's
// data competitor_sales_B carries most of the revenue), seasonality and the media total.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RIDGE_SETTINGS, ridgeOptions } from '../../../src/app/ridge/options';
import { baseParts } from '../../../src/app/ridge/views';
import { runRidge } from '../../../src/ridge/run';
import type { RidgeResult } from '../../../src/ridge/types';
import { robynWeekly } from '../../calibration/wide-csv';

describe("the chosen ridge model's base", () => {
  it("lists the intercept, every control, seasonality and the media total (Robyn's data)", () => {
    const data = robynWeekly();
    const r = runRidge(data, ridgeOptions({ ...DEFAULT_RIDGE_SETTINGS, seed: 77, population: 8, generations: 2, replicates: 20 }, data, null)) as RidgeResult;
    const parts = baseParts(r);
    expect(parts.map((p) => p.name)).toEqual(['intercept', ...Object.keys(r.base.controls), 'seasonality', 'media total']);
    expect(Object.keys(r.base.controls).length).toBeGreaterThan(0);
    expect(parts[parts.length - 1].estimate).toBe(r.media_total);
  });
});

// The prior predictive check's sentence: said when the 90% band reaches ≥ 10× the largest
// observed value (the observed series looks flat) or when most observed values fall outside
// the band; nothing otherwise. Constructed bands for the thresholds, and the demo data with
// its default priors (the case seen in the studio: a band of millions around ~5,000).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { priorPredictive } from '../../src/app/model/prior-predictive';
import { priorScaleNote } from '../../src/app/model/prior-scale';
import type { Bands } from '../../src/app/results/bands';
import { loadDataset, type RunRecord } from '../../src/store';

const flat = (n: number, lo: number, hi: number): Bands => ({
  mean: Array(n).fill((lo + hi) / 2),
  q05: Array(n).fill(lo),
  q25: Array(n).fill(lo / 2),
  q75: Array(n).fill(hi / 2),
  q95: Array(n).fill(hi),
});

describe('prior predictive in words', () => {
  const y = [3000, 5000, 8000, 6000];

  it('a band reaching 10× the largest |y| is called far wider, with its ends and the factor', () => {
    expect(priorScaleNote(flat(4, -79_999, 79_999), y, 'y')).toBeNull(); // 9.99×
    const note = priorScaleNote(flat(4, -80_000, 40_000), y, 'y');
    expect(note).toMatch(/^The 90% prior band reaches -80\.0k to 40\.0k, about 10× the largest observed y \(8000\)/);
  });

  it('most observed values outside the band: the priors rule out the data', () => {
    expect(priorScaleNote(flat(4, 0, 5500), y, 'sales')).toBeNull(); // 2 of 4 outside: not most
    expect(priorScaleNote(flat(4, 0, 4000), y, 'sales')).toMatch(/^75% of the observed sales values fall outside the 90% prior band/);
  });

  it('a band around the data says nothing; missing values are skipped', () => {
    expect(priorScaleNote(flat(4, 1000, 12_000), [NaN, 5000, 8000, 6000], 'y')).toBeNull();
    expect(priorScaleNote(flat(0, 0, 1), [], 'y')).toBeNull();
  });

  it("the saved demo run's priors: the band is far wider than the data and the note says so", () => {
    const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
    const data = loadDataset(run.dataset);
    const r = priorPredictive(data, run.inference_data.attrs.model, 300, 1);
    if ('errors' in r) throw new Error(r.errors[0].message);
    const maxY = Math.max(...Array.from(data.target.values, Math.abs));
    const reach = Math.max(...r.bands.q95.map(Math.abs), ...r.bands.q05.map(Math.abs));
    const note = priorScaleNote(r.bands, data.target.values, data.target.name);
    expect(note === null).toBe(reach < 10 * maxY);
  });
});

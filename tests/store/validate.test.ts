// Each kind of damage a stored or imported run can have is caught and named by its path.
import { describe, expect, it } from 'vitest';
import { validateRunRecord } from '../../src/store';
import { fixture } from './helpers';

type Mut = (r: any) => void;

function problems(mutate: Mut): string[] {
  const r = fixture();
  mutate(r);
  return validateRunRecord(r, 'run.json').map((e) => `${e.column}: ${e.message}`);
}

describe('validateRunRecord', () => {
  it('accepts the fixture', () => {
    expect(validateRunRecord(fixture())).toEqual([]);
  });

  const cases: Array<[string, Mut, RegExp]> = [
    ['a missing group', (r) => delete r.inference_data.sample_stats, /^inference_data\.sample_stats: .*is missing/],
    ['a ragged array', (r) => r.inference_data.posterior.adstock_alpha[1][2].pop(), /adstock_alpha: .*not rectangular at \[1\]\[2\] \(length 1, expected 2\)/],
    ['a text value', (r) => (r.inference_data.posterior.y_sigma[0][0] = 'abc'), /y_sigma: .*holds "abc" at \[0\]\[0\]/],
    ['a chain count mismatch', (r) => r.inference_data.posterior.intercept.pop(), /intercept: .*1 chains × 4 draws where other variables have 2 × 4/],
    ['a variable without chain/draw', (r) => (r.inference_data.posterior.intercept = [1, 2]), /intercept: .*does not lead with chain and draw/],
    ['dims not matching the shape', (r) => (r.inference_data.dims.adstock_alpha = ['channel', 'extra']), /dims\.adstock_alpha: .*does not match the 1 dimension/],
    ['missing dims', (r) => delete r.inference_data.dims.gamma_control, /gamma_control: .*no entry in dims/],
    ['coords of the wrong length', (r) => r.inference_data.coords.channel.push('x3'), /adstock_alpha: .*2 entries along channel but coords list 3/],
    ['missing coords', (r) => delete r.inference_data.coords.date, /coords\.date: .*is missing/],
    ['a missing seed', (r) => delete r.inference_data.attrs.seed, /attrs\.seed: .*is not a number/],
    ['a dataset shorter than the fit', (r) => r.dataset.dates.pop(), /dataset\.dates: .*11 periods but observed_data\.y has 12/],
    ['a short channel', (r) => r.dataset.channels[1].spend.pop(), /dataset\.channels\[1\]\.spend: .*11 values for 12 dates/],
    ['another dataset', (r) => (r.dataset.fingerprint = 'other'), /dataset\.fingerprint: .*differs from/],
    ['a newer schema', (r) => (r.schema_version = 2), /schema_version: .*is 2, expected 1/],
    ['no name', (r) => (r.name = ''), /^name: /],
  ];

  for (const [what, mutate, pattern] of cases) {
    it(`names ${what}`, () => {
      const found = problems(mutate);
      expect(found.some((p) => pattern.test(p)), found.join('\n')).toBe(true);
    });
  }

  it('reports the file and a hint the UI can show', () => {
    const r = fixture() as any;
    delete r.inference_data.posterior_predictive;
    const [e] = validateRunRecord(r, 'old-run.json');
    expect(e).toMatchObject({ file: 'old-run.json', severity: 'error' });
    expect(e.hint).toBeTruthy();
  });

  it('rejects what is not a record at all', () => {
    expect(validateRunRecord(null)).toHaveLength(1);
    expect(validateRunRecord([1, 2])).toHaveLength(1);
    expect(validateRunRecord({ schema_version: 1 }).length).toBeGreaterThan(1);
  });
});

// Export and import of a run file, and the dataset conversion both rely on.
import { describe, expect, it } from 'vitest';
import { loadDataset, runFileName, runFromFileText, runToFileText, storeDataset } from '../../src/store';
import { fixture } from './helpers';

describe('run files', () => {
  it('round-trip a run, giving it a new id', () => {
    const r = fixture();
    const back = runFromFileText(runToFileText(r), 'a.json', () => 'id-2');
    expect(back).toEqual({ ok: true, value: { ...r, id: 'id-2' } });
  });

  it('name files safely', () => {
    expect(runFileName({ name: 'TV / Search: "Q3" <test>' })).toBe('carryover-run-TV-Search-Q3-test.json');
    expect(runFileName({ name: '///' })).toBe('carryover-run-untitled.json');
  });

  it('explain what is wrong with a file', () => {
    const msg = (text: string) => {
      const r = runFromFileText(text, 'in.json');
      return r.ok ? '' : `${r.errors[0].file}: ${r.errors[0].message}`;
    };
    expect(msg('{oops')).toMatch(/^in\.json: in\.json is not valid JSON/);
    expect(msg('{"format":"something-else"}')).toMatch(/is not a Carryover run file/);
    expect(msg(JSON.stringify({ format: 'carryover-run', run: { ...fixture(), schema_version: 9 } }))).toMatch(/newer Carryover/);
    const damaged = fixture() as any;
    damaged.inference_data.posterior.intercept[0].pop();
    expect(msg(JSON.stringify({ format: 'carryover-run', run: damaged }))).toMatch(/inference_data\.posterior\.intercept/);
  });
});

describe('dataset conversion', () => {
  it('keeps values, turns non-finite cells into null and back into NaN', () => {
    const d = loadDataset(fixture().dataset);
    d.channels[0].spend[2] = NaN;
    d.channels[0].impressions = Float64Array.from([1, 2, Infinity]);
    const s = storeDataset(d);
    expect(s.channels[0].spend[2]).toBeNull();
    expect(s.channels[0].impressions).toEqual([1, 2, null]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const back = loadDataset(s);
    expect(Number.isNaN(back.channels[0].spend[2])).toBe(true);
    expect(back.channels[0].spend[3]).toBe(d.channels[0].spend[3]);
    expect(back.channels[1].impressions).toBeUndefined();
  });
});

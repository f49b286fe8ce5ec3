// The committed schema v1 fixture: it is exactly what make-run-v1.ts produces, it is a
// valid record, and it loads through every path the studio uses (migration, validation,
// dataset conversion, file export/import).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, migrateRecord, runFromFileText, runToFileText, SCHEMA_VERSION, validateRunRecord } from '../../src/store';
import { makeRunV1 } from './fixtures/make-run-v1';

const FIXTURE = path.join(__dirname, 'fixtures/run-v1.json');

describe('run-v1.json fixture', () => {
  const made = `${JSON.stringify(makeRunV1(), null, 1)}\n`;
  if (process.env.CARRYOVER_WRITE_FIXTURES) writeFileSync(FIXTURE, made);
  const text = readFileSync(FIXTURE, 'utf8');
  const fixture = JSON.parse(text);

  it('is what the generator script makes (regenerate only on purpose)', () => {
    expect(text).toBe(made);
  });

  it('is a valid schema v1 record and small', () => {
    expect(fixture.schema_version).toBe(1);
    expect(validateRunRecord(fixture)).toEqual([]);
    expect(text.length).toBeLessThan(40_000);
  });

  it('migrates to the current schema and still validates', () => {
    const m = migrateRecord(fixture);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.from).toBe(1);
    expect(m.value.record.schema_version).toBe(SCHEMA_VERSION);
    expect(validateRunRecord(m.value.record)).toEqual([]);
  });

  it('carries the attrs MODEL.md §8 and the runs library need', () => {
    const a = fixture.inference_data.attrs;
    expect(a.dataset_fingerprint).toBe(fixture.dataset.fingerprint);
    expect(a.model.channels.map((c: { name: string }) => c.name)).toEqual(['x1', 'x2']);
    expect(a.data_range).toEqual({ first: '2018-04-02', last: '2018-06-18', rows: 12, grain: 'week' });
    expect(a.timings.wall_seconds).toBe(1.5);
    expect(Object.keys(fixture.inference_data.sample_stats).sort()).toEqual(
      ['acceptance_rate', 'diverging', 'energy', 'lp', 'n_steps', 'step_size', 'tree_depth'],
    );
  });

  it('its dataset is the first 12 weeks of mmm_example.csv', () => {
    const d = loadDataset(fixture.dataset);
    const csv = readFileSync(path.resolve(__dirname, '../../../shared/data/pymc-marketing/mmm_example.csv'), 'utf8').split('\n');
    expect(d.dates[11]).toBe(csv[12].split(',')[0]);
    expect(d.target.values[0]).toBe(Number(csv[1].split(',')[1]));
    expect(d.channels[0].spend[3]).toBe(Number(csv[4].split(',')[2]));
    expect(fixture.inference_data.observed_data.y).toEqual(Array.from(d.target.values));
  });

  it('survives export and import with a new id', () => {
    const back = runFromFileText(runToFileText(fixture), 'x.json', () => 'new-id');
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.value).toEqual({ ...fixture, id: 'new-id' });
  });
});

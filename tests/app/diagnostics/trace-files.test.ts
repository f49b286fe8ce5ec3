// Trace files of a run: export (ArviZ JSON, CmdStan CSV per chain) then import gives back
// the same draws and the same dataset (dates, target and its name, spend, controls,
// fingerprint), whatever order the chain files come in; foreign or broken files are
// errors that name the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arvizFileName, chainFileName, exportableIdata, importTrace, orderChainFiles, traceFileBase } from '../../../src/app/diagnostics/trace-files';
import { toArvizJson, toCmdStanCsv } from '../../../src/io';
import { runToFileText, validateRunRecord, type RunRecord } from '../../../src/store';

const FIXTURE = path.resolve(__dirname, '../../store/fixtures/run-v1.json');
/** The committed v1 run, with a target called "sales" (the fixture's is "y", the default). */
function fixtureRun(): RunRecord {
  const r = JSON.parse(readFileSync(FIXTURE, 'utf8')) as RunRecord;
  r.dataset.target.name = 'sales';
  return r;
}

const csvFiles = (run: RunRecord) => toCmdStanCsv(exportableIdata(run)).map((text, c) => ({ name: chainFileName(run, c), text }));

function expectSameRun(back: RunRecord, run: RunRecord) {
  expect(back.id).not.toBe(run.id);
  expect(back.dataset).toEqual(run.dataset);
  for (const g of ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive', 'observed_data', 'constant_data', 'dims', 'coords'] as const) {
    expect(back.inference_data[g]).toEqual(run.inference_data[g]);
  }
  expect(back.inference_data.attrs.model).toEqual(run.inference_data.attrs.model);
  expect(back.inference_data.attrs.seed).toBe(run.inference_data.attrs.seed);
  expect(validateRunRecord(back)).toEqual([]);
}

describe('trace export → import', () => {
  it('ArviZ JSON restores the draws and the dataset, target name included', () => {
    const run = fixtureRun();
    const back = importTrace([{ name: arvizFileName(run), text: toArvizJson(exportableIdata(run)) }]);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expectSameRun(back.value, run);
    expect(back.value.dataset.target.name).toBe('sales');
    expect(back.value.name).toBe(`Imported: ${arvizFileName(run)}`);
  });

  it('CmdStan CSV files restore the same run in any file order', () => {
    const run = fixtureRun();
    const files = csvFiles(run);
    expect(files).toHaveLength(2);
    const back = importTrace([...files].reverse());
    expect(back.ok).toBe(true);
    if (back.ok) expectSameRun(back.value, run);
  });

  it('a Runs-library run file goes through as it is', () => {
    const run = fixtureRun();
    const back = importTrace([{ name: 'x.json', text: runToFileText(run) }]);
    expect(back.ok && back.value.dataset).toEqual(run.dataset);
  });

  it('file names are safe and numbered from 1', () => {
    const run = { name: 'Demo · 2026/11/22 10:00' };
    expect(traceFileBase(run)).toMatch(/^carryover-[\w.-]+$/);
    expect(chainFileName(run, 0)).toMatch(/_1\.csv$/);
    expect(arvizFileName(run)).toMatch(/\.inference_data\.json$/);
  });
});

describe('chain file order', () => {
  it('follows the `# id = N` header when every file has one', () => {
    const f = (name: string, id: number) => ({ name, text: `# model = m\n# id = ${id}\nlp__\n1\n` });
    expect(orderChainFiles([f('a.csv', 3), f('b.csv', 1), f('c.csv', 2)]).map((x) => x.name)).toEqual(['b.csv', 'c.csv', 'a.csv']);
  });
  it('otherwise sorts names with numbers as numbers', () => {
    const f = (name: string) => ({ name, text: 'lp__\n1\n' });
    expect(orderChainFiles([f('run_10.csv'), f('run_2.csv'), f('run_1.csv')]).map((x) => x.name)).toEqual(['run_1.csv', 'run_2.csv', 'run_10.csv']);
  });
});

describe('imports that cannot become a run', () => {
  it("CmdStan's own CSV (no data) says what is missing, naming the file", () => {
    const run = fixtureRun();
    const stripped = csvFiles(run).map((f) => ({ ...f, text: f.text.split('\n').filter((l) => !l.startsWith('# carryover_inference_data_meta')).join('\n') }));
    const r = importTrace(stripped);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].message).toMatch(/no observed data/);
      expect(r.errors[0].file).toContain(stripped[0].name);
      expect(r.errors[0].hint).toMatch(/exported by Carryover/);
    }
  });

  it('a JSON without the spend table, a truncated JSON, a JSON mixed with CSVs', () => {
    const run = fixtureRun();
    const idata = exportableIdata(run) as unknown as { constant_data: Record<string, unknown> };
    delete idata.constant_data.spend;
    const noSpend = importTrace([{ name: 'a.json', text: JSON.stringify(idata) }]);
    expect(!noSpend.ok && noSpend.errors[0].message).toMatch(/no spend table/);
    const cut = importTrace([{ name: 'b.json', text: toArvizJson(exportableIdata(run)).slice(0, 500) }]);
    expect(!cut.ok && cut.errors[0]).toMatchObject({ file: 'b.json', severity: 'error' });
    const mixed = importTrace([{ name: 'c.json', text: '{}' }, ...csvFiles(run)]);
    expect(!mixed.ok && mixed.errors[0].hint).toMatch(/one ArviZ JSON file at a time/);
  });

  it('a CSV with a broken row names the file and the row', () => {
    const files = csvFiles(fixtureRun());
    const lines = files[1].text.split('\n');
    const row = lines.findIndex((l) => /^-?\d/.test(l));
    lines[row] = lines[row].replace(/,[^,]*$/, ',abc');
    const r = importTrace([files[0], { ...files[1], text: lines.join('\n') }]);
    expect(!r.ok && r.errors[0]).toMatchObject({ file: files[1].name, row: row + 1 });
  });
});

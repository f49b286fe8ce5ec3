// Trace files of a run: what the studio writes (ArviZ from_dict JSON, CmdStan CSV per
// chain, via src/io) and how an imported trace becomes a run in the library. A run needs
// the data it was fitted on; both formats carry it (the JSON in observed_data and
// constant_data, our CSV in its trailing metadata line), so the dataset is rebuilt from
// there and keeps the fingerprint the fit recorded, which is what "same data" means in
// the model comparison.

import type { Dataset, ImputedCell, InferenceData, UserError } from '../../core/types';
import { datasetFingerprint } from '../../data/fingerprint';
import { observationDim } from '../../diagnostics/idata';
import { fromArvizJson, fromCmdStanCsv, type CsvFile } from '../../io';
import { newRunRecord, runFileName, runFromFileText, validateRunRecord, type RunRecord } from '../../store';
import type { Result } from '../../store/result';

/**
 * The run's InferenceData as exported: attrs also name the target column (the one thing
 * of the dataset the trace groups do not hold), so an import restores it.
 */
export function exportableIdata(run: RunRecord): InferenceData {
  const idata = run.inference_data;
  const attrs = { ...idata.attrs, target_name: idata.attrs.target_name ?? run.dataset.target.name, dataset_name: idata.attrs.dataset_name ?? run.dataset.name };
  return { ...idata, attrs };
}

/** Base of the exported file names: the run's name, made safe for every OS. */
export function traceFileBase(run: Pick<RunRecord, 'name'>): string {
  return runFileName(run).replace(/^carryover-run-/, 'carryover-').replace(/\.json$/, '');
}

export const arvizFileName = (run: Pick<RunRecord, 'name'>) => `${traceFileBase(run)}.inference_data.json`;
export const chainFileName = (run: Pick<RunRecord, 'name'>, chain: number) => `${traceFileBase(run)}_${chain + 1}.csv`;

/** CmdStan's `# id = N` comment (the chain id), or null when the header has none. */
function chainId(text: string): number | null {
  const m = /^#\s*id\s*=\s*(\d+)/m.exec(text.slice(0, 4000));
  return m ? Number(m[1]) : null;
}

/**
 * Chain files in chain order: by their `# id = N` header when every file has one (CmdStan
 * writes it), otherwise by name with numbers compared as numbers (…_2 before …_10).
 */
export function orderChainFiles(files: CsvFile[]): CsvFile[] {
  const ids = files.map((f) => chainId(f.text));
  const byName = (a: CsvFile, b: CsvFile) => a.name.localeCompare(b.name, 'en', { numeric: true });
  if (ids.every((id) => id !== null) && new Set(ids).size === ids.length) {
    return files.map((f, i) => ({ f, id: ids[i]! })).sort((a, b) => a.id - b.id).map((x) => x.f);
  }
  return [...files].sort(byName);
}

const err = (message: string, file: string, hint: string): UserError => ({ message, file, hint, severity: 'error' });

/** One ArviZ JSON file, or the CSV files of one run (one per chain). */
export function readTrace(files: CsvFile[]): Result<{ idata: InferenceData; source: string }> {
  if (files.length === 0) return { ok: false, errors: [err('No file chosen.', '', 'Choose an inference_data.json file, or the CSV files of one run (one per chain).')] };
  const json = files.filter((f) => /\.json$/i.test(f.name));
  if (json.length > 0) {
    if (files.length > 1) {
      return { ok: false, errors: [err(`${files.length} files chosen, including ${json[0].name}.`, json[0].name, 'Import one ArviZ JSON file at a time, or the CSV files of one run on their own.')] };
    }
    const r = fromArvizJson(files[0].text, files[0].name);
    return r.ok ? { ok: true, value: { idata: r.value, source: files[0].name } } : r;
  }
  const ordered = orderChainFiles(files);
  const r = fromCmdStanCsv(ordered);
  return r.ok ? { ok: true, value: { idata: r.value, source: ordered.map((f) => f.name).join(', ') } } : r;
}

const isNumberRows = (x: unknown, width: number): x is Array<Array<number | null>> =>
  Array.isArray(x) && x.every((r) => Array.isArray(r) && r.length === width && r.every((v) => v === null || typeof v === 'number'));

const column = (rows: Array<Array<number | null>>, j: number) => Float64Array.from(rows, (r) => r[j] ?? NaN);

/** The dataset the trace was fitted on, from observed_data, constant_data, coords and attrs. */
export function datasetFromTrace(idata: InferenceData, source: string): Result<Dataset> {
  const hint = 'Import a trace exported by Carryover (its JSON, or its CSV files with their last "# carryover_inference_data_meta" line); a trace without the data cannot be opened as a run.';
  const y = idata.observed_data?.y;
  if (!Array.isArray(y) || y.length === 0) return { ok: false, errors: [err(`${source} has no observed data (observed_data.y).`, source, hint)] };
  const T = y.length;
  const dates = (idata.coords?.[observationDim(idata)] ?? []).map(String);
  if (dates.length !== T) return { ok: false, errors: [err(`${source} lists ${dates.length} dates for ${T} observations.`, source, hint)] };
  const channels = (idata.coords?.channel ?? []).map(String);
  const controls = (idata.coords?.control ?? []).map(String);
  const cd = idata.constant_data;
  if (!isNumberRows(cd?.spend, channels.length) || cd.spend.length !== T) {
    return { ok: false, errors: [err(`${source} has no spend table (constant_data.spend, ${T} dates × ${channels.length} channels).`, source, hint)] };
  }
  if (controls.length > 0 && (!isNumberRows(cd.controls, controls.length) || cd.controls.length !== T)) {
    return { ok: false, errors: [err(`${source} has no controls table (constant_data.controls, ${T} dates × ${controls.length} controls).`, source, hint)] };
  }
  const a = idata.attrs ?? {};
  const grain = a.data_range?.grain === 'day' ? 'day' : 'week';
  const base = {
    name: typeof a.dataset_name === 'string' ? a.dataset_name : source,
    dates,
    grain,
    target: { name: typeof a.target_name === 'string' ? a.target_name : 'y', values: Float64Array.from(y, (v) => (typeof v === 'number' ? v : NaN)) },
    channels: channels.map((name, j) => ({ name, spend: column(cd.spend, j) })),
    controls: controls.map((name, j) => ({ name, values: column(cd.controls, j) })),
    imputed: Array.isArray(a.imputed_cells) ? (a.imputed_cells as ImputedCell[]) : [],
  } satisfies Omit<Dataset, 'fingerprint'>;
  const fingerprint = typeof a.dataset_fingerprint === 'string' ? a.dataset_fingerprint : datasetFingerprint(base);
  return { ok: true, value: { ...base, fingerprint } };
}

/** A library run from an imported trace: new id, named after the file, validated like any stored run. */
export function runFromTrace(idata: InferenceData, source: string, now = new Date()): Result<RunRecord> {
  const d = datasetFromTrace(idata, source);
  if (!d.ok) return d;
  const record = newRunRecord(idata, d.value, { name: `Imported: ${source}`.slice(0, 160), now });
  const problems = validateRunRecord(record, source);
  return problems.length ? { ok: false, errors: problems } : { ok: true, value: record };
}

/**
 * Files chosen in the import box → a run: a Carryover run file (the Runs library's own
 * export) as it is, otherwise an ArviZ JSON or the CmdStan CSV files of one run.
 */
export function importTrace(files: CsvFile[], now = new Date()): Result<RunRecord> {
  if (files.length === 1 && /^\s*\{\s*"format"\s*:\s*"carryover-run"/.test(files[0].text.slice(0, 200))) {
    return runFromFileText(files[0].text, files[0].name);
  }
  const t = readTrace(files);
  if (!t.ok) return t;
  return runFromTrace(t.value.idata, t.value.source, now);
}

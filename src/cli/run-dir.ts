// Reading a run directory (the --out folder of `carryover fit`, or analysis/ of a workspace)
// for the commands that work on a fitted run: diagnose, optimize, check. One reader, so each
// says the same thing about the same problem: the folder or file is missing, the JSON is
// broken, the layout is not MODEL.md §8's, or the run was written by a Carryover whose
// layout this one cannot know (a newer release).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceData, UserError } from '../core/types';
import { APP_VERSION } from '../core/version';
import { validateInferenceData } from '../diagnostics/validate';

export const RUN_FILE = 'inference_data.json';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `major.minor.patch` (a pre-release or build suffix is ignored); null when not a version. */
export function parseVersion(v: unknown): [number, number, number] | null {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim()) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * Whether this build can read a run written by `written`. A newer major or minor release may
 * have changed the layout (semver: minor releases of 0.x may break), so it is refused with
 * both versions named; older runs and newer patch releases are read and validated. A run
 * that names no Carryover version (an ArviZ export from elsewhere) is judged by its layout alone.
 */
export function versionProblem(written: unknown, file: string, ours = APP_VERSION): UserError | null {
  const w = parseVersion(written);
  const o = parseVersion(ours);
  if (!w || !o) return null;
  const newer = w[0] > o[0] || (w[0] === o[0] && w[1] > o[1]);
  if (!newer) return null;
  return {
    severity: 'error',
    file,
    column: 'attrs.app_version',
    message: `the run was written by Carryover ${String(written).trim()}, newer than this Carryover ${ours}, whose run layout may differ`,
    hint: `Update Carryover to ${w[0]}.${w[1]} or later, or re-fit the data with this version.`,
  };
}

/** What optimize and check rebuild the model from: attrs.model, sampler, seed, data_range, constant_data. */
function modelProblems(idata: Record<string, unknown>): string[] {
  const out: string[] = [];
  const attrs = isObj(idata.attrs) ? idata.attrs : {};
  if (!isObj(attrs.model) || !Array.isArray(attrs.model.channels)) out.push('attrs.model (the model spec) is missing');
  const s = attrs.sampler;
  if (!isObj(s) || !['chains', 'warmup', 'draws'].every((k) => typeof s[k] === 'number')) out.push('attrs.sampler (chains, warmup, draws) is missing');
  if (typeof attrs.seed !== 'number') out.push('attrs.seed is missing');
  if (!isObj(attrs.data_range) || typeof attrs.data_range.rows !== 'number') out.push('attrs.data_range is missing');
  const cd = idata.constant_data;
  if (!isObj(cd)) out.push('constant_data (the spend and controls the model was fitted on) is missing');
  else for (const k of ['spend', 'channel_max', 'target_max_abs']) if (cd[k] === undefined) out.push(`constant_data.${k} is missing`);
  if (!isObj(idata.observed_data) || !Array.isArray(idata.observed_data.y)) out.push('observed_data.y is missing');
  return out;
}

export interface ReadRunOptions {
  /** The command rebuilds the model from the run (optimize, check), not only its draws. */
  needModel: boolean;
}

/** The run's InferenceData, or every reason it cannot be used (each with file and what to do). */
export function readRunDir(dir: string, o: ReadRunOptions): { idata: InferenceData } | { errors: UserError[] } {
  const fail = (message: string, hint: string, file?: string) => ({ errors: [{ severity: 'error' as const, message, hint, ...(file ? { file } : {}) }] });
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return fail(`run directory ${dir} does not exist`, 'Pass the directory written by `carryover fit` (it holds inference_data.json).');
  const file = join(dir, RUN_FILE);
  if (!existsSync(file)) return fail(`${file} is missing`, 'Run `carryover fit` into this directory first, or export the run from the studio.', file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, 'The file may be truncated; re-export the run.', file);
  }
  if (!isObj(parsed)) return fail(`${file} does not hold a JSON object`, 'Use the inference_data.json written by `carryover fit`.', file);
  const written = isObj(parsed.attrs) ? parsed.attrs.app_version : undefined;
  const version = versionProblem(written, file);
  const valid = validateInferenceData(parsed, file);
  const problems = valid.ok && o.needModel ? modelProblems(parsed) : [];
  if (valid.ok && problems.length === 0) return version ? { errors: [version] } : { idata: valid.value };
  // The layout is wrong: say so, and when another version wrote it, say that too.
  const note = version
    ? ` ${version.message}: ${version.hint}`
    : typeof written === 'string' && written !== APP_VERSION
      ? ` It was written by Carryover ${written}; this is ${APP_VERSION}: re-fit the data with this version if the layout changed.`
      : '';
  const errors: UserError[] = valid.ok
    ? problems.map((message) => ({ severity: 'error', file, message, hint: `Use a run directory written by \`carryover fit\`.${note}` }))
    : valid.errors.map((e) => ({ ...e, hint: `${e.hint ?? ''}${note}`.trim() }));
  return { errors };
}

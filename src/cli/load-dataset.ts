// Reading the CLI's input files into a Dataset through the same importer as the studio
// (src/data), with the roles the command line names taking precedence over detection.
// Everything that can go wrong comes back as UserErrors (file, column, what to do): a path
// that does not exist, a column named twice, a role nobody filled, never a raw exception.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Dataset, UserError } from '../core/types';
import { buildDataset, detectRoles, parseFiles, setRole } from '../data';
import { undatedColumns, undatedHint, undatedText } from '../data/undated';
import { decodeBytes } from '../data/encoding';
import type { BuildOptions, Frame, InputFile, RoleAssignment, RoleName } from '../data/types';

export interface RoleFlags {
  date?: string;
  target?: string;
  channels?: string[];
  controls?: string[];
}

/**
 * A file, or every file under a folder (paths kept relative, as a folder pick gives them).
 * A path that does not exist or cannot be read is an error naming it.
 */
export function readInputFiles(paths: string[]): { files: InputFile[]; errors: UserError[] } {
  const files: InputFile[] = [];
  const errors: UserError[] = [];
  const walk = (root: string, p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(root, join(p, e));
    else files.push({ name: root === p ? p : join(relative(join(root, '..'), p)), text: decodeBytes(readFileSync(p)) });
  };
  for (const p of paths) {
    if (!existsSync(p)) {
      errors.push({ severity: 'error', file: p, message: 'the file or folder does not exist', hint: 'Check the path (it is read relative to the current directory).' });
      continue;
    }
    try {
      walk(p, p);
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
      errors.push({ severity: 'error', file: p, message: `cannot be read (${why})`, hint: 'Check that the file or folder is readable by you.' });
    }
  }
  if (errors.length === 0 && files.length === 0)
    errors.push({ severity: 'error', file: paths.join(', '), message: 'the folder holds no files', hint: 'Pass the CSV file, or the folder that holds the CSV files.' });
  return { files, errors };
}

const FLAG_OF: Record<keyof RoleFlags, string> = { date: '--date', target: '--target', channels: '--channels', controls: '--controls' };

/** A column named by two flags (e.g. `--channels x1 --controls x1`) cannot hold both roles. */
function conflictingFlags(f: RoleFlags, file: string): UserError[] {
  const seen = new Map<string, string>();
  const errors: UserError[] = [];
  for (const key of ['date', 'target', 'channels', 'controls'] as const) {
    const v = f[key];
    for (const col of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
      const first = seen.get(col);
      if (first === undefined) seen.set(col, FLAG_OF[key]);
      else
        errors.push({
          severity: 'error',
          file,
          column: col,
          message: first === FLAG_OF[key] ? `column "${col}" is named twice in ${first}` : `column "${col}" is named in both ${first} and ${FLAG_OF[key]}`,
          hint: 'Give each column one role.',
        });
    }
  }
  return errors;
}

function applyRoleFlags(roles: RoleAssignment, f: RoleFlags, file: string): { roles: RoleAssignment; errors: UserError[] } {
  const known = new Set(roles.columns.map((c) => c.column));
  const errors: UserError[] = conflictingFlags(f, file);
  const check = (col: string, what: string) => {
    if (known.has(col)) return true;
    errors.push({
      severity: 'error',
      file,
      column: col,
      message: `there is no column "${col}" (asked for as ${what})`,
      hint: `columns are: ${[...known].join(', ')}`,
    });
    return false;
  };
  let r = roles;
  if (f.date && check(f.date, '--date')) r = setRole(r, f.date, { role: 'date' });
  if (f.target && check(f.target, '--target')) r = setRole(r, f.target, { role: 'target' });
  const named = new Set([f.date, f.target, ...(f.channels ?? []), ...(f.controls ?? [])]);
  for (const c of f.channels ?? []) if (check(c, '--channels')) r = setRole(r, c, { role: 'channel', channel: c, measure: 'spend' });
  for (const c of f.controls ?? []) if (check(c, '--controls')) r = setRole(r, c, { role: 'control' });
  // Once the user names the channels (or controls), nothing else is silently modelled as one.
  r = {
    columns: r.columns.map((c) =>
      !named.has(c.column) && ((f.channels && c.role === 'channel') || (f.controls && c.role === 'control'))
        ? { ...c, role: 'ignored', reason: 'not named on the command line' }
        : c,
    ),
  };
  return { roles: r, errors };
}

/**
 * A role that neither detection nor the flags filled, said in command-line terms (the data
 * layer's own message speaks of marking columns in the studio). When detection had filled it
 * and a flag gave that column another role (`--target DATE`), the message says so.
 */
function missingRoles(roles: RoleAssignment, detected: RoleAssignment, file: string, frame: Frame): UserError[] {
  const has = (role: string) => roles.columns.some((c) => c.role === role);
  const columns = roles.columns.map((c) => c.column).join(', ');
  const missing: Array<[RoleName, string, string]> = [
    ['date', 'no column reads as dates', '--date COLUMN'],
    ['target', 'no column was recognised as the target (the outcome to explain)', '--target COLUMN'],
    ['channel', 'no column was recognised as a media channel', '--channels A,B,...'],
  ];
  return missing
    .filter(([role]) => !has(role))
    .flatMap(([role, message, flag]): UserError[] => {
      const taken = detected.columns.filter((c) => c.role === role).map((c) => `"${c.column}"`);
      if (taken.length) return [{ severity: 'error', file, message: `no ${role} column: ${taken.join(', ')}, detected as the ${role}, was given another role on the command line`, hint: `Name it with ${flag}; the columns are: ${columns}.` }];
      // A column named like a date whose cells are not dates: that cell, by row.
      const undated = role === 'date' ? undatedColumns(frame) : [];
      if (undated.length === 0) return [{ severity: 'error', file, message, hint: `Name it with ${flag}; the columns are: ${columns}.` }];
      return undated.map((u) => ({ severity: 'error', file: u.column.file, column: u.column.name, row: u.row, message: `${message}: column "${u.column.name}" ${undatedText(u)}`, hint: `${undatedHint(u)}, or name the date column with ${flag}.` }));
    });
}

/**
 * The columns left out of the model and why, for the command line (the studio shows the
 * role table): a column the detector ignored must not vanish without a word.
 */
export function ignoredColumns(roles: RoleAssignment): string | null {
  const ignored = roles.columns.filter((c) => c.role === 'ignored');
  if (ignored.length === 0) return null;
  return `not modelled: ${ignored.map((c) => `${c.column} (${c.reason})`).join(', ')}; name a column with --channels or --controls to use it`;
}

export function loadDataset(paths: string[], flags: RoleFlags, options: BuildOptions = {}): { dataset?: Dataset; report: UserError[]; ignored?: string | null } {
  const read = readInputFiles(paths);
  if (read.errors.length) return { report: read.errors };
  const parsed = parseFiles(read.files);
  if (parsed.report.some((e) => e.severity === 'error')) return { report: parsed.report };
  const where = paths.join(', ');
  const detected = detectRoles(parsed);
  const { roles, errors } = applyRoleFlags(detected, flags, where);
  if (errors.length) return { report: [...parsed.report, ...errors] };
  const missing = missingRoles(roles, detected, where, parsed.frame);
  if (missing.length) return { report: [...parsed.report, ...missing] };
  // buildDataset's report starts with the parse report: taking both would print it twice.
  // Imputation is said by the importer itself, once: one line per file and set of missing
  // dates (src/data/gaps.ts: series, dates, how each was filled, which weekly values hold
  // imputed days), then the count of imputed cells. The studio and the command line show
  // the same lines; a second list of the periods here repeated every date (issue: daily data).
  const built = buildDataset(parsed, roles, options);
  return { dataset: built.dataset, report: built.report, ignored: ignoredColumns(roles) };
}

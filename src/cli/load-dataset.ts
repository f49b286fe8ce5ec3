// Reading the CLI's input files into a Dataset through the same importer as the studio
// (src/data), with the roles the command line names taking precedence over detection.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Dataset, UserError } from '../core/types';
import { buildDataset, detectRoles, parseFiles, setRole } from '../data';
import type { InputFile, RoleAssignment } from '../data/types';

export interface RoleFlags {
  date?: string;
  target?: string;
  channels?: string[];
  controls?: string[];
}

/** A file, or every file under a folder (paths kept relative, as a folder pick gives them). */
export function readInputFiles(paths: string[]): InputFile[] {
  const files: InputFile[] = [];
  const walk = (root: string, p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(root, join(p, e));
    else files.push({ name: root === p ? p : join(relative(join(root, '..'), p)), text: readFileSync(p, 'utf8') });
  };
  for (const p of paths) walk(p, p);
  return files;
}

function applyRoleFlags(roles: RoleAssignment, f: RoleFlags, file: string): { roles: RoleAssignment; errors: UserError[] } {
  const known = new Set(roles.columns.map((c) => c.column));
  const errors: UserError[] = [];
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

export function loadDataset(paths: string[], flags: RoleFlags): { dataset?: Dataset; report: UserError[] } {
  const files = readInputFiles(paths);
  const parsed = parseFiles(files);
  const report: UserError[] = [...parsed.report];
  if (report.some((e) => e.severity === 'error')) return { report };
  const { roles, errors } = applyRoleFlags(detectRoles(parsed), flags, paths.join(', '));
  if (errors.length) return { report: [...report, ...errors] };
  const built = buildDataset(parsed, roles);
  return { dataset: built.dataset, report: [...report, ...built.report] };
}

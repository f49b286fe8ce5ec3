// Shared test helpers: the reference data lives outside the repo, in ../shared/data.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { UserError } from '../../src/core/types';
import type { InputFile } from '../../src/data/types';

export const SHARED = resolve(__dirname, '../../../shared/data');

export function sharedFile(path: string, name = path.split('/').pop()!): InputFile {
  return { name, text: readFileSync(join(SHARED, path), 'utf8') };
}

/** Every file of a shared folder, named by its path under the folder's parent (as a folder pick gives). */
export function sharedFolder(path: string, sub = ''): InputFile[] {
  const dir = join(SHARED, path, sub);
  const root = path.split('/').pop()!;
  return readdirSync(dir).map((f) => ({ name: [root, sub, f].filter(Boolean).join('/'), text: readFileSync(join(dir, f), 'utf8') }));
}

/** Minimal CSV reading for oracles (the shared files have no quoted commas). */
export function simpleCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
  const split = (l: string) => l.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

export function errorsOf(report: UserError[]): UserError[] {
  return report.filter((e) => e.severity === 'error');
}

export function show(report: UserError[]): string {
  return report.map((e) => `${e.severity} ${e.file ?? ''}:${e.row ?? ''}:${e.column ?? ''} ${e.message}`).join('\n');
}

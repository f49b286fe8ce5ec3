// Output folders are made (and proven writable) before the work starts: a fit of several
// minutes must not end in "cannot write" because --out names a file or a read-only place.
import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { UserError } from '../core/types';

const REASONS: Record<string, string> = {
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

/** Creates `dir` (and its parents) and checks it can be written; a UserError naming it otherwise. */
export function prepareOutDir(dir: string, flag = '--out'): UserError | null {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return {
      severity: 'error',
      file: dir,
      message: `cannot write the output folder: ${REASONS[code] ?? (code || String(e))}`,
      hint: `Give ${flag} a folder you can write to (it is created if missing).`,
    };
  }
}

/**
 * Writes through a temporary file and a rename (atomic on one file system), so an
 * interrupted command never leaves half a JSON file where a reader expects a whole one.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

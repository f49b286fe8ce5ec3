// Where a UserError is, in words for the studio's error lists: "file X, row R, column C,
// channel K". A place that is not a file (UserError.source: the typed-in lift-test table, an
// Attribution result taken from the screen) is named as it is, not as "file …".
import type { UserError } from '../../core/types';

export function errorPlace(e: UserError): string {
  const parts: string[] = [];
  if (e.source) parts.push(e.source);
  else if (e.file) parts.push(`file ${e.file}`);
  if (e.row !== undefined) parts.push(`row ${e.row}`);
  if (e.column) parts.push(`column ${e.column}`);
  if (e.channel) parts.push(`channel ${e.channel}`);
  return parts.join(', ');
}

/**
 * Problems located in `file` moved to a place that is not a file: src/calibration and src/mta
 * name every input as a file (the CLI only reads files), so the studio renames the ones it
 * made itself (a table, results on screen) here.
 */
export function asSource(issues: readonly UserError[], file: string, source: string): UserError[] {
  return issues.map((e) => {
    if (e.file !== file) return e;
    const { file: _file, ...rest } = e;
    return { ...rest, source };
  });
}

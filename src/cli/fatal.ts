// The last line of defence of `carryover`: an exception that reached main() is still told as
// what failed, where and what to do — a file-system error by its path and a reason people
// read (Node's error codes, https://nodejs.org/api/errors.html#common-system-errors), anything
// else as a bug to report — never as a stack trace.

const REASONS: Record<string, [string, string]> = {
  ENOENT: ['does not exist', 'Check the path (it is read relative to the current directory).'],
  EACCES: ['permission denied', 'Check the permissions of the file or folder, or choose another place.'],
  EPERM: ['operation not permitted', 'Check the permissions of the file or folder, or choose another place.'],
  EEXIST: ['a file is in the way of a folder', 'Choose an output folder that is not an existing file.'],
  ENOTDIR: ['part of the path is a file, not a folder', 'Choose an output folder that is not inside a file.'],
  EISDIR: ['is a folder where a file was expected', 'Pass the file itself, not its folder.'],
  ENOSPC: ['no space left on the device', 'Free some disk space and run the command again.'],
  EROFS: ['the file system is read-only', 'Choose an output folder you can write to.'],
  EMFILE: ['too many open files', 'Close other programs or raise the open-file limit, and run again.'],
};

/** One or two lines for stderr, never a stack. */
export function describeFatal(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e && typeof e === 'object' ? e.code : undefined;
  if (code && REASONS[code]) {
    const [why, what] = REASONS[code];
    const path = e!.path ?? (e as { dest?: string }).dest;
    return `carryover: ${path ? `${path}: ` : ''}${why}${e!.syscall ? ` (${e!.syscall})` : ''}\n  ${what}`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `carryover: internal error: ${msg}\n  This is a bug in Carryover, not in your input: please report it with the command you ran.`;
}

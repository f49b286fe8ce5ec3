// Results at the diagnostics API boundary: a value, or UserErrors the UI and CLI show
// (STYLE.md habit 7). Kernels deeper down throw only on programming errors (shape bugs).
import type { UserError } from '../core/types';

export type DiagResult<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const okResult = <T>(value: T): DiagResult<T> => ({ ok: true, value });

export function errorResult<T = never>(message: string, hint: string, where: Partial<UserError> = {}): DiagResult<T> {
  return { ok: false, errors: [{ message, hint, ...where, severity: 'error' }] };
}

// Status line text of a check (screen readers hear it through role="status").
import type { CheckStatus } from './checks.svelte';

export const STATUS_TEXT: Record<CheckStatus, string> = {
  idle: '',
  running: 'Refitting…',
  cancelling: 'Stopping the refit…',
  done: 'Done.',
  cancelled: 'Cancelled; the previous result (if any) is kept.',
  failed: 'The check did not finish.',
};

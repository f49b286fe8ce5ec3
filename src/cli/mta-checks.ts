// What `carryover attribute` checks on a parsed journey file before it writes a result that
// would be wrong without saying so (bad-input sweep, session 4):
// - no conversion at all: every model credits 0 to every channel, which is no attribution;
// - paths split by another character than the separator ("eta | iota" with the default
//   '>'): each whole path becomes one "channel", and the attribution is of paths, not of
//   channels. The user's explicit --separator is trusted.
import type { UserError } from '../core/types';
import type { AttributionResult, SourceInfo } from '../mta/types';

/** Characters that separate touches in exports we know of, besides the default '>'. */
const LIKELY_SEPARATORS = ['|', '→', '»', ',', '/', '+', '~', ':', ' - '];

/** The candidate found in at least half of the channel names (and in two or more), if any. */
export function unsplitSeparator(channels: readonly string[]): { separator: string; example: string } | null {
  for (const s of LIKELY_SEPARATORS) {
    const holding = channels.filter((c) => c.includes(s));
    if (holding.length >= 2 && holding.length * 2 >= channels.length) return { separator: s, example: holding[0] };
  }
  return null;
}

export function journeyFileProblems(r: AttributionResult, source: SourceInfo, separatorGiven: boolean): UserError[] {
  const file = source.file;
  const out: UserError[] = [];
  if (r.totals.conversions === 0) {
    out.push({
      severity: 'error',
      file,
      message: `no journey in the file converted (${r.totals.rows} rows, 0 conversions): there is nothing to attribute.`,
      hint: source.format === 'paths' ? 'Check the total_conversions column: it counts the conversions of each path.' : 'Check the conversion column: 1 (or true) marks the touch that converted.',
    });
  }
  const unsplit = source.format === 'paths' && !separatorGiven ? unsplitSeparator(r.channels) : null;
  if (unsplit) {
    const example = unsplit.example.length > 60 ? `${unsplit.example.slice(0, 57)}...` : unsplit.example;
    out.push({
      severity: 'error',
      file,
      column: 'path',
      message: `the paths look separated by "${unsplit.separator}", not "${source.channelSeparator ?? '>'}": each whole path was read as one channel (e.g. "${example}").`,
      hint: `Pass --separator "${unsplit.separator.trim() || unsplit.separator}" (or the separator your export uses); if your channel names really hold "${unsplit.separator.trim()}", pass --separator ">" to keep them.`,
    });
  }
  return out;
}

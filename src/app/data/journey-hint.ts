// A customer-journey file dropped on the Data step. The Data step reads spend and an outcome
// over time; a ChannelAttribution path file (path;total_conversions;...) or an event log
// (user_id,timestamp,channel,conversion) belongs in the Attribution area. Read as a wide CSV
// it produced "No date column chosen" and "No channel chosen", which said nothing about what
// to do. The headers are matched with the Attribution readers' own aliases (src/mta/columns).
import type { UserError } from '../../core/types';
import type { ParsedInput } from '../../data';
import { EVENT_COLUMNS, PATH_COLUMNS } from '../../mta/columns';

const has = (names: string[], aliases: readonly string[]) => aliases.some((a) => names.includes(a));

/** Which journey layout a header has, if any. */
export function journeyLayout(header: string[]): 'paths' | 'events' | null {
  const names = header.map((h) => h.trim().toLowerCase());
  if (has(names, PATH_COLUMNS.path) && has(names, PATH_COLUMNS.conversions)) return 'paths';
  if (has(names, EVENT_COLUMNS.user) && has(names, EVENT_COLUMNS.time) && has(names, EVENT_COLUMNS.channel) && has(names, EVENT_COLUMNS.conversion)) return 'events';
  return null;
}

/** One message per journey file read, saying where it belongs; empty for MMM data. */
export function journeyFileHints(parsed: ParsedInput | null): UserError[] {
  if (!parsed) return [];
  return parsed.tables.flatMap((t) => {
    const kind = journeyLayout(t.header);
    if (!kind) return [];
    const what = kind === 'paths' ? 'customer journeys as paths (a path column and conversion counts)' : 'customer journeys as events (user, timestamp, channel, conversion)';
    return [
      {
        message: `This file holds ${what}, for multi-touch attribution, not spend and an outcome over time.`,
        hint: 'Load it in the Attribution area ("Load journeys (CSV)…"). The Data step needs dates, spend per channel and the outcome to explain.',
        file: t.file,
        severity: 'error' as const,
      },
    ];
  });
}

// Header matching shared by the path and event readers: names are compared lower-cased and
// trimmed, and each logical column accepts the names the common tools write.
import type { CsvRecord } from './csv-scan';
import { fieldText } from './csv-scan';

export function headerNames(rec: CsvRecord): string[] {
  const names: string[] = [];
  for (let i = 0; i < rec.count; i++) names.push(fieldText(rec, i).trim().toLowerCase());
  return names;
}

/** Index of the first header matching one of the aliases, or -1. */
export function findColumn(names: string[], aliases: readonly string[]): number {
  for (const a of aliases) {
    const i = names.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
}

/** ChannelAttribution's names first, then what exports from analytics tools tend to use. */
export const PATH_COLUMNS = {
  path: ['path', 'paths', 'journey', 'channel_path'],
  conversions: ['total_conversions', 'total_conversion', 'conversions', 'conversion', 'conv'],
  value: ['total_conversion_value', 'conversion_value', 'value', 'revenue', 'total_value'],
  nulls: ['total_null', 'total_nulls', 'null', 'nulls', 'non_conversions'],
} as const;

export const EVENT_COLUMNS = {
  user: ['user_id', 'user', 'userid', 'client_id', 'customer_id', 'cookie_id', 'id'],
  time: ['timestamp', 'time', 'datetime', 'date', 'event_time', 'ts'],
  channel: ['channel', 'source', 'touchpoint', 'medium', 'channel_name'],
  conversion: ['conversion', 'converted', 'conversions', 'is_conversion'],
  value: ['value', 'conversion_value', 'revenue'],
} as const;

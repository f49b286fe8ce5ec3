// Which input contract a set of files follows (MODEL.md §7), from file names and headers.
import type { RawTable } from './csv';

export type TablePart = 'campaign_spend' | 'conversions' | 'external_factors' | 'meridian_geo' | 'meridian_national' | 'wide';

/**
 * File name without folders, exactly as the user's file system spells it: messages name the
 * file the user will look for (WORKSPACE.json, not workspace.json). Classification compares
 * lowerName instead.
 */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** baseName in lower case, for case-insensitive matching of contract file names only. */
function lowerName(path: string): string {
  return baseName(path).toLowerCase();
}

export function isTableFile(path: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(path);
}

export function isIncrementalityFile(path: string): boolean {
  return lowerName(path) === 'incrementality_results.json';
}

function lowerHeader(t: RawTable): Set<string> {
  return new Set(t.header.map((h) => h.trim().toLowerCase()));
}

/** What role a table plays, with the reason in words. */
export function classifyTable(t: RawTable): { part: TablePart; reason: string } {
  const name = baseName(t.file);
  const lower = lowerName(t.file);
  const h = lowerHeader(t);
  if (/^campaign_spend_.+\.(csv|tsv|txt)$/.test(lower) || (h.has('date') && h.has('channel') && h.has('spend'))) {
    return { part: 'campaign_spend', reason: `${name}: long spend file (date, channel, spend, ...)` };
  }
  if (/^external_factors\.(csv|tsv|txt)$/.test(lower) || (h.has('date') && h.has('factor_name') && h.has('value'))) {
    return { part: 'external_factors', reason: `${name}: long external factors (date, factor_name, value)` };
  }
  if (/^conversions\.(csv|tsv|txt)$/.test(lower)) {
    return { part: 'conversions', reason: `${name}: the workspace target file` };
  }
  if (h.has('geo') && h.has('time')) {
    return { part: 'meridian_geo', reason: `${name}: Meridian geo data (geo and time columns)` };
  }
  const meridianMedia = t.header.some((c) => /_(spend|impression|impressions)$/i.test(c));
  if (h.has('time') && meridianMedia && (h.has('kpi') || h.has('conversions'))) {
    return { part: 'meridian_national', reason: `${name}: Meridian national data (time, KPI, *_spend / *_impression)` };
  }
  return { part: 'wide', reason: `${name}: one table with a column per variable` };
}

export const WORKSPACE_PARTS: ReadonlySet<TablePart> = new Set(['campaign_spend', 'conversions', 'external_factors']);

// Missing values in words (MODEL.md §7 gap filling): which days (or weeks) had no value, in
// which file and for which channel, target or control, and what was done about them. At
// weekly grain from daily data a missing day is imputed and then counted in its week like an
// observed day, so the message also names each weekly cell that is partly imputed and how
// many of its days are: "3 cells imputed" alone hid the 10 missing days behind them.
import type { UserError } from '../core/types';
import { isoDate } from './calendar';
import { rowList, warning } from './errors';
import { baseName } from './formats';
import type { PlannedSeries } from './plan';
import type { ControlAggregate } from './types';

/** One series' missing cells, as the shaping step filled them. */
export interface Gap {
  spec: PlannedSeries;
  /** Name in the dataset (a one-hot level of a text control has its own). */
  key: string;
  /** Unit of the missing cells: source days, or weeks (weekly files, weekly-given series). */
  unit: 'day' | 'week';
  /** Day number of each missing cell (a week by its first day), ascending. */
  missing: number[];
  /** How each missing cell was filled (impute.ts imputeMethod). */
  method: string;
  /** How days combine into a week (only when days were combined into weeks). */
  aggregate?: ControlAggregate;
  /** Kept weeks whose value includes imputed days: Monday, imputed days, days in the week. */
  weeks?: Array<{ start: number; imputed: number; days: number }>;
  /** Missing days inside partial weeks that were dropped (their imputation is not used). */
  inDroppedWeeks?: number;
}

/** Gap groups listed before the rest are summed up in one line. */
const MAX_MESSAGES = 12;
/** Date runs and weeks named in one message. */
const MAX_LISTED = 6;

/** Runs of consecutive missing cells as dates: "2022-10-30 to 2022-11-08, 2023-01-02". */
export function dateRuns(missing: readonly number[], step: number, max = MAX_LISTED): string {
  const runs: string[] = [];
  for (let i = 0; i < missing.length; ) {
    let j = i;
    while (j + 1 < missing.length && missing[j + 1] - missing[j] === step) j++;
    runs.push(i === j ? isoDate(missing[i]) : `${isoDate(missing[i])} to ${isoDate(missing[j])}`);
    i = j + 1;
  }
  return rowList(runs, max);
}

/** "search spend, impressions and clicks", "target revenue": measures of a channel share its name. */
function seriesList(gaps: readonly Gap[]): string {
  const entries: Array<{ channel?: string; words: string[] }> = [];
  for (const { spec: s, key } of gaps) {
    const same = s.kind === 'media' ? entries.find((e) => e.channel === s.channel) : undefined;
    if (same) same.words.push(s.measure!);
    else entries.push(s.kind === 'media' ? { channel: s.channel, words: [s.measure!] } : { words: [`${s.kind} ${key}`] });
  }
  return rowList(entries.map((e) => (e.channel === undefined ? e.words[0] : `${e.channel} ${rowList(e.words)}`)), MAX_LISTED);
}

const WEEK_WORD: Record<ControlAggregate, string> = { sum: 'total', mean: 'average', max: 'maximum' };

/** ", and counted in its week's total …: the weeks of …" for days combined into weeks. */
function weeksText(g: Gap, shared: boolean): string {
  if (!g.weeks || !g.aggregate) return '';
  const each = shared ? ' of each' : '';
  const listed = g.weeks.map((w, k) => `${isoDate(w.start)} (${w.imputed} of ${w.days}${k === 0 ? ' days imputed' : ''})`);
  const count = g.weeks.length === 1 ? `1 weekly value${each} is` : `${g.weeks.length} weekly values${each} are`;
  return `, and counted in its week's ${WEEK_WORD[g.aggregate]} like an observed day: ${count} partly or wholly imputed, the week${g.weeks.length === 1 ? '' : 's'} of ${rowList(listed, MAX_LISTED)}`;
}

function droppedText(n: number | undefined): string {
  if (!n) return '';
  return n === 1 ? '; 1 of the missing days falls in a partial week that was dropped' : `; ${n} of the missing days fall in partial weeks that were dropped`;
}

function describe(group: Gap[]): UserError {
  const g = group[0];
  const n = g.missing.length;
  const file = g.spec.column.file;
  const missing = `no value on ${n} ${n === 1 ? g.unit : `${g.unit}s`} (${dateRuns(g.missing, g.unit === 'day' ? 1 : 7)})`;
  const text = `${seriesList(group)} in ${baseName(file)}: ${missing}. ${n === 1 ? 'It' : 'Each'} was filled with the ${g.method}${weeksText(g, group.length > 1)}${droppedText(g.inDroppedWeeks)}.`;
  const channels = new Set(group.map((x) => x.spec.channel));
  const where = {
    file,
    ...(group.length === 1 ? { column: g.spec.column.sourceColumn } : {}),
    ...(channels.size === 1 && g.spec.channel ? { channel: g.spec.channel } : {}),
  };
  return warning(text, where, 'check the source for these dates; where the value was truly 0, write 0 (an empty cell is imputed, never read as 0)');
}

function signature(g: Gap): string {
  const weeks = g.weeks?.map((w) => `${w.start}:${w.imputed}/${w.days}`).join(',') ?? '';
  return [g.spec.column.file, g.unit, g.method, g.aggregate ?? '', g.inDroppedWeeks ?? 0, g.missing.join(','), weeks].join('|');
}

/**
 * One warning per file and set of missing dates (series missing on the same dates in the same
 * file, like a channel's spend, impressions and clicks, share a message), in the order found.
 */
export function describeGaps(gaps: readonly Gap[]): UserError[] {
  const groups = new Map<string, Gap[]>();
  for (const g of gaps) {
    if (g.missing.length === 0) continue;
    const key = signature(g);
    if (groups.has(key)) groups.get(key)!.push(g);
    else groups.set(key, [g]);
  }
  const all = [...groups.values()];
  const out = all.slice(0, MAX_MESSAGES).map(describe);
  if (all.length > MAX_MESSAGES) {
    const rest = all.slice(MAX_MESSAGES).flat();
    out.push(warning(`${rest.length} more series have imputed values: ${seriesList(rest)}`, {}, 'each imputed cell is listed with the data'));
  }
  return out;
}

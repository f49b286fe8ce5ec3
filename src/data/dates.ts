// Reading a date column. The day/month order of "03/04/2021" cannot be told from one cell,
// so it is decided over the whole column: a first field above 12 means d/m/y, a second
// field above 12 means m/d/y; when no cell decides, the order whose dates fall on the most
// regular cadence wins and the choice is reported as ambiguous.
import { dayNumber } from './calendar';

export type DateOrder = 'dmy' | 'mdy';

export interface DateColumnReading {
  /** Day number per cell; NaN where the cell is empty or unreadable (see problems). */
  days: Float64Array;
  /** What was read, e.g. "yyyy-mm-dd" or "dd/mm/yyyy". */
  format: string;
  order: DateOrder | null;
  /** The order was a guess: no cell has a day above 12. */
  ambiguous: boolean;
  /** Cells in more than one layout (e.g. ISO and d/m/y). */
  mixed: boolean;
  /** Indices of empty cells. */
  empty: number[];
  problems: Array<{ index: number; reason: string }>;
}

export interface DateReadOptions {
  /** Force the order of a/b/yyyy cells. */
  order?: DateOrder;
  /** Accept Excel serial numbers and yyyymmdd integers (only for columns named like a date). */
  allowNumeric?: boolean;
}

type Kind = 'iso' | 'triplet' | 'named' | 'compact' | 'serial';
/**
 * One cell as classified. `layout` is how it is written, with its own separators and year
 * digits ("yyyy.mm.dd", "A-B-yy" where A and B become dd/mm once the column's order is
 * known), so the format is reported as the file writes it: "dd.mm.yyyy", not "dd/mm/yyyy".
 */
interface Cell { kind: Kind; a: number; b: number; y: number; layout: string }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = '(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const ISO_RE = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})([-/.])(\\d{1,2})${TIME}$`);
const TRIPLET_RE = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})([-/.])(\\d{4}|\\d{2})${TIME}$`);
const DAY_MON_RE = /^(\d{1,2})[- ]([a-z]{3,9})\.?[- ,]+(\d{4}|\d{2})$/i;
const MON_DAY_RE = /^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$/i;

function monthIndex(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? NaN : i + 1;
}

/** Two-digit years pivot as POSIX strptime %y does: 69-99 → 1900s, 00-68 → 2000s. */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n >= 69 ? 1900 + n : 2000 + n) : n;
}

function classify(s: string, allowNumeric: boolean): Cell | null {
  let m = ISO_RE.exec(s);
  if (m) return { kind: 'iso', y: Number(m[1]), a: Number(m[3]), b: Number(m[5]), layout: `yyyy${m[2]}mm${m[4]}dd` };
  m = TRIPLET_RE.exec(s);
  if (m) return { kind: 'triplet', a: Number(m[1]), b: Number(m[3]), y: fullYear(m[5]), layout: `A${m[2]}B${m[4]}${m[5].length === 2 ? 'yy' : 'yyyy'}` };
  m = DAY_MON_RE.exec(s);
  if (m) return { kind: 'named', a: monthIndex(m[2]), b: Number(m[1]), y: fullYear(m[3]), layout: 'day and month name' };
  m = MON_DAY_RE.exec(s);
  if (m) return { kind: 'named', a: monthIndex(m[1]), b: Number(m[2]), y: Number(m[3]), layout: 'day and month name' };
  if (!allowNumeric) return null;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return { kind: 'compact', y: Number(m[1]), a: Number(m[2]), b: Number(m[3]), layout: 'yyyymmdd' };
  if (/^\d{4,6}(\.0+)?$/.test(s)) return { kind: 'serial', a: Number(s), b: 0, y: 0, layout: 'Excel serial number' };
  return null;
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01 and Excel counts a 29 Feb 1900 that never
 * existed (Microsoft KB 214326), so from serial 61 on, day = serial − 25569.
 */
export function excelSerialToDay(serial: number): number {
  if (!Number.isInteger(serial) || serial < 61 || serial > 2_958_465) return NaN;
  return serial - 25_569;
}

function toDay(c: Cell, order: DateOrder): number {
  switch (c.kind) {
    case 'iso':
    case 'compact':
    case 'named':
      return dayNumber(c.y, c.a, c.b);
    case 'triplet':
      return order === 'dmy' ? dayNumber(c.y, c.b, c.a) : dayNumber(c.y, c.a, c.b);
    case 'serial':
      return excelSerialToDay(c.a);
  }
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const MIN_DAY = dayNumber(FIRST_YEAR, 1, 1);
const MAX_DAY = dayNumber(LAST_YEAR, 12, 31);

/** Distinct date texts whose reading readDateColumn keeps for reuse. */
const DISTINCT_DATES_KEPT = 1 << 14;

export function readDateColumn(cells: readonly string[], options: DateReadOptions = {}): DateColumnReading {
  const parsed: Array<Cell | null> = [];
  const empty: number[] = [];
  const problems: DateColumnReading['problems'] = [];
  const layouts = new Map<string, number>();
  // A geo-level or long file repeats each date once per geo or series (400 geos: 400 times);
  // a cell's reading depends only on its text, so each distinct text is classified once and
  // its (immutable) reading shared.
  const seen = new Map<string, Cell | null>();
  cells.forEach((raw, i) => {
    const s = raw.trim();
    if (s === '') {
      empty.push(i);
      parsed.push(null);
      return;
    }
    let c = seen.get(s);
    if (c === undefined) {
      c = classify(s, options.allowNumeric ?? false);
      // Bounded: a column of distinct dates (1900-2200 daily is 110k) stops filling it.
      if (seen.size < DISTINCT_DATES_KEPT) seen.set(s, c);
    }
    parsed.push(c);
    if (c) layouts.set(c.layout, (layouts.get(c.layout) ?? 0) + 1);
    else problems.push({ index: i, reason: `"${s.length > 30 ? s.slice(0, 27) + '...' : s}" is not a date` });
  });
  const { order, ambiguous } = decideOrder(parsed, options.order);
  const days = new Float64Array(cells.length).fill(NaN);
  parsed.forEach((c, i) => {
    if (!c) return;
    const d = toDay(c, order);
    if (Number.isNaN(d)) problems.push({ index: i, reason: invalidReason(cells[i].trim(), c, order) });
    else if (d < MIN_DAY || d > MAX_DAY) problems.push({ index: i, reason: `${cells[i].trim()} is outside ${FIRST_YEAR}-${LAST_YEAR}` });
    else days[i] = d;
  });
  problems.sort((p, q) => p.index - q.index);
  const hasTriplets = parsed.some((c) => c?.kind === 'triplet');
  return {
    days,
    format: describe(layouts, order),
    order: hasTriplets ? order : null,
    ambiguous: hasTriplets && ambiguous,
    mixed: layouts.size > 1,
    empty,
    problems,
  };
}

function invalidReason(s: string, c: Cell, order: DateOrder): string {
  if (c.kind === 'triplet') return `${s} is not a valid date read as ${layoutText(c.layout, order)} (${orderWords(order)})`;
  if (c.kind === 'serial') return `${s} is not an Excel date serial number in range`;
  return `${s} is not a valid calendar date`;
}

function decideOrder(parsed: Array<Cell | null>, forced?: DateOrder): { order: DateOrder; ambiguous: boolean } {
  if (forced) return { order: forced, ambiguous: false };
  let dmyVotes = 0;
  let mdyVotes = 0;
  for (const c of parsed) {
    if (c?.kind !== 'triplet') continue;
    if (c.a > 12 && c.b <= 12) dmyVotes++;
    if (c.b > 12 && c.a <= 12) mdyVotes++;
  }
  if (!parsed.some((c) => c?.kind === 'triplet')) return { order: 'dmy', ambiguous: false }; // nothing to decide
  if (dmyVotes !== mdyVotes) return { order: dmyVotes > mdyVotes ? 'dmy' : 'mdy', ambiguous: false };
  if (dmyVotes > 0) return { order: 'dmy', ambiguous: false }; // a tie of real conflicts: cells get reported
  const dmy = cadenceScore(parsed, 'dmy');
  const mdy = cadenceScore(parsed, 'mdy');
  return { order: mdy > dmy ? 'mdy' : 'dmy', ambiguous: true };
}

/** How many consecutive rows are one modal step apart (the data's cadence) under an order. */
function cadenceScore(parsed: Array<Cell | null>, order: DateOrder): number {
  const days = parsed.filter((c): c is Cell => c !== null).map((c) => toDay(c, order));
  const counts = new Map<number, number>();
  for (let i = 1; i < days.length; i++) {
    const d = Math.abs(days[i] - days[i - 1]);
    if (Number.isFinite(d) && d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  for (const n of counts.values()) best = Math.max(best, n);
  const valid = days.filter(Number.isFinite).length;
  return best * 1e6 + valid; // regular cadence first, then the number of valid dates
}

/** The order in words, separator-free: true of "03.04.2021" and "03/04/2021" alike. */
export function orderWords(order: DateOrder): string {
  return order === 'dmy' ? 'day-month-year' : 'month-day-year';
}

/** A cell layout with the column's order filled in: "A.B.yyyy" → "dd.mm.yyyy" under d/m/y. */
function layoutText(layout: string, order: DateOrder): string {
  const [first, second] = order === 'dmy' ? ['dd', 'mm'] : ['mm', 'dd'];
  return layout.replace('A', first).replace('B', second); // only a triplet's layout holds A and B
}

/** The layouts of a column, most common first, each as the file writes it. */
function describe(layouts: Map<string, number>, order: DateOrder): string {
  const sorted = [...layouts.entries()].sort((p, q) => q[1] - p[1]);
  return sorted.length ? sorted.map(([l]) => layoutText(l, order)).join(' + ') : 'none';
}

/**
 * Whether a cell is written like a date, valid or not ("2021-02-31" is; "Total" is not):
 * a mistyped date is an error to report, a label is not a date at all.
 */
export function dateShaped(cell: string, allowNumeric: boolean): boolean {
  return classify(cell.trim(), allowNumeric) !== null;
}

/** Whether a cell reads as a date on its own (used by role detection). */
export function looksLikeDate(cell: string): boolean {
  const c = classify(cell.trim(), false);
  if (!c) return false;
  return Number.isFinite(toDay(c, 'dmy')) || Number.isFinite(toDay(c, 'mdy'));
}

// detectRoles: a proposed role for every column, with the reason, for the user to edit.
// Order of evidence: the format's own contract (hints), then the column's content (dates,
// text, constant), then its name (role-rules.ts). Unrecognised numeric columns become
// controls: leaving a real driver out biases the media effects more than an extra control.
import { readDateColumn } from './dates';
import { plural } from './errors';
import { channelOf, isCalendarName, isControlName, isDateName, targetRank } from './role-rules';
import type { ColumnRole, Frame, FrameColumn, ParsedInput, RoleAssignment } from './types';

/** Text controls with more levels than this are ignored (one-hot would add too many columns). */
export const MAX_TEXT_LEVELS = 20;

export function textLevels(c: FrameColumn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of c.cells ?? []) if (cell !== '') counts.set(cell, (counts.get(cell) ?? 0) + 1);
  return counts;
}

/** A cell quoted in a reason, cut to fit a line. */
function quote(cell: string): string {
  return `"${cell.length > 24 ? cell.slice(0, 21) + '...' : cell}"`;
}

/**
 * The cells of a column that are not numbers, in words: 'row 3 ("abc")', 'row 3 ("abc"),
 * row 9 ("n/k") and 4 more cells'; '' when there are none (or none were kept).
 */
export function badCellsText(c: FrameColumn): string {
  const examples = c.badExamples ?? [];
  if (c.badCells === 0 || examples.length === 0) return '';
  const listed = examples.map((e) => `row ${e.row} (${quote(e.cell)})`);
  const more = c.badCells - examples.length;
  if (more > 0) return `${listed.join(', ')} and ${plural(more, 'more cell', 'more cells')}`;
  return listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
}

/** Numbers read in a column (empty cells and bad cells are NaN). */
function numberCount(c: FrameColumn): number {
  let n = 0;
  for (const v of c.values) if (!Number.isNaN(v)) n++;
  return n;
}

/** The reason of a numeric role, with the column's bad cells named (they block the build). */
function withBadCells(role: ColumnRole, c: FrameColumn): ColumnRole {
  const numeric = role.role === 'target' || role.role === 'channel' || (role.role === 'control' && c.kind !== 'text');
  const bad = numeric ? badCellsText(c) : '';
  return bad ? { ...role, reason: `${role.reason}; numeric except ${bad}: fix or clear ${c.badCells === 1 ? 'that cell' : 'those cells'}` } : role;
}

function isConstant(c: FrameColumn): boolean {
  let first = NaN;
  for (const v of c.values) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function isBinary(c: FrameColumn): boolean {
  return c.values.every((v) => Number.isNaN(v) || v === 0 || v === 1);
}

/** How well a column reads as dates: share of cells that are valid dates. */
function dateShare(c: FrameColumn): number {
  if (c.days) return 1;
  if (!c.cells || c.kind === 'empty') return 0;
  const numeric = c.kind === 'number';
  if (numeric && !isDateName(c.name)) return 0; // Excel serials only in a column named like a date
  const r = readDateColumn(c.cells, { allowNumeric: numeric });
  const filled = c.cells.length - r.empty.length;
  return filled ? (filled - r.problems.length) / filled : 0;
}

/** The column detectRoles proposes as the date, if any (also what "What was read" dates). */
export function dateColumnOf(frame: Frame): FrameColumn | undefined {
  return chooseDate(frame.columns, frame.fixedDate);
}

function chooseDate(columns: FrameColumn[], fixed: string | null): FrameColumn | undefined {
  if (fixed) return columns.find((c) => c.name === fixed);
  const hinted = columns.find((c) => c.hint?.role === 'date');
  if (hinted) return hinted;
  const scored = columns.map((c) => ({ c, share: dateShare(c), named: isDateName(c.name) }));
  const good = scored.filter((s) => s.share >= 0.9);
  return (good.find((s) => s.named) ?? good[0])?.c;
}

function chooseTarget(columns: FrameColumn[]): FrameColumn | undefined {
  const hinted = columns.find((c) => c.hint?.role === 'target');
  if (hinted) return hinted;
  const ranked = columns
    .filter((c) => c.kind === 'number' && !c.hint)
    .map((c) => ({ c, rank: targetRank(c.name) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  return ranked[0]?.c;
}

function roleOf(c: FrameColumn, rowCount: number): ColumnRole {
  const column = c.name;
  if (c.hint?.role === 'channel' && c.badCells === 0 && c.values.every((v) => Number.isNaN(v) || v === 0)) {
    return { column, role: 'ignored', reason: `channel ${c.hint.channel} has no ${c.hint.measure} in any row` };
  }
  // A format's control that holds text goes through the text rules below: one-hot encoding
  // a Meridian *_control of free text would add a control per distinct value.
  if (c.hint && c.hint.role !== 'date' && c.hint.role !== 'target' && !(c.hint.role === 'control' && c.kind === 'text')) return { column, ...c.hint };
  if (c.kind === 'empty') return { column, role: 'ignored', reason: 'the column is empty' };
  if (isCalendarName(c.name)) return { column, role: 'ignored', reason: 'a calendar index; the model builds its own seasonality' };
  if (c.kind === 'date') return { column, role: 'ignored', reason: 'another date column' };
  if (c.kind === 'text') {
    const levels = textLevels(c).size;
    if (levels === 1) return { column, role: 'ignored', reason: 'text with 1 value: nothing to tell periods apart' };
    if (levels <= MAX_TEXT_LEVELS && levels <= rowCount / 2) {
      return { column, role: 'control', reason: `text with ${plural(levels, 'value')}: one-hot encoded, the most common value is the reference` };
    }
    const numbers = numberCount(c);
    if (numbers > 0) {
      // Mostly text with some numbers: say how mixed, in case it was meant to be numeric.
      return { column, role: 'ignored', reason: `text: ${c.badCells} of ${c.badCells + numbers} filled cells ${c.badCells === 1 ? 'is not a number' : 'are not numbers'} (${badCellsText(c)})` };
    }
    return { column, role: 'ignored', reason: `text with ${levels} different values` };
  }
  const ch = channelOf(c.name);
  // A numeric column with no cell read as a number (all "12%") is neither constant nor 0/1:
  // it keeps the role its name gives, and its cells are named when it is built.
  const numbers = numberCount(c) > 0;
  // No number and no unreadable cell: empty, however the format typed it (a Meridian geo
  // column of a trailing separator is summed to NaN as a 'number' column).
  if (!numbers && c.badCells === 0) return { column, role: 'ignored', reason: 'the column is empty' };
  if (numbers && isConstant(c)) {
    return { column, role: 'ignored', reason: ch ? `looks like channel ${ch.channel} but has the same ${ch.measure} in every row` : 'the same value in every row' };
  }
  if (ch && !isControlName(c.name)) return { column, role: 'channel', channel: ch.channel, measure: ch.measure, reason: `channel ${ch.measure}: ${ch.rule}` };
  if (numbers && isBinary(c)) return { column, role: 'control', aggregate: 'max', reason: 'a 0/1 indicator' };
  if (isControlName(c.name)) return { column, role: 'control', reason: 'context (event, price, competitor, trend, ...)' };
  return { column, role: 'control', reason: 'numeric, not recognised as media or outcome: kept as a control (change if it is a channel)' };
}

export function detectRoles(parsed: ParsedInput): RoleAssignment {
  const { columns, rowCount, fixedDate } = parsed.frame;
  const date = chooseDate(columns, fixedDate);
  const target = chooseTarget(columns.filter((c) => c !== date));
  const proposed = columns.map((c): ColumnRole => {
    if (c === date) return { column: c.name, role: 'date', reason: c.hint?.reason ?? (isDateName(c.name) ? 'named like a date and every cell is one' : 'every cell is a date') };
    if (c === target) return withBadCells({ column: c.name, role: 'target', reason: c.hint?.reason ?? 'named like an outcome (y, revenue, sales, conversions, ...)' }, c);
    if (c.hint?.role === 'target' || c.hint?.role === 'date') return { column: c.name, role: 'ignored', reason: 'another candidate' };
    return withBadCells(roleOf(c, rowCount), c);
  });
  return { columns: withoutIdleChannels(columns, proposed) };
}

/** The channel and measure a column's name (or its format's hint) gives, if any. */
function channelMeasure(c: FrameColumn): { channel: string; measure: string } | null {
  if (c.hint?.role === 'channel' && c.hint.channel) return { channel: c.hint.channel, measure: c.hint.measure ?? 'spend' };
  return channelOf(c.name);
}

/**
 * A channel whose spend column has no spend in any row is left out whole: its impressions or
 * clicks alone would leave a channel without spend, an error ("has no spend column") for a
 * channel the data says was not bought (Meridian Channel0_spend all 0 beside its
 * Channel0_impression; Robyn facebook_S all 0 beside facebook_I).
 */
function withoutIdleChannels(columns: FrameColumn[], roles: ColumnRole[]): ColumnRole[] {
  const idle = new Map<string, string>();
  columns.forEach((c, i) => {
    const cm = channelMeasure(c);
    if (cm?.measure === 'spend' && roles[i].role === 'ignored' && c.kind === 'number' && c.badCells === 0 && c.values.every((v) => Number.isNaN(v) || v === 0)) idle.set(cm.channel, c.name);
  });
  if (idle.size === 0) return roles;
  const spendOf = (ch: string | undefined) => (ch === undefined ? undefined : idle.get(ch));
  const hasSpend = new Set(roles.filter((r) => r.role === 'channel' && (r.measure ?? 'spend') === 'spend').map((r) => r.channel));
  return roles.map((r) => {
    const spend = r.role === 'channel' && !hasSpend.has(r.channel) ? spendOf(r.channel) : undefined;
    return spend ? { column: r.column, role: 'ignored', reason: `channel ${r.channel} has no spend in any row (${spend})` } : r;
  });
}

/**
 * Change one column's role (for the UI). There is one date and one target: giving the role
 * to a column takes it from the one that had it.
 */
export function setRole(roles: RoleAssignment, column: string, change: Omit<ColumnRole, 'column' | 'reason'>): RoleAssignment {
  const unique = change.role === 'date' || change.role === 'target';
  return {
    columns: roles.columns.map((r) => {
      if (r.column === column) return { column, ...change, reason: 'set by you' };
      if (unique && r.role === change.role) return { column: r.column, role: 'ignored', reason: `was the ${change.role}; replaced by ${column}` };
      return r;
    }),
  };
}

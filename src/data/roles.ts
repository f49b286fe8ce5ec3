// detectRoles: a proposed role for every column, with the reason, for the user to edit.
// Order of evidence: the format's own contract (hints), then the column's content (dates,
// text, constant), then its name (role-rules.ts). Unrecognised numeric columns become
// controls: leaving a real driver out biases the media effects more than an extra control.
import { readDateColumn } from './dates';
import { channelOf, isCalendarName, isControlName, isDateName, targetRank } from './role-rules';
import type { ColumnRole, FrameColumn, ParsedInput, RoleAssignment } from './types';

/** Text controls with more levels than this are ignored (one-hot would add too many columns). */
export const MAX_TEXT_LEVELS = 20;

export function textLevels(c: FrameColumn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of c.cells ?? []) if (cell !== '') counts.set(cell, (counts.get(cell) ?? 0) + 1);
  return counts;
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
  if (c.hint?.role === 'channel' && c.values.every((v) => Number.isNaN(v) || v === 0)) {
    return { column, role: 'ignored', reason: `channel ${c.hint.channel} has no ${c.hint.measure} in any row` };
  }
  if (c.hint && c.hint.role !== 'date' && c.hint.role !== 'target') return { column, ...c.hint };
  if (c.kind === 'empty') return { column, role: 'ignored', reason: 'the column is empty' };
  if (isCalendarName(c.name)) return { column, role: 'ignored', reason: 'a calendar index; the model builds its own seasonality' };
  if (c.kind === 'date') return { column, role: 'ignored', reason: 'another date column' };
  if (c.kind === 'text') {
    const levels = textLevels(c).size;
    if (levels <= MAX_TEXT_LEVELS && levels <= rowCount / 2) {
      return { column, role: 'control', reason: `text with ${levels} values: one-hot encoded, the most common value is the reference` };
    }
    return { column, role: 'ignored', reason: `text with ${levels} different values` };
  }
  const ch = channelOf(c.name);
  if (isConstant(c)) {
    return { column, role: 'ignored', reason: ch ? `looks like channel ${ch.channel} but has the same ${ch.measure} in every row` : 'the same value in every row' };
  }
  if (ch && !isControlName(c.name)) return { column, role: 'channel', channel: ch.channel, measure: ch.measure, reason: `channel ${ch.measure}: ${ch.rule}` };
  if (isBinary(c)) return { column, role: 'control', aggregate: 'max', reason: 'a 0/1 indicator' };
  if (isControlName(c.name)) return { column, role: 'control', reason: 'context (event, price, competitor, trend, ...)' };
  return { column, role: 'control', reason: 'numeric, not recognised as media or outcome: kept as a control (change if it is a channel)' };
}

export function detectRoles(parsed: ParsedInput): RoleAssignment {
  const { columns, rowCount, fixedDate } = parsed.frame;
  const date = chooseDate(columns, fixedDate);
  const target = chooseTarget(columns.filter((c) => c !== date));
  return {
    columns: columns.map((c): ColumnRole => {
      if (c === date) return { column: c.name, role: 'date', reason: c.hint?.reason ?? (isDateName(c.name) ? 'named like a date and every cell is one' : 'every cell is a date') };
      if (c === target) return { column: c.name, role: 'target', reason: c.hint?.reason ?? 'named like an outcome (y, revenue, sales, conversions, ...)' };
      if (c.hint?.role === 'target' || c.hint?.role === 'date') return { column: c.name, role: 'ignored', reason: 'another candidate' };
      return roleOf(c, rowCount);
    }),
  };
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

// From a role assignment to the list of series to build, checking the assignment makes a
// model: one date, one target, at least one channel, each channel with a spend column.
import type { UserError } from '../core/types';
import { error } from './errors';
import { targetRank } from './role-rules';
import { badCellsText } from './roles';
import type { ControlAggregate, Frame, FrameColumn, Measure, RoleAssignment } from './types';
import { undatedColumns, undatedHint, undatedText } from './undated';

export interface PlannedSeries {
  /** Name in the dataset: the target's or control's column name, the channel name for spend, "<channel>.impressions" / ".clicks". */
  key: string;
  kind: 'target' | 'media' | 'control';
  column: FrameColumn;
  aggregate: ControlAggregate;
  /** A text control, one-hot encoded. */
  text: boolean;
  channel?: string;
  measure?: Measure;
}

export interface Plan {
  date: FrameColumn;
  target: PlannedSeries;
  channels: Array<{ name: string } & Partial<Record<Measure, PlannedSeries>>>;
  controls: PlannedSeries[];
}

function isBinary(c: FrameColumn): boolean {
  return c.values.every((v) => Number.isNaN(v) || v === 0 || v === 1);
}

export function mediaKey(channel: string, measure: Measure): string {
  return measure === 'spend' ? channel : `${channel}.${measure}`;
}

/**
 * "No target chosen", naming the columns named like a target that were read as text, with
 * their first cells that are not numbers: the usual cause is a typo or a note in the column.
 */
function noTarget(frame: Frame, fail: (message: string, hint: string, where?: Partial<UserError>) => void): void {
  const hint = 'mark the outcome column (sales, revenue, conversions, ...) as the target';
  const textual = frame.columns.filter((c) => c.kind === 'text' && targetRank(c.name) >= 0 && c.badCells > 0);
  if (textual.length === 0) return fail('No target chosen', hint);
  for (const c of textual) {
    fail(
      `No target chosen: column ${c.name} is named like one but is read as text (not numbers: ${badCellsText(c)})`,
      `correct or clear those cells so that the column reads as numbers, then ${hint}`,
      { file: c.file, column: c.name, row: c.badExamples?.[0]?.row },
    );
  }
}

export function resolvePlan(frame: Frame, roles: RoleAssignment, report: UserError[]): Plan | null {
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const before = report.length;
  const fail = (message: string, hint: string, where: Partial<UserError> = {}) => report.push(error(message, where, hint));
  let date: FrameColumn | undefined;
  let target: PlannedSeries | undefined;
  const channels = new Map<string, { name: string } & Partial<Record<Measure, PlannedSeries>>>();
  const controls: PlannedSeries[] = [];
  for (const r of roles.columns) {
    const column = byName.get(r.column);
    if (!column) {
      fail(`Column "${r.column}" is not in the data`, 'detect the roles again after changing files', { column: r.column });
      continue;
    }
    if (r.role === 'date') {
      if (date) fail(`Two date columns: ${date.name} and ${r.column}`, 'keep one column as the date', { column: r.column });
      date = column;
    } else if (r.role === 'target') {
      if (target) fail(`Two targets: ${target.key} and ${r.column}`, 'keep one column as the target', { column: r.column });
      target = { key: column.name, kind: 'target', column, aggregate: 'sum', text: false };
    } else if (r.role === 'channel') {
      const name = (r.channel ?? column.name).trim() || column.name;
      const measure = r.measure ?? 'spend';
      const ch = channels.get(name) ?? { name };
      channels.set(name, ch);
      if (ch[measure]) fail(`Channel ${name} has two ${measure} columns: ${ch[measure]!.column.name} and ${column.name}`, 'give each column its own channel or measure', { column: column.name, channel: name });
      ch[measure] = { key: mediaKey(name, measure), kind: 'media', column, aggregate: 'sum', text: false, channel: name, measure };
    } else if (r.role === 'control') {
      const text = column.kind === 'text';
      const aggregate = r.aggregate ?? (!text && isBinary(column) ? 'max' : 'mean');
      controls.push({ key: column.name, kind: 'control', column, aggregate, text });
    }
  }
  if (!date) {
    const undated = undatedColumns(frame);
    if (undated.length === 0) fail('No date column chosen', 'mark the column that holds the dates as the date');
    for (const u of undated) fail(`No date column chosen: column ${u.column.name} is named like a date but ${undatedText(u)}`, `${undatedHint(u)}, then mark it as the date`, { file: u.column.file, column: u.column.name, row: u.row });
  }
  else if (frame.fixedDate && date.name !== frame.fixedDate) fail(`This format is keyed by "${frame.fixedDate}"`, `keep ${frame.fixedDate} as the date column`, { column: date.name });
  if (!target) noTarget(frame, fail);
  if (channels.size === 0) fail('No channel chosen', 'mark at least one spend column as a channel');
  for (const ch of channels.values()) {
    const exposure = (ch.impressions ?? ch.clicks)?.column;
    if (!ch.spend) fail(`Channel ${ch.name} has no spend column`, `add its spend to the file, leave the channel out, or mark one of its columns as spend (e.g. ${exposure?.name} if you model exposure)`, { channel: ch.name, file: exposure?.file, column: exposure?.name });
  }
  if (report.length > before || !date || !target) return null;
  return { date, target, channels: [...channels.values()], controls };
}

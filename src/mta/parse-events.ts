// Reads the user-level event format, streaming:
//   user_id,timestamp,channel,conversion,value
//   u1,2024-03-01T09:00:00Z,paid_social,0,
//   u1,2024-03-03T18:20:00Z,email,1,49.90
// A row with a channel is a touch; conversion = 1 marks a conversion at that time (after the
// row's own touch, if it has a channel). Rows are kept column-wise; journeys are built per
// user at the end (journeys.ts), since a file need not be sorted by user or time.
import type { UserError } from '../core/types';
import { CsvScanner, fieldText, type CsvRecord } from './csv-scan';
import { EVENT_COLUMNS, findColumn, headerNames } from './columns';
import { ByteInterner } from './interner';
import { describePairs, findDuplicates, fnv1a, type RowColumns } from './duplicates';
import { buildJourneys, orderByUserAndTime } from './journeys';
import { parseNumber } from './parse-number';
import { parseTime } from './parse-time';
import { MAX_CHANNELS } from './table-builder';
import { DEFAULT_EVENT_OPTIONS, MAX_REPORTED_ERRORS, type EventOptions, type ParseOutcome } from './types';
import { ParseErrors } from './parse-errors';
import { grown } from './grow';

export interface EventParseOptions extends Partial<EventOptions> {
  file: string;
  delimiter?: string;
  expectedBytes?: number;
}

interface Columns {
  user: number;
  time: number;
  channel: number;
  conversion: number;
  value: number;
  needed: number;
}

class GrowingColumns implements RowColumns {
  user = new Int32Array(1024);
  time = new Float64Array(1024);
  channel = new Int32Array(1024);
  conversion = new Uint8Array(1024);
  value = new Float64Array(1024);
  row = new Int32Array(1024);
  hash = new Int32Array(1024);
  dateOnly = new Uint8Array(1024);
  length = 0;

  push(user: number, time: number, channel: number, conversion: number, value: number, row: number, hash: number, dateOnly: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.time[i] = time;
    this.channel[i] = channel;
    this.conversion[i] = conversion;
    this.value[i] = value;
    this.row[i] = row;
    this.hash[i] = hash;
    this.dateOnly[i] = dateOnly;
  }

  private grow(): void {
    const n = this.user.length * 2;
    this.user = grown(this.user, n);
    this.time = grown(this.time, n);
    this.channel = grown(this.channel, n);
    this.conversion = grown(this.conversion, n);
    this.value = grown(this.value, n);
    this.row = grown(this.row, n);
    this.hash = grown(this.hash, n);
    this.dateOnly = grown(this.dateOnly, n);
  }
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', '']);

export class EventParser {
  private readonly scanner: CsvScanner;
  private readonly users = new ByteInterner(false, 1 << 16);
  private readonly channels = new ByteInterner(true, 256);
  private readonly events = new GrowingColumns();
  private cols: Columns | null = null;
  private rows = 0;
  private minTime = Infinity;
  private maxTime = -Infinity;
  private readonly errs: ParseErrors;
  private readonly onRecord = (rec: CsvRecord) => this.record(rec);

  constructor(private readonly options: EventParseOptions) {
    this.scanner = new CsvScanner(options.delimiter);
    this.errs = new ParseErrors(options.file);
  }

  push(chunk: Uint8Array): void {
    if (!this.errs.fatal) this.scanner.push(chunk, this.onRecord);
  }

  finish(): ParseOutcome {
    if (!this.errs.fatal) this.scanner.finish(this.onRecord);
    if (!this.errs.fatal && !this.cols) this.errs.fail({ message: 'The file is empty.', hint: 'Choose a CSV with a header row: user_id,timestamp,channel,conversion,value.' });
    const opts: EventOptions = {
      lookbackDays: this.options.lookbackDays ?? DEFAULT_EVENT_OPTIONS.lookbackDays,
      inactivityDays: this.options.inactivityDays ?? DEFAULT_EVENT_OPTIONS.inactivityDays,
    };
    for (const [name, v] of [['lookback', opts.lookbackDays], ['inactivity', opts.inactivityDays]] as const) {
      if (!(v > 0 && Number.isFinite(v))) this.errs.fail({ message: `The ${name} window of ${v} days is not a positive number.`, hint: 'The default is 30 days.' });
    }
    const source = {
      file: this.options.file,
      format: 'events' as const,
      delimiter: this.scanner.delimiter,
      rows: this.rows,
      bytes: this.scanner.bytesSeen,
      firstTime: Number.isFinite(this.minTime) ? new Date(this.minTime).toISOString() : undefined,
      lastTime: Number.isFinite(this.maxTime) ? new Date(this.maxTime).toISOString() : undefined,
    };
    const none = { unattributedConversions: 0, unattributedValue: 0, touchesOutsideLookback: 0, journeysClosedByInactivity: 0 };
    if (this.errs.count > 0) return { table: null, source, stats: none, errors: this.errs.list, warnings: [], errorCount: this.errs.count };
    const ordered = orderByUserAndTime(this.events, this.users.size);
    const dup = findDuplicates(this.events, ordered.order, ordered.starts, MAX_REPORTED_ERRORS);
    const built = buildJourneys(this.events, this.users.size, this.channels.names, this.cols!.value >= 0, opts, ordered, dup.skip);
    const warnings = this.duplicateWarnings(dup);
    if (built.table.conversions.length === 0) {
      this.errs.fail({ message: 'No journey has a touch: every row is a conversion without a channel.', hint: 'Touch rows need a channel name.' });
      return { table: null, source, stats: built.stats, errors: this.errs.list, warnings, errorCount: this.errs.count };
    }
    if (built.stats.unattributedConversions > 0) {
      warnings.push({
        severity: 'warning',
        file: this.options.file,
        message: `${built.stats.unattributedConversions} conversion(s) had no touch in the ${opts.lookbackDays}-day lookback window and are not attributed.`,
        hint: 'Lengthen the lookback window if these users were reached earlier.',
      });
    }
    return { table: built.table, source, stats: built.stats, errors: this.errs.list, warnings, errorCount: 0 };
  }

  private record(rec: CsvRecord): void {
    if (this.errs.fatal) return;
    if (!this.cols) {
      this.header(rec);
      return;
    }
    this.rows++;
    const c = this.cols;
    if (rec.count < c.needed) {
      this.rowError(rec.row, undefined, `Row has ${rec.count} field(s); the header has at least ${c.needed}.`, `Check the delimiter ('${this.scanner.delimiter}') and quoting on this row.`);
      return;
    }
    const time = parseTime(rec.buf, rec.starts[c.time], rec.ends[c.time]);
    if (Number.isNaN(time)) {
      this.rowError(rec.row, 'timestamp', `"${fieldText(rec, c.time)}" is not a timestamp.`, 'Use ISO 8601 (2024-03-01T09:30:00Z) or Unix epoch seconds or milliseconds.');
      return;
    }
    const conversion = c.conversion >= 0 ? this.flag(rec, c.conversion) : 0;
    if (conversion < 0) return;
    let value = 0;
    if (c.value >= 0 && conversion === 1) {
      value = rec.ends[c.value] > rec.starts[c.value] ? parseNumber(rec.buf, rec.starts[c.value], rec.ends[c.value]) : 0;
      if (!Number.isFinite(value)) {
        this.rowError(rec.row, 'value', `"${fieldText(rec, c.value)}" is not a number.`, 'Leave it empty for no value.');
        return;
      }
      if (value < 0) {
        this.rowError(
          rec.row,
          'value',
          `The conversion value ${fieldText(rec, c.value).trim()} is negative.`,
          'A conversion is credited with its value, so it must be 0 or more. If the row is a refund or a return, leave it out (or net it into the sale it undoes); if the minus sign is an export error, remove it.',
        );
        return;
      }
    }
    const channel = this.channel(rec, c.channel);
    if (channel === -2) return;
    if (channel < 0 && conversion === 0) {
      this.rowError(rec.row, 'channel', 'The row has no channel and is not a conversion.', 'Give the channel of the touch, or mark the row as a conversion.');
      return;
    }
    const user = this.users.intern(rec.buf, rec.starts[c.user], rec.ends[c.user]);
    this.events.push(user, time, channel, conversion, value, rec.row, otherFieldsHash(rec, c), dateOnly(rec, c.time));
    if (time < this.minTime) this.minTime = time;
    if (time > this.maxTime) this.maxTime = time;
  }

  private header(rec: CsvRecord): void {
    const names = headerNames(rec);
    const user = findColumn(names, EVENT_COLUMNS.user);
    const time = findColumn(names, EVENT_COLUMNS.time);
    const channel = findColumn(names, EVENT_COLUMNS.channel);
    const conversion = findColumn(names, EVENT_COLUMNS.conversion);
    const value = findColumn(names, EVENT_COLUMNS.value);
    const missing = [user < 0 ? 'user_id' : '', time < 0 ? 'timestamp' : '', channel < 0 ? 'channel' : '', conversion < 0 ? 'conversion' : ''].filter(Boolean);
    if (missing.length > 0) {
      this.errs.fail({
        row: 1,
        message: `No ${missing.join(', ')} column in the header (found: ${names.join(', ') || 'nothing'}).`,
        hint: 'Event files need columns user_id, timestamp, channel, conversion (0/1), and optionally value. Aggregated paths use the path format.',
      });
      return;
    }
    this.cols = { user, time, channel, conversion, value, needed: Math.max(user, time, channel, conversion, value) + 1 };
  }

  /** 1 / 0, or -1 after reporting. */
  private flag(rec: CsvRecord, i: number): number {
    if (rec.ends[i] - rec.starts[i] === 1) {
      const b = rec.buf[rec.starts[i]];
      if (b === 0x31) return 1;
      if (b === 0x30) return 0;
    }
    const text = fieldText(rec, i).trim().toLowerCase();
    if (TRUE_WORDS.has(text)) return 1;
    if (FALSE_WORDS.has(text)) return 0;
    this.rowError(rec.row, 'conversion', `"${text}" is not 0 or 1.`, 'Mark conversions with 1 (or true) and touches with 0.');
    return -1;
  }

  /** Channel id, -1 for an empty channel, -2 after a fatal error. */
  private channel(rec: CsvRecord, i: number): number {
    let a = rec.starts[i];
    let b = rec.ends[i];
    while (a < b && rec.buf[a] === 0x20) a++;
    while (b > a && rec.buf[b - 1] === 0x20) b--;
    if (a === b) return -1;
    const id = this.channels.intern(rec.buf, a, b);
    if (id >= MAX_CHANNELS) {
      this.errs.fail({ row: rec.row, column: 'channel', message: `More than ${MAX_CHANNELS} distinct channels.`, hint: 'Group channels before attributing.' });
      return -2;
    }
    return id;
  }

  private duplicateWarnings(dup: ReturnType<typeof findDuplicates>): UserError[] {
    const out: UserError[] = [];
    const file = this.options.file;
    if (dup.dropped > 0) {
      out.push({
        severity: 'warning',
        file,
        row: dup.droppedPairs[0].row,
        message: `${dup.dropped} row(s) repeat an earlier row exactly (same user, time, channel, conversion and value) and are counted once: ${describePairs(dup.droppedPairs, dup.dropped)}.`,
        hint: 'Identical rows to the same instant are an export repeating events. If they really are separate events, give each a distinct timestamp or an event id column.',
      });
    }
    if (dup.sameDay > 0) {
      out.push({
        severity: 'warning',
        file,
        row: dup.sameDayPairs[0].row,
        message: `${dup.sameDay} row(s) repeat an earlier row exactly but their timestamp is a date only, so they are kept as separate events: ${describePairs(dup.sameDayPairs, dup.sameDay)}.`,
        hint: 'Two events on the same day look like this too. If these are one event exported twice, remove the copies, or export timestamps with the time of day so copies are found and counted once.',
      });
    }
    return out;
  }

  private rowError(row: number, column: string | undefined, message: string, hint: string): void {
    this.errs.row(row, column, { message, hint });
  }
}

/**
 * Hash of the bytes of the fields other than user, time, channel and conversion (those are
 * compared as read: interned ids, epoch ms, the 0/1 flag), fields kept apart by a separator
 * byte. The value column is hashed as text, since a touch row's value is not read. A plain
 * five-column file hashes one short field per row.
 */
function otherFieldsHash(rec: CsvRecord, c: Columns): number {
  let h = 0x811c9dc5;
  for (let f = 0; f < rec.count; f++) {
    if (f === c.user || f === c.time || f === c.channel || f === c.conversion) continue;
    h = fnv1a(rec.buf, rec.starts[f], rec.ends[f], Math.imul(h ^ 0x1f, 0x01000193));
  }
  return h;
}

/** 1 when the timestamp field is a date (YYYY-MM-DD) with no time of day. */
function dateOnly(rec: CsvRecord, i: number): number {
  let a = rec.starts[i];
  let b = rec.ends[i];
  while (a < b && rec.buf[a] === 0x20) a++;
  while (b > a && rec.buf[b - 1] === 0x20) b--;
  return b - a === 10 && rec.buf[a + 4] === 0x2d && rec.buf[a + 7] === 0x2d ? 1 : 0;
}

export function parseEventBytes(bytes: Uint8Array, options: EventParseOptions): ParseOutcome {
  const p = new EventParser({ expectedBytes: bytes.length, ...options });
  p.push(bytes);
  return p.finish();
}

// Exact duplicate rows of an event file: the same user, instant, channel and conversion flag,
// and the same text in every other column, value included (so an extra column such as an event
// or transaction id that differs keeps two rows apart). Read as two events, a duplicated conversion row that
// carries its touch becomes a second converting journey (300 journeys read as 303).
//
// What a user expects: event exports repeat rows by mistake. GA4's BigQuery export is known to
// hold exact duplicate events, and the usual clean-up is to keep one row per identical set of
// fields (user_pseudo_id, event_timestamp in µs, event name and params); GA4 itself counts a
// purchase once per transaction_id. Two real events are never identical to the microsecond,
// nor in practice to the second. So rows whose timestamp has a time of day are counted once,
// with a warning naming them. A date-only timestamp cannot tell one event exported twice from
// two same-day events (two clicks on the same ad on the same day are ordinary), so those rows
// are kept, with a warning naming them and saying how to remove them if they are copies.
import type { EventColumns } from './journeys';

/** Event columns with what duplicate detection needs besides the parsed fields. */
export interface RowColumns extends EventColumns {
  /** Spreadsheet row of each event (header = 1). */
  row: Int32Array;
  /** FNV-1a hash of the bytes of the row's other fields (all but user, time, channel, conversion). */
  hash: Int32Array;
  /** 1 when the timestamp is a date without a time of day. */
  dateOnly: Uint8Array;
}

/** A later row identical to an earlier one. */
export interface DuplicatePair {
  row: number;
  of: number;
}

export interface DuplicateScan {
  /** 1 for the events to leave out (the later copies of timed rows), or null when none. */
  skip: Uint8Array | null;
  /** Timed copies left out: count, and the first `keep` pairs in file order. */
  dropped: number;
  droppedPairs: DuplicatePair[];
  /** Date-only copies kept: count, and the first `keep` pairs. */
  sameDay: number;
  sameDayPairs: DuplicatePair[];
}

/** Rows of one instant compared with at most this many earlier rows of it (bounds a pathological file). */
const MAX_COMPARED = 64;

/** FNV-1a (32-bit) over bytes [a, b) continuing from `h` (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
export function fnv1a(buf: Uint8Array, a: number, b: number, h = 0x811c9dc5): number {
  for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h | 0;
}

function same(ev: RowColumns, i: number, j: number): boolean {
  return ev.hash[i] === ev.hash[j] && ev.channel[i] === ev.channel[j] && ev.conversion[i] === ev.conversion[j] && Object.is(ev.value[i], ev.value[j]);
}

/**
 * Finds identical rows among events ordered by user then time (orderByUserAndTime): copies are
 * equal in time, so they sit in one run of equal times within a user's group.
 */
export function findDuplicates(ev: RowColumns, order: Uint32Array, starts: Uint32Array, keep: number): DuplicateScan {
  const scan: DuplicateScan = { skip: null, dropped: 0, droppedPairs: [], sameDay: 0, sameDayPairs: [] };
  for (let u = 0; u + 1 < starts.length; u++) {
    let runStart = starts[u];
    for (let k = starts[u] + 1; k < starts[u + 1]; k++) {
      const i = order[k];
      if (ev.time[i] !== ev.time[order[k - 1]]) {
        runStart = k;
        continue;
      }
      for (let m = Math.max(runStart, k - MAX_COMPARED); m < k; m++) {
        const j = order[m];
        if (scan.skip?.[j] === 1 || !same(ev, i, j)) continue;
        record(scan, ev, i, j, keep);
        break;
      }
    }
  }
  scan.droppedPairs.sort((a, b) => a.row - b.row);
  scan.sameDayPairs.sort((a, b) => a.row - b.row);
  return scan;
}

function record(scan: DuplicateScan, ev: RowColumns, i: number, j: number, keep: number): void {
  // Within a run, order is file order, so j is the earlier row.
  const pair = { row: ev.row[i], of: ev.row[j] };
  if (ev.dateOnly[i] === 1 || ev.dateOnly[j] === 1) {
    if (scan.sameDay++ < keep) scan.sameDayPairs.push(pair);
    return;
  }
  scan.skip ??= new Uint8Array(ev.length);
  scan.skip[i] = 1;
  if (scan.dropped++ < keep) scan.droppedPairs.push(pair);
}

/** "row 7 (same as row 3), row 9 (same as row 2) and 4 more" */
export function describePairs(pairs: DuplicatePair[], total: number): string {
  const listed = pairs.map((p) => `row ${p.row} (same as row ${p.of})`).join(', ');
  return total > pairs.length ? `${listed} and ${total - pairs.length} more` : listed;
}

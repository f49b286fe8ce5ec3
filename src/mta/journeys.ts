// Turns user-level events into journeys (rows of the path table).
//
// Per user, events in time order (ties keep file order):
// - a touch more than `inactivityDays` after the previous touch closes the open journey as
//   non-converting first; so does a conversion that long after the last touch;
// - a conversion closes the open journey as converting, crediting only the touches in the
//   `lookbackDays` before it (older ones are dropped and counted); a conversion with no touch
//   in the window is counted as unattributed, since every model needs a path;
// - what is still open at the end of the data is a non-converting journey, trimmed to the
//   lookback window before its last touch, so both kinds of journey span at most the window.
import { TableBuilder } from './table-builder';
import type { EventOptions, JourneyStats, PathTable } from './types';

const DAY_MS = 86_400_000;

export interface EventColumns {
  user: Int32Array;
  time: Float64Array;
  /** Channel id, or -1 for a conversion row without a touch. */
  channel: Int32Array;
  conversion: Uint8Array;
  value: Float64Array;
  length: number;
}

/** Event indices grouped by user (counting sort), each group sorted by time, stable. */
export function orderByUserAndTime(ev: EventColumns, users: number): { order: Uint32Array; starts: Uint32Array } {
  const starts = new Uint32Array(users + 1);
  for (let i = 0; i < ev.length; i++) starts[ev.user[i] + 1]++;
  for (let u = 0; u < users; u++) starts[u + 1] += starts[u];
  const fill = starts.slice(0, users);
  const order = new Uint32Array(ev.length);
  for (let i = 0; i < ev.length; i++) order[fill[ev.user[i]]++] = i;
  const t = ev.time;
  for (let u = 0; u < users; u++) {
    const a = starts[u];
    const b = starts[u + 1];
    if (b - a < 2) continue;
    // Indices within a group are ascending, so breaking time ties by index keeps file order.
    let sorted = true;
    for (let k = a + 1; k < b && sorted; k++) sorted = t[order[k - 1]] <= t[order[k]];
    if (!sorted) order.subarray(a, b).sort((i, j) => t[i] - t[j] || i - j);
  }
  return { order, starts };
}

/**
 * `ordered` is orderByUserAndTime(ev, users) when the caller has it already; events with
 * skip[i] = 1 (duplicates.ts: a row's later exact copies) are left out.
 */
export function buildJourneys(
  ev: EventColumns,
  users: number,
  channels: string[],
  hasValue: boolean,
  opts: EventOptions,
  ordered = orderByUserAndTime(ev, users),
  skip: Uint8Array | null = null,
): { table: PathTable; stats: JourneyStats } {
  const lookback = opts.lookbackDays * DAY_MS;
  const inactivity = opts.inactivityDays * DAY_MS;
  const { order, starts } = ordered;
  const b = new TableBuilder(ev.length / 4, ev.length, true);
  const stats: JourneyStats = { unattributedConversions: 0, unattributedValue: 0, touchesOutsideLookback: 0, journeysClosedByInactivity: 0 };
  const trim = (end: number) => {
    let k = 0;
    while (k < b.openTouches && end - b.openTouchTime(k) > lookback) k++;
    if (k > 0) {
      b.dropOpenTouches(k);
      stats.touchesOutsideLookback += k;
    }
  };
  const closeAsNull = () => {
    trim(b.openTouchTime(b.openTouches - 1));
    b.endRow(0, 0, 1);
  };
  for (let u = 0; u < users; u++) {
    let lastTouch = -Infinity;
    for (let k = starts[u]; k < starts[u + 1]; k++) {
      const i = order[k];
      if (skip !== null && skip[i] === 1) continue;
      const time = ev.time[i];
      if (b.openTouches > 0 && time - lastTouch > inactivity) {
        closeAsNull();
        stats.journeysClosedByInactivity++;
      }
      if (ev.channel[i] >= 0) {
        b.addTouch(ev.channel[i], time);
        lastTouch = time;
      }
      if (ev.conversion[i] === 1) {
        trim(time);
        if (b.openTouches > 0) b.endRow(1, ev.value[i], 0, time);
        else {
          stats.unattributedConversions++;
          stats.unattributedValue += ev.value[i];
        }
      }
    }
    if (b.openTouches > 0) closeAsNull();
  }
  return { table: b.build(channels, hasValue, true), stats };
}

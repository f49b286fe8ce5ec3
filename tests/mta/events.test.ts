// The event format: PathData expanded to one user per journey must give exactly the
// path-format results, and the journey rules (lookback, inactivity) on small hand cases.
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/mta/attribute';
import { parseEventBytes } from '../../src/mta/parse-events';
import type { AttributionResult, Credit, PathTable } from '../../src/mta/types';
import { pathData } from './helpers';

const enc = new TextEncoder();
const HOUR = 3_600_000;

/** Every journey of the table as event rows, users shuffled (seeded) so the file is not grouped. */
function expandToEvents(t: PathTable): Uint8Array {
  const users: string[][] = [];
  const base = Date.UTC(2024, 0, 1);
  for (let r = 0; r < t.conversions.length; r++) {
    const path = Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1]), (c) => t.channels[c]);
    const journeys = t.conversions[r] + t.nulls[r];
    for (let j = 0; j < journeys; j++) {
      const id = `u${users.length}`;
      const rows = path.map((ch, i) => `${id},${new Date(base + i * HOUR).toISOString()},${ch},0,`);
      if (j < t.conversions[r]) rows.push(`${id},${new Date(base + path.length * HOUR).toISOString()},,1,${t.value[r] / t.conversions[r]}`);
      users.push(rows);
    }
  }
  // Interleave: rows of all users in a seeded random order, each user's rows kept in time order
  // only by their timestamps (we reverse every other user to prove sorting works).
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  users.forEach((rows, u) => (u % 2 ? [...rows].reverse() : rows).forEach((l) => lines.push(l)));
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return enc.encode(['user_id,timestamp,channel,conversion,value', ...lines].join('\n') + '\n');
}

function expectSameCredit(a: Credit | null, b: Credit | null, ca: string[], cb: string[]): void {
  expect(a === null).toBe(b === null);
  if (!a || !b) return;
  for (let i = 0; i < ca.length; i++) {
    const j = cb.indexOf(ca[i]);
    expect(Math.abs(a.conversions[i] - b.conversions[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.conversions[j])));
    expect(Math.abs(a.value[i] - b.value[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.value[j])));
  }
}

describe('PathData through the event format', () => {
  it('gives the same results as the path format for every model', () => {
    const paths = pathData();
    const events = parseEventBytes(expandToEvents(paths), { file: 'pathdata-events.csv' });
    expect(events.errors).toEqual([]);
    const t = events.table!;
    expect(t.conversions.length).toBe(19_785 + 68_602);
    expect(events.stats.unattributedConversions).toBe(0);
    expect(events.stats.touchesOutsideLookback).toBe(0);
    const settings = { timeDecayUnit: 'touches' as const };
    const a: AttributionResult = attribute(t, settings);
    const b: AttributionResult = attribute(paths, settings);
    expect(a.totals.conversions).toBe(b.totals.conversions);
    expect(a.totals.journeys).toBe(b.totals.journeys);
    for (const m of Object.keys(b.heuristics) as Array<keyof AttributionResult['heuristics']>) {
      expectSameCredit(a.heuristics[m], b.heuristics[m], a.channels, b.channels);
    }
    expectSameCredit(a.shapley, b.shapley, a.channels, b.channels);
    expectSameCredit(a.shapleyFull, b.shapleyFull, a.channels, b.channels);
    expect(a.markov.map((m) => m.order)).toEqual([1, 2, 3]);
    for (let k = 0; k < 3; k++) {
      expect(a.markov[k].states).toBe(b.markov[k].states);
      expectSameCredit(a.markov[k].credit, b.markov[k].credit, a.channels, b.channels);
    }
  });
});

function events(lines: string[], opts = {}) {
  return parseEventBytes(enc.encode(['user_id,timestamp,channel,conversion,value', ...lines].join('\n')), { file: 'e.csv', ...opts });
}

function journeys(t: PathTable): Array<{ path: string[]; conv: number; nulls: number; value: number }> {
  return Array.from({ length: t.conversions.length }, (_, r) => ({
    path: Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1]), (c) => t.channels[c]),
    conv: t.conversions[r],
    nulls: t.nulls[r],
    value: t.value[r],
  }));
}

describe('journey rules', () => {
  it('drops touches older than the lookback window and counts them', () => {
    const out = events(['a,2024-01-01,search,0,', 'a,2024-01-20,email,0,', 'a,2024-02-10,social,0,', 'a,2024-02-12,,1,10']);
    // Gaps are 19, 21 and 2 days: no inactivity break at 30 days. The conversion on Feb 12
    // looks back to Jan 13: the Jan 1 touch is dropped.
    expect(journeys(out.table!)).toEqual([{ path: ['email', 'social'], conv: 1, nulls: 0, value: 10 }]);
    expect(out.stats.touchesOutsideLookback).toBe(1);
  });

  it('closes a journey as non-converting after the inactivity gap', () => {
    const out = events(['b,2024-01-01T00:00:00Z,search,0,', 'b,2024-03-01T00:00:00Z,email,1,5', 'b,2024-03-02T00:00:00Z,social,0,']);
    expect(journeys(out.table!)).toEqual([
      { path: ['search'], conv: 0, nulls: 1, value: 0 },
      { path: ['email'], conv: 1, nulls: 0, value: 5 },
      { path: ['social'], conv: 0, nulls: 1, value: 0 },
    ]);
    expect(out.stats.journeysClosedByInactivity).toBe(1);
  });

  it('counts a conversion without touches in the window as unattributed, with a warning', () => {
    const out = events(['c,1700000000,,1,7', 'd,1700000000000,display,0,']);
    expect(out.stats.unattributedConversions).toBe(1);
    expect(out.stats.unattributedValue).toBe(7);
    expect(out.warnings[0].message).toMatch(/1 conversion/);
    // Epoch seconds and milliseconds land on the same instant.
    expect(out.source.firstTime).toBe(out.source.lastTime);
  });

  it('honours shorter windows given as options', () => {
    const out = events(['e,2024-01-01,search,0,', 'e,2024-01-05,email,0,', 'e,2024-01-06,,1,1'], { lookbackDays: 3, inactivityDays: 2 });
    // Jan 1 -> Jan 5 is a 4-day gap > 2: search alone is a non-converting journey.
    expect(journeys(out.table!)).toEqual([
      { path: ['search'], conv: 0, nulls: 1, value: 0 },
      { path: ['email'], conv: 1, nulls: 0, value: 1 },
    ]);
  });

  it('time decay in days weighs touches by 2^(-age / half-life)', () => {
    const out = events(['f,2024-01-01,search,0,', 'f,2024-01-08,email,0,', 'f,2024-01-08,,1,100']);
    const r = attribute(out.table!);
    expect(r.timeDecayUnit).toBe('days');
    // Ages 7 and 0 days with a 7-day half-life: weights 1/2 and 1, shares 1/3 and 2/3.
    const search = out.table!.channels.indexOf('search');
    expect(r.heuristics.time_decay.conversions[search]).toBeCloseTo(1 / 3, 14);
    expect(r.heuristics.time_decay.value[search]).toBeCloseTo(100 / 3, 12);
  });

  it('reports bad rows with their row numbers and stops', () => {
    const out = events(['g,2024-13-01,search,0,', 'g,2024-01-01,search,maybe,', 'g,2024-01-01,,0,', 'g,2024-01-01,search,1,abc']);
    expect(out.table).toBeNull();
    expect(out.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'timestamp'],
      [3, 'conversion'],
      [4, 'channel'],
      [5, 'value'],
    ]);
  });

  it('names the missing columns', () => {
    const out = parseEventBytes(enc.encode('user,when,channel\n1,2,3\n'), { file: 'x.csv' });
    expect(out.errors[0].message).toMatch(/timestamp, conversion/);
    expect(out.errors[0].row).toBe(1);
  });
});

// Event files with rows a user would not want read as they stand: exact duplicate rows (an
// export repeating events) and negative conversion values.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/attribute';
import { parseEventBytes } from '../../src/mta/parse-events';
import type { PathTable } from '../../src/mta/types';

const enc = new TextEncoder();
const HEADER = 'user_id,timestamp,channel,conversion,value';

function read(lines: string[], header = HEADER) {
  return parseEventBytes(enc.encode([header, ...lines].join('\n')), { file: 'events.csv' });
}

/** 300 users, each a search touch then a conversion row that is also an email touch (row 2u+3). */
function threeHundred(): string[] {
  const lines: string[] = [];
  for (let u = 0; u < 300; u++) {
    const day = String(1 + (u % 28)).padStart(2, '0');
    lines.push(`u${u},2024-03-${day}T09:00:00Z,search,0,`, `u${u},2024-03-${day}T18:30:00Z,email,1,${10 + u}`);
  }
  return lines;
}

const journeys = (t: PathTable) => Array.from({ length: t.conversions.length }, (_, r) => [Array.from(t.touches.subarray(t.offsets[r], t.offsets[r + 1])).join('>'), t.conversions[r], t.value[r]].join('|')).sort();

describe('exact duplicate rows', () => {
  it('with a time of day are counted once, with a warning naming each copy and its original', () => {
    const clean = read(threeHundred());
    expect(clean.table!.conversions.length).toBe(300);
    expect(clean.warnings).toEqual([]);

    // Users 4, 50 and 299's conversion rows exported twice (the copy at the end of the file,
    // as a re-sent batch would be): read as events these made 303 journeys.
    const lines = threeHundred();
    const copies = [4, 50, 299].map((u) => lines[2 * u + 1]);
    const dup = read([...lines, ...copies]);
    expect(dup.errors).toEqual([]);
    expect(dup.table!.conversions.length).toBe(300);
    expect(journeys(dup.table!)).toEqual(journeys(clean.table!));
    expect(Array.from(dup.table!.value).reduce((a, b) => a + b, 0)).toBe(Array.from(clean.table!.value).reduce((a, b) => a + b, 0));
    // Rows 602..604 repeat rows 2·4+3 = 11, 103 and 601.
    expect(dup.warnings).toHaveLength(1);
    expect(dup.warnings[0]).toMatchObject({ severity: 'warning', file: 'events.csv', row: 602 });
    expect(dup.warnings[0].message).toBe(
      '3 row(s) repeat an earlier row exactly (same user, time, channel, conversion and value) and are counted once: row 602 (same as row 11), row 603 (same as row 103), row 604 (same as row 601).',
    );
  });

  it('`carryover attribute` says so on stderr and attributes 300 journeys, not 303', async () => {
    const lines = threeHundred();
    const dir = mkdtempSync(join(tmpdir(), 'mta-dup-'));
    const file = join(dir, 'events.csv');
    writeFileSync(file, [HEADER, ...lines, ...[4, 50, 299].map((u) => lines[2 * u + 1])].join('\n'));
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((t: string | Uint8Array) => {
      stderr += String(t);
      return true;
    });
    try {
      expect(await run([file, '--out', dir])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(/\b300 journeys \(300 conversions\)/);
    expect(stderr).toMatch(/3 row\(s\) repeat an earlier row exactly .* counted once: row 602 \(same as row 11\)/);
  });

  it('a touch repeated three times is one touch; a list past 20 copies says how many more', () => {
    const one = read(['a,2024-01-01T10:00:00Z,search,0,', 'a,2024-01-01T10:00:00Z,search,0,', 'a,2024-01-01T10:00:00Z,search,0,', 'a,2024-01-02T10:00:00Z,,1,5']);
    expect(journeys(one.table!)).toEqual(['0|1|5']);
    expect(one.warnings[0].message).toMatch(/^2 row\(s\) .*: row 3 \(same as row 2\), row 4 \(same as row 2\)\.$/);

    const many = read(Array.from({ length: 26 }, () => 'b,1700000000,display,0,'));
    expect(many.table!.touches.length).toBe(1);
    expect(many.warnings[0].message).toMatch(/^25 row\(s\) .* row 22 \(same as row 2\) and 5 more\.$/);
  });

  it('differing in any field, even one the reader does not use, are separate events', () => {
    const header = `${HEADER},order_id`;
    const out = read(['c,2024-01-01T10:00:00Z,email,1,20,A-1', 'c,2024-01-01T10:00:00Z,email,1,20,A-2'], header);
    expect(out.warnings).toEqual([]);
    expect(journeys(out.table!)).toEqual(['0|1|20', '0|1|20']);
    // Same instant, other value: two events too.
    expect(read(['d,2024-01-01T10:00:00Z,email,1,20', 'd,2024-01-01T10:00:00Z,email,1,21']).table!.conversions.length).toBe(2);
  });

  it('with a date only are kept (two same-day events look the same), with a warning naming them', () => {
    const out = read(['e,2024-01-01,search,0,', 'e,2024-01-01,search,0,', 'e,2024-01-02,,1,9']);
    expect(journeys(out.table!)).toEqual(['0>0|1|9']);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatchObject({ severity: 'warning', row: 3 });
    expect(out.warnings[0].message).toMatch(/^1 row\(s\) repeat an earlier row exactly but their timestamp is a date only, so they are kept as separate events: row 3 \(same as row 2\)\.$/);
  });
});

describe('conversion values', () => {
  it('a negative value is an error naming its row and column, with what to do', () => {
    const out = read(['f,2024-01-01T10:00:00Z,search,0,', 'f,2024-01-02T10:00:00Z,,1,-49.90', 'g,2024-01-02T10:00:00Z,email,1,0']);
    expect(out.table).toBeNull();
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ severity: 'error', file: 'events.csv', row: 3, column: 'value' });
    expect(out.errors[0].message).toBe('The conversion value -49.90 is negative.');
    expect(out.errors[0].hint).toMatch(/0 or more.*refund/);
  });

  it('a touch row’s value is not read, so a negative one there is no error', () => {
    const out = read(['h,2024-01-01T10:00:00Z,search,0,-3', 'h,2024-01-02T10:00:00Z,,1,7']);
    expect(out.errors).toEqual([]);
    expect(journeys(out.table!)).toEqual(['0|1|7']);
  });
});

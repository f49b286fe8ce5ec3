// New run names: the minute in local time (as the Runs library lists times), and a second run
// of the same data in the same minute named "(2)". Run with TZ set to a zone off UTC, the
// local minute differs from the ISO (UTC) one.
import { describe, expect, it } from 'vitest';
import { defaultRunName, uniqueRunName } from '../../src/app/runs/unique-name';

describe('new run names', () => {
  const base = 'mmm_example · 2026-11-23 05:24';
  it('a free name is kept', () => expect(uniqueRunName(base, ['other · 2026-11-23 05:24'])).toBe(base));
  it('a taken name gets the first free number from 2', () => {
    expect(uniqueRunName(base, [base])).toBe(`${base} (2)`);
    expect(uniqueRunName(base, [base, `${base} (2)`, `${base} (4)`])).toBe(`${base} (3)`);
  });
  it('the minute is local time: the same instant as the local clock reads it', () => {
    const iso = '2026-11-23T05:24:59.900Z';
    const d = new Date(iso);
    const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(defaultRunName('mmm_example', iso)).toBe(`mmm_example · ${local}`);
  });
});

describe('run names in headings', () => {
  it('the date and time are one unbreakable part; the text is unchanged', async () => {
    const { nameParts } = await import('../../src/app/runs/unique-name');
    const name = 'dev_workspace_hill · 2026-11-23 05:07 (2)';
    const parts = nameParts(name);
    expect(parts).toEqual([
      { text: 'dev_workspace_hill · ', stamp: false },
      { text: '2026-11-23 05:07', stamp: true },
      { text: ' (2)', stamp: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(name);
    expect(nameParts('Fixture run (schema v1)')).toEqual([{ text: 'Fixture run (schema v1)', stamp: false }]);
    expect(nameParts('Imported: 2026-01-02 run')).toEqual([
      { text: 'Imported: ', stamp: false },
      { text: '2026-01-02', stamp: true },
      { text: ' run', stamp: false },
    ]);
  });
});

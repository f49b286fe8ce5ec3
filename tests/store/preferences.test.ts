// Stored sampler settings are read field by field (src/store/preferences.ts): every valid
// setting comes back exactly, every bad one is left out, and nothing stored can make the read
// throw. The IndexedDB upgrade table (migrations/db-upgrades.ts) only adds stores, one version
// at a time. The same code against Chromium's real IndexedDB: tests/browser/store-upgrade.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SamplerSettings } from '../../src/core/types';
import { DB_UPGRADES, DB_VERSION } from '../../src/store/migrations/db-upgrades';
import { preferencesRecord, readChosen, readPreferences, readSettings } from '../../src/store/preferences';

const good: SamplerSettings = { chains: 2, warmup: 300, draws: 200, seed: 4242, adapt_delta: 0.9, max_treedepth: 8, metric: 'diag_e' };

/** Settings the Fit step could have produced: the boxes' ranges and the engine's. */
const validSettings = fc.record({
  chains: fc.integer({ min: 1, max: 16 }),
  warmup: fc.integer({ min: 10, max: 1_000_000 }),
  draws: fc.integer({ min: 10, max: 1_000_000 }),
  seed: fc.integer({ min: 0, max: 2_147_483_646 }),
  adapt_delta: fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true }),
  max_treedepth: fc.integer({ min: 1, max: 30 }),
  metric: fc.constant('diag_e' as const),
});

describe('readSettings', () => {
  it('gives back every valid setting exactly', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        expect(readSettings(structuredClone(s))).toEqual(s);
      }),
    );
  });

  it('never throws, and what it returns is only known, valid fields', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (raw) => {
        const out = readSettings(raw);
        for (const [k, v] of Object.entries(out)) expect(readSettings({ [k]: v })).toEqual({ [k]: v });
        expect(Object.keys(out).every((k) => k in good)).toBe(true);
      }),
    );
  });

  it('leaves out each kind of bad value and keeps the rest', () => {
    const bad: Array<[keyof SamplerSettings, unknown]> = [
      ['chains', '4'],
      ['chains', 0],
      ['chains', 17],
      ['chains', 2.5],
      ['warmup', 9],
      ['warmup', Number.POSITIVE_INFINITY],
      ['warmup', Number.NaN],
      ['draws', -100],
      ['draws', 2 ** 60],
      ['seed', -1],
      ['seed', 2_147_483_647],
      ['seed', 1.5],
      ['seed', null],
      ['adapt_delta', 0],
      ['adapt_delta', 1],
      ['adapt_delta', Number.NaN],
      ['adapt_delta', '0.8'],
      ['max_treedepth', 0],
      ['max_treedepth', 31],
      ['metric', 'dense_e'],
    ];
    for (const [k, v] of bad) {
      const { [k]: _, ...rest } = good;
      expect(readSettings({ ...good, [k]: v }), `${k} = ${String(v)}`).toEqual(rest);
    }
  });

  it('ignores unknown fields and non-objects', () => {
    expect(readSettings({ ...good, thin: 5, step_size: 0.1 })).toEqual(good);
    for (const raw of [null, undefined, 4, 'chains', [4, 1000], true]) expect(readSettings(raw)).toEqual({});
  });
});

describe('readPreferences', () => {
  it('a record written by preferencesRecord reads back as written', () => {
    const rec = preferencesRecord({ settings: good, chosen: ['seed', 'chains'], preset: 'hill' }, new Date('2026-11-23T03:00:00Z'));
    expect(readPreferences(structuredClone(rec))).toEqual({
      preferences_version: 1,
      saved_at: '2026-11-23T03:00:00.000Z',
      settings: good,
      chosen: ['chains', 'seed'],
      preset: 'hill',
    });
  });

  it('only valid fields go in when writing', () => {
    const rec = preferencesRecord({ settings: { ...good, chains: 99 }, chosen: ['seed', 'bogus', 'seed'], preset: '<b>' });
    const { chains: _left, ...rest } = good;
    expect(rec.settings).toEqual(rest);
    expect(rec.chosen).toEqual(['seed']);
    expect(rec.preset).toBeNull();
  });

  it('a record of another version, or no record, is nothing; damaged parts are left out', () => {
    expect(readPreferences({ preferences_version: 2, settings: good })).toBeNull();
    expect(readPreferences('studio')).toBeNull();
    expect(readPreferences(undefined)).toBeNull();
    expect(readPreferences({ preferences_version: 1, saved_at: 7, settings: 'x', chosen: 'seed', preset: 3 })).toEqual({
      preferences_version: 1,
      saved_at: '',
      settings: {},
      chosen: [],
      preset: null,
    });
  });

  it('chosen keeps known setting names only', () => {
    expect(readChosen(['warmup', 'toString', 'seed', 7, 'seed'])).toEqual(['warmup', 'seed']);
  });
});

describe('DB_UPGRADES', () => {
  /** A database stand-in that records the stores made, and fails on anything else. */
  function fakeDb(existing: string[]) {
    const stores = new Set(existing);
    const db = {
      createObjectStore(name: string) {
        if (stores.has(name)) throw new Error(`store ${name} exists`);
        stores.add(name);
        return { createIndex: () => undefined };
      },
    };
    return { db, stores };
  }
  const AT: Record<number, string[]> = { 0: [], 1: ['runs', 'payloads'], 2: ['runs', 'payloads', 'session'], 3: ['runs', 'payloads', 'session', 'preferences'], 4: ['runs', 'payloads', 'session', 'preferences'] };

  it('one step per version up to DB_VERSION 4 (packed draws: no new store)', () => {
    expect(DB_VERSION).toBe(4);
    for (let v = 0; v < DB_VERSION; v++) expect(DB_UPGRADES[v], `upgrade ${v} → ${v + 1}`).toBeTypeOf('function');
  });

  it('from every earlier version, the steps add exactly the missing stores and touch nothing else', () => {
    for (let from = 0; from < DB_VERSION; from++) {
      const { db, stores } = fakeDb(AT[from]);
      for (let v = from; v < DB_VERSION; v++) DB_UPGRADES[v](db as never);
      expect([...stores].sort()).toEqual([...AT[DB_VERSION]].sort());
    }
  });
});

describe('a page older than the database', () => {
  it('is told a newer Carryover upgraded the library and to reload, not that storage is blocked', async () => {
    const { storageError } = await import('../../src/store/errors');
    const e = storageError(new DOMException('The requested version (3) is less than the existing version (4).', 'VersionError'), 'open the runs library');
    expect(e.message).toBe('A newer version of Carryover has upgraded the runs library in another tab, so this page could not open the runs library.');
    expect(e.hint).toMatch(/^Reload this page/);
    expect(storageError(new DOMException('closing', 'InvalidStateError'), 'save the run').message).toMatch(/storage is unavailable \(InvalidStateError\)/);
  });
});

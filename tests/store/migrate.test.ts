// The migration hook: versions step up one at a time, in order, and what cannot be
// migrated says why.
import { describe, expect, it } from 'vitest';
import { migrateRecord, MIGRATIONS, SCHEMA_VERSION } from '../../src/store';
import { fixture } from './helpers';

describe('migrateRecord', () => {
  it('leaves a current record as it is', () => {
    const r = fixture();
    const m = migrateRecord(r);
    expect(m.ok && m.value.record).toEqual(r);
  });

  it('has a migration for every version below the current one', () => {
    for (let v = 1; v < SCHEMA_VERSION; v++) expect(MIGRATIONS[v], `migration ${v} → ${v + 1}`).toBeTypeOf('function');
  });

  it('applies injected migrations in order up to the target', () => {
    const seen: number[] = [];
    const migrations = {
      1: (r: Record<string, unknown>) => (seen.push(r.schema_version as number), { ...r, renamed: r.name }),
      2: (r: Record<string, unknown>) => (seen.push(r.schema_version as number), { ...r, tag: `${r.renamed}!` }),
    };
    const m = migrateRecord(fixture(), undefined, migrations, 3);
    expect(seen).toEqual([1, 2]);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.from).toBe(1);
    expect(m.value.record).toMatchObject({ schema_version: 3, renamed: 'Fixture run (schema v1)', tag: 'Fixture run (schema v1)!' });
  });

  it('refuses a record from a newer Carryover', () => {
    const m = migrateRecord({ ...fixture(), schema_version: SCHEMA_VERSION + 1 }, 'future.json');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.errors[0]).toMatchObject({ file: 'future.json', column: 'schema_version' });
    if (!m.ok) expect(m.errors[0].message).toMatch(/newer Carryover/);
  });

  it('reports a missing migration step', () => {
    const m = migrateRecord(fixture(), undefined, {}, 2);
    expect(!m.ok && m.errors[0].message).toMatch(/No migration from schema 1 to 2/);
  });

  it('rejects records without a usable version', () => {
    for (const v of [undefined, 0, 1.5, '1']) expect(migrateRecord({ ...fixture(), schema_version: v }).ok).toBe(false);
    expect(migrateRecord('nope').ok).toBe(false);
  });
});

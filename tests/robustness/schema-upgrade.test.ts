// Issue 8, storage: when the stored schema moves on, old runs migrate. The next schema is
// simulated by registering a test-only version 2 (its migration renames a field) in the
// store's schema registry; the committed schema v1 fixture must then come through
// migration, validation and file import as a v2 run with every number unchanged. The same
// registration drives the real IndexedDB store and the studio in
// tests/browser/robustness-upgrade.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { activeSchema, migrateRecord, registerSchema, runFromFileText, runToFileText, SCHEMA_VERSION, validateRunRecord, type RunRecord } from '../../src/store';
import { fixture } from '../store/helpers';
import { renameFingerprint, SCHEMA_V2, V2_FROM, V2_TO } from './support/schema-v2';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** The v2 record with the rename undone and the version set back: must equal the v1 input. */
function asV1(r: Record<string, unknown>): Record<string, unknown> {
  const idata = r.inference_data as { attrs: Record<string, unknown> };
  const { [V2_TO]: fp, ...attrs } = idata.attrs;
  return { ...r, schema_version: 1, inference_data: { ...idata, attrs: { ...attrs, [V2_FROM]: fp } } };
}

describe('schema upgrade, simulated v2', () => {
  it('the built-in schema is the committed one until a newer one is registered, and comes back after', () => {
    expect(activeSchema().version).toBe(SCHEMA_VERSION);
    restore = registerSchema(SCHEMA_V2);
    expect(activeSchema().version).toBe(2);
    restore();
    restore = undefined;
    expect(activeSchema().version).toBe(SCHEMA_VERSION);
    expect(validateRunRecord(fixture())).toEqual([]);
  });

  it('the v1 fixture migrates: field renamed, version 2, every other value identical, the input untouched', () => {
    const v1 = fixture();
    const before = JSON.stringify(v1);
    restore = registerSchema(SCHEMA_V2);
    const m = migrateRecord(v1);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.from).toBe(1);
    const v2 = m.value.record as unknown as RunRecord & { inference_data: { attrs: Record<string, unknown> } };
    expect(v2.schema_version).toBe(2);
    expect(v2.inference_data.attrs[V2_TO]).toBe('fixture-fnv1a-a926b7cd');
    expect(V2_FROM in v2.inference_data.attrs).toBe(false);
    expect(asV1(v2 as unknown as Record<string, unknown>)).toEqual(v1);
    expect(JSON.stringify(v1)).toBe(before);
    // Under v2 the migrated record is valid and the raw v1 one is not trusted as current.
    expect(validateRunRecord(v2)).toEqual([]);
    expect(validateRunRecord(v1).map((e) => e.message)).toEqual(['Saved run is damaged: schema_version is 1, expected 2.']);
  });

  it('a file exported by v1 imports under v2 as a v2 run with a new id and the same numbers', () => {
    const v1 = fixture();
    const text = runToFileText(v1, new Date('2026-11-22T00:00:00Z'));
    restore = registerSchema(SCHEMA_V2);
    const r = runFromFileText(text, 'old-run.json', () => 'new-id');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('new-id');
    expect(r.value.schema_version).toBe(2);
    expect(asV1({ ...r.value, id: v1.id })).toEqual(v1);
    expect(r.value.inference_data.posterior).toEqual(v1.inference_data.posterior);
    expect(r.value.dataset).toEqual(v1.dataset);
  });

  it('runs two versions ahead step through every migration in order', () => {
    const seen: number[] = [];
    restore = registerSchema({
      version: 3,
      migrations: {
        1: (r) => (seen.push(r.schema_version as number), renameFingerprint(r)),
        2: (r) => (seen.push(r.schema_version as number), { ...r, name: `${String(r.name)} (v3)` }),
      },
    });
    const m = migrateRecord(fixture());
    expect(seen).toEqual([1, 2]);
    expect(m.ok && m.value.record).toMatchObject({ schema_version: 3, name: 'Fixture run (schema v1) (v3)', inference_data: { attrs: { [V2_TO]: 'fixture-fnv1a-a926b7cd' } } });
  });

  it('a run from a newer Carryover than the active schema is refused, naming both versions', () => {
    restore = registerSchema(SCHEMA_V2);
    const r = runFromFileText(JSON.stringify({ format: 'carryover-run', run: { ...fixture(), schema_version: 3 } }), 'future.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ file: 'future.json', column: 'schema_version' });
      expect(r.errors[0].message).toBe('The run was saved by a newer Carryover (schema 3; this version reads up to 2).');
    }
  });

  it('a schema with a missing step, or older than the built-in one, is refused at registration', () => {
    expect(() => registerSchema({ version: 3, migrations: { 1: renameFingerprint } })).toThrow(/no migration from 2 to 3/);
    expect(() => registerSchema({ version: 0, migrations: {} })).toThrow(/older than the built-in schema/);
    expect(activeSchema().version).toBe(SCHEMA_VERSION);
  });
});

// A test-only "next" schema for the runs library: version 2 renames the run's
// inference_data.attrs.dataset_fingerprint to data_fingerprint. Every real run carries that
// attribute (newRunRecord sets it) and so does the committed v1 fixture, so the rename is
// visible in every migrated record; nothing else changes, so a migrated run must open with
// identical numbers. Used by the Node test and by the upgraded studio page of the browser test.
import type { StoreSchema } from '../../../src/store';

export const V2_FROM = 'dataset_fingerprint';
export const V2_TO = 'data_fingerprint';

/** v1 → v2: a pure function (the stored v1 record must not change under the caller). */
export function renameFingerprint(record: Record<string, unknown>): Record<string, unknown> {
  const idata = record.inference_data as Record<string, unknown>;
  const { [V2_FROM]: fingerprint, ...attrs } = idata.attrs as Record<string, unknown>;
  return { ...record, inference_data: { ...idata, attrs: { ...attrs, [V2_TO]: fingerprint } } };
}

export const SCHEMA_V2: StoreSchema = { version: 2, migrations: { 1: renameFingerprint } };

import { describe, expect, it } from 'vitest';
import { Fnv1a64, datasetFingerprint } from '../../src/data/fingerprint';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile } from './helpers';

const hex = (s: string) => new Fnv1a64().update(new TextEncoder().encode(s)).hex();

describe('fingerprint', () => {
  it('FNV-1a 64 matches the published test vectors', () => {
    // From the reference test suite (Landon Curt Noll, isthe.com/chongo/src/fnv/test_fnv.c).
    expect(hex('')).toBe('cbf29ce484222325');
    expect(hex('a')).toBe('af63dc4c8601ec8c');
    expect(hex('foobar')).toBe('85944171f73967e8');
  });

  it('is stable across parses and changes with any value, date or name', () => {
    const file = sharedFile('pymc-marketing/mmm_example.csv');
    const build = (text: string) => {
      const p = parseFiles([{ name: 'x.csv', text }]);
      return buildDataset(p, detectRoles(p)).dataset!;
    };
    const a = build(file.text);
    expect(build(file.text).fingerprint).toBe(a.fingerprint);
    expect(build(file.text.replace(/\n/g, '\r\n')).fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    const changed = { ...a, target: { ...a.target, values: a.target.values.map((v, i) => (i === 100 ? v + 1e-9 : v)) } };
    expect(datasetFingerprint(changed)).not.toBe(a.fingerprint);
    expect(datasetFingerprint({ ...a, dates: a.dates.map((d, i) => (i === 0 ? '2018-04-03' : d)) })).not.toBe(a.fingerprint);
    expect(datasetFingerprint({ ...a, controls: a.controls.map((c, i) => (i === 0 ? { ...c, name: 'other' } : c)) })).not.toBe(a.fingerprint);
    expect(datasetFingerprint({ ...a, imputed: [{ column: 'y', row: 0, method: 'x' }] })).toBe(a.fingerprint);
  });
});

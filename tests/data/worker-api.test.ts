import { describe, expect, it } from 'vitest';
import { createDataWorkerApi, throttle, type ParseProgress } from '../../src/data/worker-api';
import { sharedFile } from './helpers';

describe('parse worker API (called directly, as the worker does)', () => {
  it('throttles progress but always delivers the final report', () => {
    let now = 0;
    const seen: ParseProgress[] = [];
    const t = throttle((p) => seen.push(p), 100, () => now);
    for (let i = 0; i <= 50; i++) {
      now = i * 10;
      t({ fraction: i / 50, phase: 'parsing' });
    }
    t({ fraction: 1, phase: 'done' });
    expect(seen.map((p) => p.fraction)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1]);
    expect(seen.at(-1)!.phase).toBe('done');
  });

  it('parses from text and Blob, keeps the input by id, builds and releases', async () => {
    const api = createDataWorkerApi();
    const file = sharedFile('pymc-marketing/mmm_example.csv');
    const progress: ParseProgress[] = [];
    const { id, parsed } = await api.parseFiles([{ name: file.name, blob: new Blob([file.text]) }], {}, (p) => progress.push(p));
    expect(parsed.format).toBe('wide');
    expect(progress[0].phase).toBe('reading');
    expect(progress.at(-1)).toEqual({ fraction: 1, phase: 'done' });
    const roles = api.detectRoles(id);
    const built = api.buildDataset(id, roles, {});
    expect(built.dataset!.dates).toHaveLength(179);
    const fromText = await api.parseFiles([file]);
    expect(api.buildDataset(fromText.id, roles).dataset!.fingerprint).toBe(built.dataset!.fingerprint);
    expect(api.diagnostics(built.dataset!).vif).toHaveLength(5);
    api.release(id);
    expect(() => api.detectRoles(id)).toThrow(/parse the files again/);
  });
});

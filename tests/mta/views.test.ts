// The Attribution view's derived numbers (src/app/attribution/views.ts) and the worker API
// that feeds it, run in Node.
import { describe, expect, it } from 'vitest';
import { channelKey, lastClickDifference, matchShares, modelColumns, sharesFromContributionsJson } from '../../src/app/attribution/views';
import { attribute } from '../../src/mta/attribute';
import { makeMtaWorkerApi, type MtaProgress } from '../../src/mta/worker-api';
import { wasmModule } from '../../src/node/wasm-bytes';
import { pathData, readShared } from './helpers';

describe('last click against a model', () => {
  it('says how much last click under- or over-values each channel', () => {
    const d = lastClickDifference(['paid_social', 'search', 'email', 'tv'], Float64Array.of(100, 50, 20, 0), Float64Array.of(70, 80, 20, 3));
    expect(d.map((x) => x.sentence)).toEqual([
      'paid_social: 30% undervalued by last click.',
      'search: 60% overvalued by last click.',
      'email: last click agrees with the model.',
      'tv: the model gives it no credit; last click does.',
    ]);
    expect(d[0].relative).toBeCloseTo(0.3, 15);
    expect(d[3].relative).toBeNull();
  });
});

describe('MTA against MMM shares', () => {
  const est = (mean: number) => ({ mean, sd: mean / 10, q05: mean * 0.8, q50: mean, q95: mean * 1.2 });

  it('matches names loosely and rescales both sides to the matched channels', () => {
    expect(channelKey('Paid Social')).toBe(channelKey('paid_social'));
    const pairs = matchShares(['paid_social', 'search', 'affiliate'], Float64Array.of(30, 10, 60), [
      { channel: 'Paid Social', share: est(0.2) },
      { channel: 'search', share: est(0.6) },
      { channel: 'tv', share: est(0.2) },
    ]);
    expect(pairs.map((p) => [p.mta, p.mmm])).toEqual([
      ['paid_social', 'Paid Social'],
      ['search', 'search'],
    ]);
    expect(pairs[0].mtaShare).toBeCloseTo(0.75, 15);
    expect(pairs[0].mmmShare.mean).toBeCloseTo(0.25, 15);
    expect(pairs[0].mmmShare.q95).toBeCloseTo(0.3, 15);
    expect(pairs.reduce((a, p) => a + p.mtaShare, 0)).toBeCloseTo(1, 15);
  });

  it('reads share_of_media from mmm_channel_contributions.json and explains a wrong file', () => {
    const shares = sharesFromContributionsJson({ channels: { tv: { share_of_media: est(0.4) }, radio: { share_of_media: est(0.6) } } });
    expect(shares).toEqual([
      { channel: 'tv', share: est(0.4) },
      { channel: 'radio', share: est(0.6) },
    ]);
    expect(sharesFromContributionsJson({ models: {} })).toMatch(/not an mmm_channel_contributions/);
  });
});

describe('model columns', () => {
  it('list every model of the report in order, with labels', () => {
    const cols = modelColumns(attribute(pathData()));
    expect(cols.map((c) => c.key)).toEqual(['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'shapley_full', 'markov_1', 'markov_2', 'markov_3']);
    expect(cols.at(-1)!.label).toBe('Markov order 3');
    // Every model distributes all 19,785 conversions.
    for (const c of cols) expect(c.conversions.reduce((a, b) => a + b, 0)).toBeCloseTo(19_785, 6);
  });
});

describe('worker API (run in Node)', () => {
  const api = makeMtaWorkerApi(async () => wasmModule('mta'));

  it('streams a File, reports progress and returns the report', async () => {
    const bytes = readShared('PathData.csv');
    const progress: MtaProgress[] = [];
    const out = await api.analyze({ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], 'PathData.csv') }, { format: 'auto' }, (p) => progress.push(p));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.engine).toBe('wasm');
    expect(out.report.metadata.source).toMatchObject({ file: 'PathData.csv', format: 'paths' });
    // The last report names the last step of the point estimate (no bootstrap asked for).
    expect(progress.at(-1)).toEqual({ phase: 'attributing', bytes: bytes.length, total: bytes.length, step: 'summary' });
  });

  it('generates the seeded demo, identical on every call', async () => {
    const a = await api.analyze({ kind: 'demo', journeys: 5000, seed: 7 }, { format: 'auto' });
    const b = await api.analyze({ kind: 'demo', journeys: 5000, seed: 7 }, { format: 'auto' });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.result.channels.length).toBe(12);
    expect(a.result.totals.journeys).toBe(5000);
    expect(a.report.models).toEqual(b.report.models);
  });

  it('falls back to the TypeScript kernels, with a warning, when WebAssembly cannot load', async () => {
    const broken = makeMtaWorkerApi(() => Promise.reject(new Error('no wasm here')));
    const out = await broken.analyze({ kind: 'bytes', name: 'p.csv', bytes: readShared('PathData.csv') }, { format: 'paths' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.engine).toBe('js');
    expect(out.warnings[0].message).toMatch(/no wasm here/);
  });

  it('returns row errors instead of throwing', async () => {
    const out = await api.analyze({ kind: 'bytes', name: 'bad.csv', bytes: new TextEncoder().encode('path,total_conversions\na > b,-1\n') }, { format: 'auto' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors[0]).toMatchObject({ file: 'bad.csv', row: 2, column: 'total_conversions' });
  });
});

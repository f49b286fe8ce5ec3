// Spec building for ROAS priors in the Model step (issue 6, "calibration as an ROI prior" and
// "MTA-informed"), through the calibration state against a plain host on the synthetic workspace
// (dev_workspace_hill: display, search, social, radio, tv; two lift tests, tv and radio):
//  - a lift test used as a ROAS prior leaves the likelihood and becomes a LogNormal whose mean
//    and sd are the test's Δy/Δx and σ/Δx (checked against the LogNormal moments, not the code's
//    own formula), in either scope, and the spec packs;
//  - an mta_attribution.json becomes MTA-informed priors: credited value ÷ spend over the
//    journeys' weeks, summed over MTA channels mapped to one data channel, per-channel apply;
//  - conflicts (one ROAS prior per channel): lift test over MTA, first test over second, each
//    explained; removal of every kind leaves the spec without a roas_priors key;
//  - priors already in a spec (an opened run) are adopted and can be removed.
import { describe, expect, it } from 'vitest';
import { CalibrationState, SAVED_PRIOR_KEY } from '../../../src/app/calibration/calibration.svelte';
import { assignCalibration } from '../../../src/calibration/assign';
import { MTA_KEY, remapMta } from '../../../src/app/priors/mta-priors.svelte';
import { mtaFromJson, mtaFromText, noChannelMapped } from '../../../src/app/priors/mta-source';
import { errorPlace } from '../../../src/app/shell/error-place';
import type { LiftTest, RoasPrior } from '../../../src/core/types';
import { packMmm } from '../../../src/engine/mmm/pack';
import { Analysis } from '../../../src/mta/pipeline';
import { defaultModelSpec } from '../../../src/model/spec';
import { Host, parsed, workspace } from './host';


function setup() {
  const host = new Host(workspace, parsed.passthrough);
  const state = new CalibrationState(host);
  state.sync();
  const key = (channel: string) => state.tests.find((t) => t.channel === channel)!.key;
  return { host, state, key };
}

/** Mean and sd of LogNormal(mu, sigma): exp(mu + s²/2) and mean·sqrt(exp(s²) − 1). */
const moments = (p: RoasPrior) => {
  const mean = Math.exp(p.mu + (p.sigma * p.sigma) / 2);
  return { mean, sd: mean * Math.sqrt(Math.expm1(p.sigma * p.sigma)) };
};

const spendOver = (channel: string, from: string, to: string) => {
  const c = workspace.channels.find((ch) => ch.name === channel)!;
  return workspace.dates.reduce((s, d, t) => (d >= from && d <= to ? s + c.spend[t] : s), 0);
};

// Journeys of 2023 (the data's weeks starting 2023-01-02 .. 2023-12-25), credits in revenue.
const MTA_JSON = {
  metadata: { data_range: { first: '2023-01-02', last: '2023-12-31' } },
  models: {
    markov_1: { TV: { conversions: 900, value: 900000 }, Search: { conversions: 2000, value: 1500000 }, Facebook: { conversions: 300, value: 200000 }, Instagram: { conversions: 100, value: 100000 }, podcast: { conversions: 5, value: 1000 } },
    linear: { TV: { conversions: 800, value: 850000 }, Search: { conversions: 2100, value: 1600000 }, Facebook: { conversions: 280, value: 190000 }, Instagram: { conversions: 120, value: 90000 } },
    shapley_full: null,
  },
};
const mtaFile = () => new File([JSON.stringify(MTA_JSON)], 'mta_attribution.json', { type: 'application/json' });

describe('a lift test as a ROAS prior (Meridian)', () => {
  it("leaves the likelihood and becomes LogNormal with the test's Δy/Δx and σ/Δx as mean and sd ('test' scope)", () => {
    const { host, state, key } = setup();
    const tv = state.tests.find((t) => t.channel === 'tv')!;
    state.setUse(key('tv'), { as: 'roas_prior', scope: 'test' });
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['radio']);
    expect(host.spec!.roas_priors).toHaveLength(1);
    const p = host.spec!.roas_priors![0];
    expect(p).toMatchObject({ channel: 'tv', scope: 'test', x: tv.x, delta_x: tv.delta_x, source: 'lift_test' });
    const m = moments(p);
    expect(m.mean / (tv.delta_y / tv.delta_x)).toBeCloseTo(1, 12);
    expect(m.sd / (tv.sigma / tv.delta_x)).toBeCloseTo(1, 12);
    expect(state.assignment.outcome.get(key('tv'))).toBe('roas_prior');
    expect('errors' in packMmm(workspace, host.spec!)).toBe(false);
  });

  it("'window' scope: the same LogNormal, read as the ROAS over the data; the test's point is kept for the panel and the spec packs", () => {
    const { host, state, key } = setup();
    const tv = state.tests.find((t) => t.channel === 'tv')!;
    state.setUse(key('tv'), { as: 'roas_prior', scope: 'window' });
    const p = host.spec!.roas_priors![0];
    expect(p).toMatchObject({ scope: 'window', x: tv.x, delta_x: tv.delta_x });
    expect(moments(p).mean / (tv.delta_y / tv.delta_x)).toBeCloseTo(1, 12);
    expect('errors' in packMmm(workspace, host.spec!)).toBe(false);
    // Back to a likelihood term: the prior goes, the test returns to lift_tests, the key goes with it.
    state.setUse(key('tv'), { as: 'likelihood' });
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
    expect('roas_priors' in host.spec!).toBe(false);
  });

  it('a test that cannot be a LogNormal prior (negative lift) stays a likelihood term, with a warning naming it', () => {
    const t: LiftTest = { channel: 'tv', x: 1000, delta_x: 100, delta_y: -50, sigma: 10, label: 'negative' };
    const a = assignCalibration([{ key: 'k', test: t, used: true, use: { as: 'roas_prior', scope: 'test' } }], []);
    expect(a.lift_tests).toEqual([t]);
    expect(a.roas_priors).toEqual([]);
    expect(a.notes.get('k')).toMatchObject({ severity: 'warning', channel: 'tv' });
    expect(a.notes.get('k')!.message).toMatch(/"negative" cannot be a ROAS prior.*used as a likelihood term/);
  });

  it('an unused test is neither a likelihood term nor a prior', () => {
    const { host, state, key } = setup();
    state.setUse(key('tv'), { as: 'roas_prior', scope: 'test' });
    state.setUsed(key('tv'), false);
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['radio']);
    expect('roas_priors' in host.spec!).toBe(false);
    expect(state.assignment.outcome.get(key('tv'))).toBe('not_used');
  });
});

describe('MTA-informed priors', () => {
  it('reads mta_attribution.json: null models dropped, bad files named', () => {
    const r = mtaFromJson(MTA_JSON, 'm.json');
    expect('mta' in r && Object.keys(r.mta.models)).toEqual(['markov_1', 'linear']);
    expect(mtaFromText('{', 'bad.json')).toMatchObject({ errors: [{ severity: 'error', file: 'bad.json' }] });
    expect(mtaFromText('{"models": 3}', 'bad.json')).toMatchObject({ errors: [{ column: 'models' }] });
    expect(mtaFromText('{"models": {"linear": {"tv": 5}}}', 'bad.json')).toMatchObject({ errors: [{ column: 'models.linear.tv' }] });
  });

  it('credited value ÷ spend over the journeys’ weeks, MTA channels mapped by name (any case) or by hand, summed when they share a channel', async () => {
    const { host, state } = setup();
    await state.mta.addFile(mtaFile());
    const o = state.mta.options!;
    expect(o).toMatchObject({ model: 'markov_1', measure: 'value', sigma: 1 });
    expect(o.map).toEqual({ TV: 'tv', Search: 'search', Facebook: null, Instagram: null, podcast: null });
    state.mta.mapChannel('Facebook', 'social');
    state.mta.mapChannel('Instagram', 'social');
    const priors = host.spec!.roas_priors!;
    expect(priors.map((p) => p.channel)).toEqual(['tv', 'search', 'social']);
    const roas = (c: string) => Math.exp(priors.find((p) => p.channel === c)!.mu);
    expect(roas('tv') / (900000 / spendOver('tv', '2023-01-02', '2023-12-31'))).toBeCloseTo(1, 10);
    expect(roas('social') / (300000 / spendOver('social', '2023-01-02', '2023-12-31'))).toBeCloseTo(1, 10);
    for (const p of priors) expect(p).toMatchObject({ scope: 'window', source: 'mta', label: 'MTA-informed (Markov order 1)' });
    // Both lift tests stay likelihood terms: an MTA prior and a test on the same channel are different evidence.
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
    expect('errors' in packMmm(workspace, host.spec!)).toBe(false);
  });

  it('remapping sums credits per data channel and drops unmapped ones', () => {
    const r = mtaFromJson(MTA_JSON, 'm.json');
    if (!('mta' in r)) throw new Error('unreadable');
    const m = remapMta(r.mta, { TV: 'tv', Facebook: 'social', Instagram: 'social', Search: null, podcast: null });
    expect(m.models.markov_1).toEqual({ tv: { conversions: 900, value: 900000 }, social: { conversions: 400, value: 300000 } });
  });

  it('channels can be left out one by one; removing the source removes every MTA prior', async () => {
    const { host, state } = setup();
    await state.mta.addFile(mtaFile());
    state.mta.setApplied('search', false);
    expect(host.spec!.roas_priors!.map((p) => p.channel)).toEqual(['tv']);
    expect(state.assignment.outcome.get(MTA_KEY + 'search')).toBe('not_used');
    state.mta.setApplied('search', true);
    expect(host.spec!.roas_priors!.map((p) => p.channel)).toEqual(['tv', 'search']);
    state.mta.clear();
    expect('roas_priors' in host.spec!).toBe(false);
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
  });

  it('the attribution model and the minimum width change the priors', async () => {
    const { host, state } = setup();
    await state.mta.addFile(mtaFile());
    state.mta.setOptions({ model: 'linear', sigma: 1.5 });
    const tv = host.spec!.roas_priors!.find((p) => p.channel === 'tv')!;
    expect(Math.exp(tv.mu) / (850000 / spendOver('tv', '2023-01-02', '2023-12-31'))).toBeCloseTo(1, 10);
    expect(tv.sigma).toBe(1.5);
    expect(tv.label).toBe('MTA-informed (Linear)');
  });
});

describe('conflicts: one ROAS prior per channel', () => {
  it('a lift-test prior outranks the MTA-informed prior on the same channel, and says how to use both', async () => {
    const { host, state, key } = setup();
    await state.mta.addFile(mtaFile());
    state.setUse(key('tv'), { as: 'roas_prior', scope: 'test' });
    const priors = host.spec!.roas_priors!;
    expect(priors.map((p) => [p.channel, p.source])).toEqual([['tv', 'lift_test'], ['search', 'mta']]);
    expect(state.assignment.outcome.get(MTA_KEY + 'tv')).toBe('not_applied');
    const note = state.assignment.notes.get(MTA_KEY + 'tv')!;
    expect(note).toMatchObject({ severity: 'warning', channel: 'tv' });
    expect(note.message).toMatch(/MTA-informed \(Markov order 1\) for tv .* is not applied: tv's ROAS prior is lift test/);
    expect(note.hint).toMatch(/set lift test ".*" to "likelihood term"/);
    // Doing what the hint says applies both: the test as a likelihood term, the MTA prior on tv.
    state.setUse(key('tv'), { as: 'likelihood' });
    expect(host.spec!.roas_priors!.map((p) => [p.channel, p.source])).toEqual([['tv', 'mta'], ['search', 'mta']]);
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
  });

  it('two tests asking for a prior on one channel: the first is the prior, the second a likelihood term, explained', () => {
    const { host, state, key } = setup();
    state.addTableRow();
    for (const [k, v] of Object.entries({ channel: 'tv', x: '70000', delta_x: '14000', delta_y: '19000', sigma: '2900', label: 'tv typed' })) state.setTableCell(0, k, v);
    const typed = state.tests.find((t) => t.label === 'tv typed')!.key;
    state.setUse(key('tv'), { as: 'roas_prior', scope: 'test' });
    state.setUse(typed, { as: 'roas_prior', scope: 'window' });
    expect(host.spec!.roas_priors!.map((p) => p.label)).toEqual([`lift test ${state.tests.find((t) => t.key === key('tv'))!.label}`]);
    expect(host.spec!.lift_tests.map((t) => t.label)).toEqual([state.tests.find((t) => t.channel === 'radio')!.label, 'tv typed']);
    expect(state.assignment.outcome.get(typed)).toBe('likelihood');
    expect(state.assignment.notes.get(typed)!.message).toMatch(/tv already has a ROAS prior .*"tv typed" is used as a likelihood term instead/);
    expect('errors' in packMmm(workspace, host.spec!)).toBe(false);
  });
});

describe('priors saved with a model', () => {
  const saved: RoasPrior[] = [
    { channel: 'tv', mu: 0.1, sigma: 0.3, scope: 'test', x: 70000, delta_x: 14000, label: 'lift test old', source: 'lift_test' },
    { channel: 'search', mu: 0.5, sigma: 1, scope: 'window', label: 'MTA-informed (markov_1)', source: 'mta' },
  ];

  it('are adopted as they are (nothing written), can be left out, and removed', () => {
    const host = new Host(workspace, null);
    host.spec = { ...host.spec!, roas_priors: saved };
    const state = new CalibrationState(host);
    state.sync();
    expect(host.writes).toBe(0);
    expect(state.savedPriors.map((s) => s.prior)).toEqual(saved);
    expect(state.roasPriors).toEqual(saved);
    state.setUsed(SAVED_PRIOR_KEY + '1', false);
    expect(host.spec!.roas_priors).toEqual([saved[0]]);
    state.removeSavedPrior(SAVED_PRIOR_KEY + '0');
    expect('roas_priors' in host.spec!).toBe(false);
    state.setUsed(SAVED_PRIOR_KEY + '1', true);
    expect(host.spec!.roas_priors).toEqual([saved[1]]);
  });

  it('a saved lift-test prior outranks a new MTA-informed prior on its channel', async () => {
    const host = new Host(workspace, null);
    host.spec = { ...host.spec!, roas_priors: saved.slice(0, 1) };
    const state = new CalibrationState(host);
    state.sync();
    await state.mta.addFile(mtaFile());
    expect(host.spec!.roas_priors!.map((p) => [p.channel, p.source])).toEqual([['tv', 'lift_test'], ['search', 'mta']]);
    expect(state.assignment.notes.get(MTA_KEY + 'tv')!.message).toMatch(/\(MTA-informed priors\) is not applied/);
  });

  it('a spec rebuilt by a preset (no priors) gets them back', async () => {
    const { host, state } = setup();
    await state.mta.addFile(mtaFile());
    const before = host.spec!.roas_priors;
    host.spec = defaultModelSpec(workspace, { saturation: 'logistic' });
    state.sync();
    expect(host.spec.roas_priors).toEqual(before);
  });
});

describe('MTA-informed priors from the Attribution area’s current results', () => {
  // A small journey file in ChannelAttribution's path format, channels named like the data's
  // but for case ("TV"): the Attribution area's pipeline makes the report the studio holds.
  const paths = 'path;total_conversions;total_conversion_value;total_null\nTV > search;3;300;5\nsearch;2;150;9\nTV;1;120;4\nsocial > TV > search;2;260;3\n';
  const analyse = (text: string) => {
    const a = new Analysis({ file: 'journeys.csv', format: 'auto' }, null);
    a.push(new TextEncoder().encode(text));
    const out = a.finish();
    if (!out.ok) throw new Error(out.errors[0].message);
    return out;
  };

  it("reads the report: markov_1's credited value ÷ the whole data's spend (the journeys carry no dates, said so)", () => {
    const out = analyse(paths);
    const { host, state } = setup();
    state.mta.useReport(out.report, 'Attribution results');
    expect(state.mta.source).toMatchObject({ kind: 'attribution', name: 'Attribution results' });
    expect(state.mta.options).toMatchObject({ model: 'markov_1', measure: 'value', map: { TV: 'tv', search: 'search', social: 'social' } });
    const markov = out.result.markov.find((m) => m.order === 1)!;
    const priors = host.spec!.roas_priors!;
    for (const name of ['TV', 'search', 'social']) {
      const i = out.result.channels.indexOf(name);
      const data = name.toLowerCase();
      const total = workspace.channels.find((c) => c.name === data)!.spend.reduce((a, b) => a + b, 0);
      expect(Math.exp(priors.find((p) => p.channel === data)!.mu) / (markov.credit.value[i] / total)).toBeCloseTo(1, 10);
    }
    expect(state.mta.result!.issues.some((e) => /no data_range/.test(e.message))).toBe(true);
  });

  it('names the results on screen as a source, not a file; a file keeps "file"', () => {
    const out = analyse(paths);
    const { state } = setup();
    state.mta.useReport(out.report, 'Attribution results of 12:30:48');
    const issues = state.mta.result!.issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const e of issues) {
      expect(e.file).toBeUndefined();
      expect(e.source).toBe('Attribution results of 12:30:48');
      expect(errorPlace(e)).not.toMatch(/file/);
    }
    // The same report read as an uploaded file keeps the file name as a file.
    const asFile = mtaFromJson(JSON.parse(JSON.stringify(out.report)), 'mta_attribution.json');
    if ('errors' in asFile) throw new Error(asFile.errors[0].message);
    expect(errorPlace({ severity: 'warning', message: 'x', file: 'mta_attribution.json', channel: 'tv' })).toBe('file mta_attribution.json, channel tv');
  });

  it('an unreadable report from the screen is located as a source', () => {
    const { state } = setup();
    state.mta.useReport({ nope: 1 }, 'Attribution results of 09:00');
    expect(state.mta.errors).toHaveLength(1);
    expect(state.mta.errors[0]).toMatchObject({ source: 'Attribution results of 09:00' });
    expect(state.mta.errors[0].file).toBeUndefined();
  });

  it('noChannelMapped: true exactly when every MTA channel maps to none', () => {
    const out = analyse(paths);
    const read = mtaFromJson(JSON.parse(JSON.stringify(out.report)), 'x.json');
    if ('errors' in read) throw new Error(read.errors[0].message);
    expect(noChannelMapped(read.mta, { TV: null, search: null, social: null })).toBe(true);
    expect(noChannelMapped(read.mta, {})).toBe(true);
    expect(noChannelMapped(read.mta, { TV: null, search: 'search', social: null })).toBe(false);
  });

  it('journeys without conversion values credit conversions by default', () => {
    const out = analyse(paths.replace(/;total_conversion_value/, '').replace(/;(\d+);(\d+);(\d+)$/gm, ';$1;$3'));
    const { state } = setup();
    state.mta.useReport(out.report, 'Attribution results');
    expect(state.mta.options!.measure).toBe('conversions');
    expect(state.mta.result!.priors.length).toBe(3);
  });
});

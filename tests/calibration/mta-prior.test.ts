import { describe, expect, it } from 'vitest';
import { describeRoasPrior, mtaRoasPriors, type MtaAttribution } from '../../src/calibration/mta-prior';
import { devWeeklyHill } from './wide-csv';

const data = devWeeklyHill();
const spendOver = (channel: string, from: number, to: number) => {
  const s = data.channels.find((c) => c.name === channel)!.spend;
  let total = 0;
  for (let t = from; t <= to; t++) total += s[t];
  return total;
};

// Journeys of 2022 (weeks 0..51 of the data: 2022-01-03 .. the week of 2022-12-26).
const mta: MtaAttribution = {
  metadata: { data_range: { first: '2022-01-03', last: '2022-12-31' } },
  models: {
    markov_1: { TV: { conversions: 100, value: 500000 }, search: { conversions: 900, value: 2500000 }, podcast: { conversions: 5, value: 1000 }, radio: { conversions: 0, value: 0 } },
    linear: { TV: { conversions: 120, value: 400000 }, search: { conversions: 880, value: 2600000 } },
    last_touch: { TV: { conversions: 10, value: 50000 }, search: { conversions: 990, value: 2900000 } },
  },
};

describe('MTA-informed ROAS prior', () => {
  const res = mtaRoasPriors(mta, data, 'mta_attribution.json', { channelMap: { TV: 'tv' } });

  it('centres each prior on credited value per unit of spend over the journeys’ weeks', () => {
    expect(res.model).toBe('markov_1');
    const tv = res.priors.find((p) => p.channel === 'tv')!;
    const search = res.priors.find((p) => p.channel === 'search')!;
    const tvSpend = spendOver('tv', 0, 51);
    expect(res.credited.find((c) => c.channel === 'tv')!.spend).toBeCloseTo(tvSpend, 6);
    expect(Math.exp(tv.mu)).toBeCloseTo(500000 / tvSpend, 10);
    expect(Math.exp(search.mu)).toBeCloseTo(2500000 / spendOver('search', 0, 51), 10);
    expect(tv).toMatchObject({ scope: 'window', source: 'mta', label: 'MTA-informed (Markov order 1)' });
  });

  it('is wide: sigma ≥ 1, widened to the models’ disagreement', () => {
    const tv = res.priors.find((p) => p.channel === 'tv')!;
    const search = res.priors.find((p) => p.channel === 'search')!;
    // tv: credits 500k / 400k / 50k → sd of logs = sd(ln 5e5, ln 4e5, ln 5e4) = 1.2746...
    const l = [Math.log(500000), Math.log(400000), Math.log(50000)];
    const m = (l[0] + l[1] + l[2]) / 3;
    const sd = Math.sqrt(l.reduce((s, x) => s + (x - m) ** 2, 0) / 2);
    expect(tv.sigma).toBeCloseTo(sd, 12);
    expect(sd).toBeGreaterThan(1);
    expect(search.sigma).toBe(1); // 2.5M / 2.6M / 2.9M agree: the floor holds
    const shown = describeRoasPrior(search);
    expect(shown.q95 / shown.q50).toBeCloseTo(Math.exp(1.6448536269514722), 10);
  });

  it('leaves out unknown and uncredited channels with warnings', () => {
    expect(res.priors.map((p) => p.channel).sort()).toEqual(['search', 'tv']);
    expect(res.issues.some((i) => i.channel === 'podcast' && i.severity === 'warning')).toBe(true);
    expect(res.issues.some((i) => i.channel === 'radio' && i.message.includes('no value'))).toBe(true);
    expect(res.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('without a data range uses the whole data and says so', () => {
    const r = mtaRoasPriors({ models: mta.models }, data, 'm.json', { channelMap: { TV: 'tv' }, model: 'linear', measure: 'conversions' });
    const tv = r.priors.find((p) => p.channel === 'tv')!;
    expect(Math.exp(tv.mu)).toBeCloseTo(120 / spendOver('tv', 0, data.dates.length - 1), 12);
    expect(r.issues.some((i) => i.message.includes('no data_range'))).toBe(true);
  });

  it('names a missing model as an error', () => {
    const r = mtaRoasPriors(mta, data, 'm.json', { model: 'shapley' });
    expect(r.priors).toEqual([]);
    expect(r.issues[0]).toMatchObject({ severity: 'error', file: 'm.json' });
  });
});

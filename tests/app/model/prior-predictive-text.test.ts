// What the prior predictive panel says about calibration (server-rendered): which channels draw
// saturation_beta from a ROAS prior, and that lift tests are not part of the check (they are
// likelihood terms, tests/app/model/prior-predictive-roas.test.ts shows the draws ignore them).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import PriorPredictive from '../../../src/app/model/PriorPredictive.svelte';
import type { ModelSpec } from '../../../src/core/types';
import { devData } from '../../helpers/dev-fits';
import { liftPrior, mtaPrior } from './roas-helpers';

const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('prior predictive panel text', () => {
  const { data, spec } = devData('dev_weekly_logistic');
  const test = { channel: 'social', x: 1000, delta_x: 200, delta_y: 500, sigma: 50 };

  it('names the channels whose beta comes from a ROAS prior, and says lift tests are left out', () => {
    const calibrated: ModelSpec = { ...spec, roas_priors: [liftPrior(data, 'tv', 0.6), mtaPrior('search', 1.8)], lift_tests: [test, { ...test, channel: 'tv' }] };
    const body = text(render(PriorPredictive, { props: { dataset: data, spec: calibrated } }).body);
    expect(body).toContain("a ROAS prior takes the place of its channel's saturation_beta prior: tv (lift test tv weeks 60–67); search (MTA-informed (markov_1)).");
    expect(body).toContain('The 2 lift tests are not part of this check: lift tests enter the fit as data (the likelihood), not as priors.');
  });

  it('one lift test, no ROAS prior', () => {
    const body = text(render(PriorPredictive, { props: { dataset: data, spec: { ...spec, lift_tests: [test] } } }).body);
    expect(body).toContain('The lift test is not part of this check');
    expect(body).not.toContain('ROAS prior');
  });

  it('says nothing about calibration when there is none', () => {
    const body = text(render(PriorPredictive, { props: { dataset: data, spec } }).body);
    expect(body).not.toMatch(/ROAS prior|lift test/);
    expect(body).toContain('Prior predictive check');
  });
});

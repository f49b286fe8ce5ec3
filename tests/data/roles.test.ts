import { describe, expect, it } from 'vitest';
import { parseFiles, detectRoles, setRole, buildDataset } from '../../src/data';
import type { RoleAssignment } from '../../src/data/types';
import { channelOf, targetRank } from '../../src/data/role-rules';
import { errorsOf, sharedFile, sharedFolder, show } from './helpers';

/** Roles as "column:role[/channel.measure]" strings, for compact expectations. */
function summary(r: RoleAssignment): Record<string, string> {
  return Object.fromEntries(r.columns.map((c) => [c.column, c.role === 'channel' ? `channel/${c.channel}.${c.measure}` : c.role]));
}

describe('format and role detection on the shared formats', () => {
  it('PyMC-Marketing mmm_example.csv', () => {
    const p = parseFiles([sharedFile('pymc-marketing/mmm_example.csv')]);
    expect(p.format).toBe('wide');
    expect(summary(detectRoles(p))).toEqual({
      date_week: 'date', y: 'target', x1: 'channel/x1.spend', x2: 'channel/x2.spend',
      event_1: 'control', event_2: 'control', dayofyear: 'ignored', t: 'control',
    });
  });

  it('Robyn dt_simulated_weekly.csv: suffixes pair exposure with spend, events is a text control', () => {
    const p = parseFiles([sharedFile('robyn/dt_simulated_weekly.csv')]);
    expect(p.format).toBe('wide');
    const roles = detectRoles(p);
    expect(summary(roles)).toEqual({
      DATE: 'date', revenue: 'target', tv_S: 'channel/tv.spend', ooh_S: 'channel/ooh.spend', print_S: 'channel/print.spend',
      facebook_I: 'channel/facebook.impressions', search_clicks_P: 'channel/search.clicks', search_S: 'channel/search.spend',
      competitor_sales_B: 'control', facebook_S: 'channel/facebook.spend', events: 'control', newsletter: 'control',
    });
    const { dataset, report } = buildDataset(p, roles);
    expect(errorsOf(report)).toEqual([]);
    // One-hot with the most common level ("na", 206 of 208) as the dropped reference.
    const names = dataset!.controls.map((c) => c.name);
    expect(names).toContain('events_event1');
    expect(names).toContain('events_event2');
    expect(names).not.toContain('events_na');
    const e1 = dataset!.controls.find((c) => c.name === 'events_event1')!.values;
    expect(e1.reduce((a, b) => a + b, 0)).toBe(1);
    expect(dataset!.channels.find((c) => c.name === 'facebook')!.impressions).toBeDefined();
    expect(dataset!.channels.find((c) => c.name === 'search')!.clicks).toBeDefined();
  });

  it('Meridian national_media.csv: revenue derived as the target', () => {
    const p = parseFiles([sharedFile('meridian/national_media.csv')]);
    expect(p.format).toBe('meridian_national');
    const s = summary(detectRoles(p));
    expect(s).toMatchObject({
      time: 'date', revenue: 'target', conversions: 'ignored', revenue_per_conversion: 'ignored',
      Channel0_spend: 'channel/Channel0.spend', Channel3_impression: 'channel/Channel3.impressions',
      competitor_activity_score_control: 'control', sentiment_score_control: 'control',
    });
  });

  it('Meridian geo_media_rf.csv', () => {
    const p = parseFiles([sharedFile('meridian/geo_media_rf.csv')]);
    expect(p.format).toBe('meridian_geo');
    expect(summary(detectRoles(p))).toMatchObject({
      time: 'date', revenue: 'target', conversions: 'ignored', population: 'ignored', Channel3_reach: 'ignored',
      Channel3_frequency: 'ignored', Channel2_spend: 'channel/Channel2.spend', sentiment_score_control: 'control',
    });
  });

  it('synthetic dev_weekly_hill data.csv: media names without suffixes', () => {
    const p = parseFiles([sharedFile('synthetic/dev_weekly_hill/data.csv')]);
    expect(summary(detectRoles(p))).toEqual({
      date: 'date', tv: 'channel/tv.spend', radio: 'channel/radio.spend', search: 'channel/search.spend', social: 'channel/social.spend',
      display: 'channel/display.spend', black_friday: 'control', competitor_index: 'control', t: 'control', sales: 'target',
    });
  });

  it('the measurement workspace picked as a folder', () => {
    const files = [...sharedFolder('synthetic/dev_workspace_hill', 'raw'), ...sharedFolder('synthetic/dev_workspace_hill', 'analysis'), sharedFile('synthetic/dev_workspace_hill/WORKSPACE.json', 'dev_workspace_hill/WORKSPACE.json')];
    const p = parseFiles(files);
    expect(p.format).toBe('workspace');
    expect(p.name).toBe('dev_workspace_hill');
    const s = summary(detectRoles(p));
    expect(s).toMatchObject({ date: 'date', revenue: 'target', conversions: 'ignored', search_spend: 'channel/search.spend', tv_clicks: 'channel/tv.clicks', black_friday: 'control', competitor_index: 'control' });
    expect(p.passthrough).toHaveLength(1);
    expect(p.passthrough[0].kind).toBe('incrementality_results');
    expect(p.report.some((e) => e.file?.endsWith('WORKSPACE.json') && e.severity === 'warning')).toBe(true);
  });
});

describe('role rules', () => {
  it('names', () => {
    expect(channelOf('tvSpend')).toMatchObject({ channel: 'tv', measure: 'spend' });
    expect(channelOf('spend_youtube')).toMatchObject({ channel: 'youtube', measure: 'spend' });
    expect(channelOf('Facebook Impressions')).toMatchObject({ channel: 'Facebook', measure: 'impressions' });
    expect(channelOf('sales')).toBeNull();
    expect(channelOf('price_index')).toBeNull();
    expect(targetRank('competitor_sales_B')).toBe(-1);
    expect(targetRank('y')).toBeLessThan(targetRank('revenue'));
  });

  it('setRole keeps one date and one target', () => {
    const p = parseFiles([sharedFile('pymc-marketing/mmm_example.csv')]);
    const edited = setRole(detectRoles(p), 'x2', { role: 'target' });
    const s = summary(edited);
    expect(s.x2).toBe('target');
    expect(s.y).toBe('ignored');
    expect(edited.columns.find((c) => c.column === 'x2')!.reason).toBe('set by you');
    const r = buildDataset(p, edited);
    expect(r.dataset!.target.name).toBe('x2');
    expect(show(errorsOf(r.report))).toBe('');
  });
});

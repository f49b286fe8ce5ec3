// More model parameters than periods (bad-input sweep, session 4): 200 spend columns on 208
// weeks, or 4 channels on 3 weeks, were fitted and reported with no word that the data cannot
// inform most parameters. Oracle: the count 3 × channels + controls against the periods.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { sharedFile, simpleCsv } from '../data/helpers';

const { header, rows } = simpleCsv(sharedFile('synthetic/dev_weekly_hill/data.csv').text);
const sales = header.indexOf('sales');

function build(width: number, periods: number) {
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const head = ['date', 'sales', ...Array.from({ length: width }, (_, k) => `ch${k}_spend`)];
  const body = rows.slice(0, periods).map((r) => [r[0], r[sales], ...Array.from({ length: width }, () => (rnd() * 1000).toFixed(2))]);
  const parsed = parseFiles([{ name: 'wide.csv', text: [head, ...body].map((r) => r.join(',')).join('\n') }]);
  return buildDataset(parsed, detectRoles(parsed));
}
const warned = (r: ReturnType<typeof build>) => r.report.filter((e) => /parameters for/.test(e.message));

describe('more parameters than periods', () => {
  it('200 channels on 208 weeks: built, with a warning giving the count', () => {
    const r = build(200, 208);
    expect(r.dataset!.channels).toHaveLength(200);
    expect(warned(r)).toEqual([
      { severity: 'warning', message: '200 channels and 0 controls on 208 weeks: at least 600 parameters for 208 periods, so the estimates will mostly repeat the priors', hint: 'merge small channels, leave out controls, use a longer date range, or add lift tests' },
    ]);
  });

  it('the boundary: 69 channels (207 parameters) on 208 weeks pass, 70 (210) are warned', () => {
    expect(warned(build(69, 208))).toEqual([]);
    expect(warned(build(70, 208))).toHaveLength(1);
  });

  it('the shared example sets are not warned', () => {
    for (const f of ['synthetic/dev_weekly_hill/data.csv', 'pymc-marketing/mmm_example.csv', 'robyn/dt_simulated_weekly.csv']) {
      const parsed = parseFiles([sharedFile(f)]);
      expect(warned(buildDataset(parsed, detectRoles(parsed))), f).toEqual([]);
    }
  });
});

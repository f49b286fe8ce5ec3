// A channel with no spend in any row beside its impressions (bad-input sweep, session 4):
// the spend column was left out and the impressions kept as a channel, so the build stopped
// with "Channel X has no spend column" — for a channel the data says was not bought. Now
// the channel is left out whole, with the reason, as a wide file's all-zero channel is.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import { errorsOf, sharedFile, show, simpleCsv } from '../data/helpers';

function zeroed(path: string, column: string) {
  const { header, rows } = simpleCsv(sharedFile(path).text);
  const j = header.indexOf(column);
  const text = [header.join(','), ...rows.map((r) => r.map((c, k) => (k === j ? '0' : c)).join(','))].join('\n');
  const parsed = parseFiles([{ name: 'z.csv', text }]);
  const roles = detectRoles(parsed);
  const plain = parseFiles([sharedFile(path)]);
  return { roles, built: buildDataset(parsed, roles), plain: buildDataset(plain, detectRoles(plain)).dataset! };
}

describe('a channel with zero spend in every row', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['Meridian national', 'meridian/national_media.csv', 'Channel0_spend', 'Channel0_impression', 'Channel0'],
    ['Robyn', 'robyn/dt_simulated_weekly.csv', 'facebook_S', 'facebook_I', 'facebook'],
  ];
  for (const [label, path, spend, exposure, channel] of cases)
    it(`${label}: ${channel} is left out whole, the others are the plain file's`, () => {
      const { roles, built, plain } = zeroed(path, spend);
      expect(roles.columns.find((r) => r.column === exposure)).toEqual({ column: exposure, role: 'ignored', reason: `channel ${channel} has no spend in any row (${spend})` });
      expect(show(errorsOf(built.report))).toBe('');
      const d = built.dataset!;
      expect(d.channels.map((c) => c.name)).toEqual(plain.channels.map((c) => c.name).filter((n) => n !== channel));
      for (const c of d.channels) expect(Array.from(c.spend)).toEqual(Array.from(plain.channels.find((p) => p.name === c.name)!.spend));
      expect(built.report.find((e) => e.column === spend)).toMatchObject({ severity: 'warning', channel, message: `Column ${spend} looks like channel ${channel} but has no spend in any row; it is left out` });
    });

  it('impressions without any spend column stay an error (nothing says the channel was not bought)', () => {
    const { header, rows } = simpleCsv(sharedFile('meridian/national_media.csv').text);
    const keep = header.map((h, j) => (h === 'Channel0_spend' ? -1 : j)).filter((j) => j >= 0);
    const text = [keep.map((j) => header[j]).join(','), ...rows.map((r) => keep.map((j) => r[j]).join(','))].join('\n');
    const parsed = parseFiles([{ name: 'n.csv', text }]);
    const r = buildDataset(parsed, detectRoles(parsed));
    expect(errorsOf(r.report).map((e) => e.message)).toEqual(['Channel Channel0 has no spend column']);
    expect(errorsOf(r.report)[0]).toMatchObject({ file: 'n.csv', column: 'Channel0_impression', channel: 'Channel0' });
  });
});

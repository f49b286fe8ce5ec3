import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, demoRoles, detectRoles, loadDemo, parseFiles, type DemoDescription } from '../../src/data';
import { errorsOf, sharedFile, simpleCsv } from './helpers';

const PUBLIC = resolve(__dirname, '../../public/');
/** fetch over the public/ folder, as the built app serves it. */
const localFetch = (async (url: string) => {
  try {
    const body = readFileSync(resolve(PUBLIC, url.replace(/^\//, '')), 'utf8');
    return new Response(body, { status: 200 });
  } catch {
    return new Response('', { status: 404 });
  }
}) as unknown as typeof fetch;

describe('bundled demo', () => {
  it('is the PyMC-Marketing example, byte for byte', () => {
    expect(readFileSync(resolve(PUBLIC, 'demo/mmm_example.csv'), 'utf8')).toBe(sharedFile('pymc-marketing/mmm_example.csv').text);
  });

  it('demo.json roles build the dataset the CSV holds, and detection agrees with them', async () => {
    const { desc, files } = await loadDemo('/', localFetch);
    const parsed = parseFiles(files);
    const { roles, report: roleReport } = demoRoles(desc, parsed);
    expect(roleReport).toEqual([]);
    const detected = detectRoles(parsed);
    expect(detected.columns.map((c) => [c.column, c.role, c.channel])).toEqual(roles.columns.map((c) => [c.column, c.role, c.channel]));
    const { dataset, report } = buildDataset(parsed, roles, desc.options);
    expect(errorsOf(report)).toEqual([]);
    const csv = simpleCsv(files[0].text);
    const col = (n: string) => csv.rows.map((r) => Number(r[csv.header.indexOf(n)]));
    expect(dataset!.dates).toEqual(csv.rows.map((r) => r[0]));
    expect(Array.from(dataset!.target.values)).toEqual(col('y'));
    expect(dataset!.channels.map((c) => [c.name, Array.from(c.spend)])).toEqual([['x1', col('x1')], ['x2', col('x2')]]);
    expect(dataset!.controls.map((c) => [c.name, Array.from(c.values)])).toEqual(['event_1', 'event_2', 't'].map((n) => [n, col(n)]));
    expect(dataset!.imputed).toEqual([]);
  });

  it('a description naming a column that is not there is reported', () => {
    const desc: DemoDescription = JSON.parse(readFileSync(resolve(PUBLIC, 'demo/demo.json'), 'utf8'));
    const parsed = parseFiles([{ name: 'mmm_example.csv', text: 'date_week,y,x1,x2,extra\n2020-01-06,1,2,3,4\n2020-01-13,1,2,3,4\n' }]);
    expect(demoRoles(desc, parsed).report[0]).toMatchObject({ severity: 'error', column: 'extra' });
  });

  it('a missing demo file rejects with the URL', async () => {
    await expect(loadDemo('/nowhere/', localFetch)).rejects.toThrow(/nowhere\/demo\/demo.json answered 404/);
  });
});

// A measurement workspace with the wrong things in raw/ (found by the bad-input sweep, session 4):
// a notes.txt, an empty or one-column CSV beside the contract files used to stop the whole
// workspace with their own errors ("Only one column found", "no data rows") although they
// were skipped. Oracle: the dataset of the clean workspace, cell for cell.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import type { InputFile } from '../../src/data/types';
import { errorsOf, sharedFolder, show } from '../data/helpers';

const raw = () => sharedFolder('synthetic/dev_workspace_hill', 'raw');
function build(files: InputFile[]) {
  const parsed = parseFiles(files);
  return buildDataset(parsed, detectRoles(parsed));
}
const clean = build(raw()).dataset!;

describe('workspace raw/ with files outside the contract', () => {
  const extras: InputFile[] = [
    { name: 'dev_workspace_hill/raw/notes.txt', text: 'remember to refresh the export\n' },
    { name: 'dev_workspace_hill/raw/empty.csv', text: '' },
    { name: 'dev_workspace_hill/raw/header_only.csv', text: 'a,b,c\n' },
  ];

  it('are skipped with one warning each, and the workspace builds exactly as without them', () => {
    const r = build([...raw(), ...extras]);
    expect(show(errorsOf(r.report))).toBe('');
    for (const x of extras) {
      const about = r.report.filter((e) => e.file === x.name);
      expect(about, x.name).toHaveLength(1);
      expect(about[0]).toMatchObject({ severity: 'warning', message: `${x.name.split('/').pop()} is not part of the workspace contract and was skipped` });
      expect(about[0].hint).toMatch(/move other files out of raw\//);
    }
    const d = r.dataset!;
    expect(d.dates).toEqual(clean.dates);
    expect(Array.from(d.target.values)).toEqual(Array.from(clean.target.values));
    expect(d.channels.map((c) => [c.name, Array.from(c.spend)])).toEqual(clean.channels.map((c) => [c.name, Array.from(c.spend)]));
    expect(d.imputed).toEqual(clean.imputed);
  });

  it('a contract file keeps its own problems: an empty conversions.csv is still an error', () => {
    const files = raw().map((f) => (f.name.endsWith('/conversions.csv') ? { ...f, text: '' } : f));
    const r = build(files);
    expect(r.dataset).toBeUndefined();
    expect(errorsOf(r.report).find((e) => e.file?.endsWith('conversions.csv'))?.message).toBe('The file is empty');
  });
});

describe('a misnamed conversions file', () => {
  it('is skipped with a hint to rename it, beside the missing-conversions error', () => {
    const files = raw().map((f) => (f.name.endsWith('/conversions.csv') ? { ...f, name: f.name.replace('conversions.csv', 'conversion.csv') } : f));
    const r = build(files);
    expect(r.dataset).toBeUndefined();
    const skipped = r.report.find((e) => e.file?.endsWith('conversion.csv'))!;
    expect(skipped).toMatchObject({ severity: 'warning', message: 'conversion.csv is not part of the workspace contract and was skipped', hint: 'its columns (date, conversions, revenue) are those of conversions.csv: rename it conversions.csv if it holds the target' });
    expect(errorsOf(r.report)[0].message).toBe('The workspace has no conversions.csv (date, conversions, revenue)');
  });
});

// Bad cells in a measurement workspace's long files (bad-input sweep, session 4):
// - a platform file whose spend is written "1234.5%": the column read as empty, the channel
//   "has no spend in any row" and then "has no spend column" (its impressions kept) — the
//   wrong diagnosis; now each cell is named with the percent hint, and nothing else is said;
// - a text cell in external_factors.csv was named as column "value" ("leave value out of the
//   model"); now the factor is named (black_friday), the file's column stays the place.
import { describe, expect, it } from 'vitest';
import { buildDataset, detectRoles, parseFiles } from '../../src/data';
import type { InputFile } from '../../src/data/types';
import { errorsOf, sharedFolder } from '../data/helpers';

const edit = (name: string, fn: (lines: string[]) => void): InputFile[] =>
  sharedFolder('synthetic/dev_workspace_hill', 'raw').map((f) => {
    if (!f.name.endsWith(name)) return f;
    const lines = f.text.split(/\r?\n/);
    fn(lines);
    return { ...f, text: lines.join('\n') };
  });
function build(files: InputFile[]) {
  const parsed = parseFiles(files);
  return buildDataset(parsed, detectRoles(parsed));
}

describe('workspace cells', () => {
  it('spend written as percentages: every error names a spend cell of radio, with the percent hint', () => {
    const files = edit('campaign_spend_radio.csv', (lines) => {
      for (let i = 1; i < lines.length; i++) if (lines[i]) lines[i] = lines[i].replace(/^([^,]*,[^,]*,)([^,]*)/, '$1$2%');
    });
    const r = build(files);
    expect(r.dataset).toBeUndefined();
    const e = errorsOf(r.report);
    expect(e).toHaveLength(6); // 5 cells named, the rest in one line
    for (const x of e) expect(x).toMatchObject({ file: 'dev_workspace_hill/raw/campaign_spend_radio.csv', column: 'spend', channel: 'radio' });
    expect(e[0]).toMatchObject({ row: 2, message: 'radio_spend: "0.0%" is not a number', hint: 'write percentages as plain numbers (12.5 rather than 12.5%)' });
    expect(r.report.some((x) => /no spend/.test(x.message))).toBe(false);
  });

  it('a text cell among a factor\'s numbers names the factor and its row', () => {
    let row = 0;
    const files = edit('external_factors.csv', (lines) => {
      const i = lines.findIndex((l, k) => k > 30 && l.includes(',black_friday,'));
      lines[i] = lines[i].replace(/,[^,]*$/, ',high');
      row = i + 1;
    });
    const e = errorsOf(build(files).report);
    expect(e).toEqual([
      {
        severity: 'error',
        file: 'dev_workspace_hill/raw/external_factors.csv',
        column: 'value',
        row,
        message: 'black_friday: "high" is not a number',
        hint: 'correct these cells, or clear them to have each imputed as a gap and flagged; or leave black_friday out of the model',
      },
    ]);
  });
});

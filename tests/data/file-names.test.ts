// File names in messages are the user's own spelling: a user looks for WORKSPACE.json, not
// workspace.json. Classification of the workspace contract's names is case-insensitive.
import { describe, expect, it } from 'vitest';
import { parseFiles } from '../../src/data';
import { baseName, classifyTable, isIncrementalityFile } from '../../src/data/formats';
import { readCsv } from '../../src/data/csv';

const WEEKS = 'date,revenue\n2021-01-04,1\n2021-01-11,2\n';

describe('file names keep their case', () => {
  it('baseName strips folders only', () => {
    expect(baseName('Data/Q3/WORKSPACE.json')).toBe('WORKSPACE.json');
    expect(baseName('C:\\Users\\Ann\\Sales_2024.CSV')).toBe('Sales_2024.CSV');
  });

  it('a skipped file is named as picked', () => {
    const parsed = parseFiles([{ name: 'proj/WORKSPACE.json', text: '{}' }, { name: 'proj/Sales.csv', text: WEEKS }]);
    const messages = parsed.report.map((e) => e.message);
    expect(messages).toContain('WORKSPACE.json is not a CSV file and was skipped');
    expect(messages.join('\n')).not.toMatch(/workspace\.json/);
  });

  it('a single file gives the dataset its name as spelled', () => {
    expect(parseFiles([{ name: 'My_Brand_Weekly.csv', text: WEEKS }]).name).toBe('My_Brand_Weekly');
  });

  it('contract names match in any case, and reasons keep the spelling', () => {
    const t = readCsv('raw/Campaign_Spend_Google.CSV', 'date,channel,spend\n2021-01-04,search,1\n');
    expect(classifyTable(t)).toMatchObject({ part: 'campaign_spend' });
    expect(classifyTable(t).reason.startsWith('Campaign_Spend_Google.CSV:')).toBe(true);
    expect(classifyTable(readCsv('Conversions.csv', WEEKS)).part).toBe('conversions');
    expect(classifyTable(readCsv('EXTERNAL_FACTORS.TXT', WEEKS)).part).toBe('external_factors');
    expect(isIncrementalityFile('analysis/Incrementality_Results.JSON')).toBe(true);
  });

  it('a second conversions file is named as picked', () => {
    const parsed = parseFiles([
      { name: 'ws/campaign_spend_tv.csv', text: 'date,channel,spend\n2021-01-04,tv,1\n2021-01-11,tv,2\n' },
      { name: 'ws/conversions.csv', text: WEEKS },
      { name: 'ws/old/CONVERSIONS.csv', text: WEEKS },
    ]);
    expect(parsed.report.map((e) => e.message)).toContain('More than one CONVERSIONS.csv picked');
  });
});

// Problems in the typed-in lift-test table are shown in the table's own words: the column the
// analyst typed in ("Δy", not the record key "delta_y") and the place named as the typed-in
// table (not "file table"). The problems come from the real importer (CalibrationState on the
// workspace data), so the test follows whatever keys src/calibration reports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalibrationState, withCalibration, type CalibrationHost } from '../../../src/app/calibration/calibration.svelte';
import { TABLE_FILE } from '../../../src/app/calibration/sources';
import { TABLE_COLUMNS, TABLE_PLACE, tableIssues } from '../../../src/app/calibration/table';
import { errorPlace } from '../../../src/app/shell/error-place';
import type { Dataset, ModelSpec, UserError } from '../../../src/core/types';
import { buildDataset, detectRoles, parseFiles } from '../../../src/data';
import { defaultModelSpec } from '../../../src/model/spec';
import { SHARED } from '../../calibration/wide-csv';

const dir = join(SHARED, 'data/synthetic/dev_workspace_hill');
const parsed = parseFiles(['raw'].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => ({ name: f, text: readFileSync(join(dir, sub, f), 'utf8') }))));
const workspace = buildDataset(parsed, detectRoles(parsed)).dataset!;

function stateWith(cells: Record<string, string>, shape: 'pymc' | 'incrementality' = 'pymc'): CalibrationState {
  const host: CalibrationHost & { spec: ModelSpec } = {
    dataset: workspace as Dataset,
    passthrough: null,
    spec: defaultModelSpec(workspace),
    write(c) {
      this.spec = withCalibration(this.spec, c);
    },
  };
  const state = new CalibrationState(host);
  state.sync();
  if (shape !== 'pymc') state.setTableShape(shape);
  state.addTableRow();
  for (const [k, v] of Object.entries(cells)) state.setTableCell(0, k, v);
  return state;
}

describe('typed-in table problems', () => {
  it('name the column by its label, in the message and where, and the place as the typed-in table', () => {
    const state = stateWith({ channel: 'tv', x: '70000', delta_x: '14000', delta_y: 'abc', sigma: '2900' });
    const raw = state.issues.filter((e) => e.severity === 'error');
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ file: TABLE_FILE, row: 1, column: 'delta_y' });
    expect(raw[0].message).toContain('"delta_y"');
    const [shown] = tableIssues(raw, 'pymc', TABLE_FILE);
    // The table is not a file: it is named as a source, so the list does not say "file typed-in table".
    expect(shown).toMatchObject({ source: TABLE_PLACE, row: 1, column: 'Δy', hint: raw[0].hint, severity: 'error' });
    expect(shown.file).toBeUndefined();
    expect(errorPlace(shown)).toBe(`${TABLE_PLACE}, row 1, column Δy`);
    expect(shown.message).toBe(raw[0].message.split('"delta_y"').join('"Δy"'));
  });

  it('map every column of both shapes to the label the table shows', () => {
    for (const shape of ['pymc', 'incrementality'] as const)
      for (const c of TABLE_COLUMNS[shape]) {
        const e: UserError = { message: `"${c.key}" is wrong`, file: TABLE_FILE, row: 2, column: c.key, severity: 'error' };
        expect(tableIssues([e], shape, TABLE_FILE)[0]).toMatchObject({ column: c.label, message: `"${c.label}" is wrong` });
      }
  });

  it('leave problems of files (their own column names) and located nowhere untouched', () => {
    const fromFile: UserError = { message: '"delta_y" is not a number', file: 'tests.csv', row: 3, column: 'delta_y', severity: 'error' };
    const general: UserError = { message: 'no channel', severity: 'warning' };
    expect(tableIssues([fromFile, general], 'pymc', TABLE_FILE)).toEqual([fromFile, general]);
  });
});

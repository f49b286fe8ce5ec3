// The Model step's calibration state against a plain host (no studio): the workspace's
// incrementality_results.json arrives through src/data's passthrough and lands in
// ModelSpec.lift_tests with the numbers src/calibration maps; the list survives a preset
// rebuild of the spec; tests can be left out; table rows and files give errors naming the
// file, row and column; tests saved in a spec are adopted; new data re-reads the windows.
import { describe, expect, it } from 'vitest';
import { CalibrationState } from '../../../src/app/calibration/calibration.svelte';
import { baseName, describeSource, fileShape, sourceCell } from '../../../src/app/calibration/sources';
import { importLiftTests, toModelLiftTests } from '../../../src/calibration';
import type { Dataset, LiftTest } from '../../../src/core/types';
import { defaultModelSpec } from '../../../src/model/spec';
import { Host, parsed, workspace } from './host';

const pass = parsed.passthrough.find((p) => p.kind === 'incrementality_results')!;

const file = (name: string, text: string) => new File([text], name, { type: 'text/plain' });

describe('calibration state: workspace passthrough', () => {
  const host = new Host(workspace, parsed.passthrough);
  const state = new CalibrationState(host);
  state.sync();

  it('maps both tests of incrementality_results.json into the spec, as src/calibration does', () => {
    const direct = importLiftTests(pass.text, pass.file, workspace);
    expect(host.spec!.lift_tests).toEqual(toModelLiftTests(direct.tests));
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
    expect(state.tests[0].window).toMatchObject({ periods: 8, aligned: true });
    expect(describeSource(state.tests[0])).toBe(`workspace ${pass.file}, row 1 (incrementality results)`);
    // The table's cell: the file's base name, the full path on hover (a folder's path widened the table).
    expect(pass.file).toContain('/');
    expect(sourceCell(state.tests[0])).toEqual({ text: 'workspace incrementality_results.json, row 1 (incrementality results)', title: `workspace ${pass.file}, row 1 (incrementality results)` });
    // The metric "sales" is read as the workspace's target with a warning, not an error.
    expect(state.issues.filter((e) => e.severity === 'error')).toEqual([]);
    expect(state.issues.some((e) => e.column === 'metric' && e.severity === 'warning')).toBe(true);
  });

  it('a spec rebuilt by a preset (no tests) gets the tests back; a second sync writes nothing', () => {
    const before = host.spec!.lift_tests;
    host.spec = defaultModelSpec(workspace, { saturation: 'logistic' });
    state.sync();
    expect(host.spec.lift_tests).toEqual(before);
    const writes = host.writes;
    state.sync();
    expect(host.writes).toBe(writes);
  });

  it('a test left out is dropped from the spec and comes back when used again', () => {
    const radio = state.tests.find((t) => t.channel === 'radio')!;
    state.setUsed(radio.key, false);
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv']);
    state.setUsed(radio.key, true);
    expect(host.spec!.lift_tests.map((t) => t.channel)).toEqual(['tv', 'radio']);
  });

  it('a new import without the JSON drops the workspace tests', () => {
    const h = new Host(workspace, parsed.passthrough);
    const s = new CalibrationState(h);
    s.sync();
    h.passthrough = [];
    s.sync();
    expect(h.spec!.lift_tests).toEqual([]);
    expect(s.sources).toEqual([]);
  });
});

describe('calibration state: the table', () => {
  it('maps a per-period row, names row and column of a bad one, and keeps row numbers across blank rows', () => {
    const host = new Host(workspace, null);
    const state = new CalibrationState(host);
    state.sync();
    state.addTableRow();
    state.addTableRow();
    state.addTableRow();
    const good = { channel: 'tv', x: '70000', delta_x: '14000', delta_y: '19000', sigma: '2900', label: 'tv typed' };
    for (const [k, v] of Object.entries(good)) state.setTableCell(0, k, v);
    // Row 2 stays blank; row 3 has a negative standard error.
    for (const [k, v] of Object.entries({ ...good, channel: 'radio', sigma: '-5', label: '' })) state.setTableCell(2, k, v);
    expect(host.spec!.lift_tests).toEqual([{ channel: 'tv', x: 70000, delta_x: 14000, delta_y: 19000, sigma: 2900, label: 'tv typed' }]);
    const errors = state.issues.filter((e) => e.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'table', row: 3, column: 'sigma', channel: 'radio' });
  });

  it('a dated row reads x and the window from the data like the workspace file', () => {
    const host = new Host(workspace, null);
    const state = new CalibrationState(host);
    state.sync();
    state.setTableShape('incrementality');
    state.addTableRow();
    const row = { channel: 'tv', start_date: '2023-02-27', end_date: '2023-04-23', lift: '155656.23', ci_lower: '117248.05', ci_upper: '194064.4', spend: '117687.08' };
    for (const [k, v] of Object.entries(row)) state.setTableCell(0, k, v);
    const fromFile = importLiftTests(pass.text, pass.file, workspace).tests[0];
    const [t] = host.spec!.lift_tests;
    expect(t).toMatchObject({ channel: 'tv', x: fromFile.x, delta_x: fromFile.delta_x, delta_y: fromFile.delta_y, sigma: fromFile.sigma });
  });

  it('an unknown channel and a window outside the data are errors naming the column', () => {
    const host = new Host(workspace, null);
    const state = new CalibrationState(host);
    state.sync();
    state.setTableShape('incrementality');
    state.addTableRow();
    const row = { channel: 'podcast', start_date: '2019-01-07', end_date: '2019-02-03', lift: '100', ci_lower: '50', ci_upper: '150', spend: '100' };
    for (const [k, v] of Object.entries(row)) state.setTableCell(0, k, v);
    expect(host.spec!.lift_tests).toEqual([]);
    expect(state.issues.find((e) => e.severity === 'error')).toMatchObject({ file: 'table', row: 1, column: 'channel', channel: 'podcast' });
    state.setTableCell(0, 'channel', 'tv');
    expect(state.issues.find((e) => e.severity === 'error')).toMatchObject({ file: 'table', row: 1, column: 'start_date', channel: 'tv' });
  });
});

describe('calibration state: files and saved tests', () => {
  it('reads a Robyn CSV; "spend is the channel total" maps to x = 0', async () => {
    const host = new Host(workspace, null);
    const state = new CalibrationState(host);
    state.sync();
    const csv = 'channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,calibration_scope\ntv,2023-02-27,2023-04-23,155656.23,117687.08,0.9,immediate\n';
    await state.addFiles([file('robyn.csv', csv)]);
    expect(fileShape(state.sources[0])).toBe('robyn');
    expect(state.hasRobyn).toBe(true);
    const [t] = host.spec!.lift_tests;
    expect(t.delta_y).toBeCloseTo(155656.23 / 8, 9);
    expect(t.sigma).toBeCloseTo((0.25 * 155656.23) / 8, 9);
    expect(t.x).toBeGreaterThan(0);
    state.setOptions({ robynSpend: 'channel_total' });
    expect(host.spec!.lift_tests[0].x).toBe(0);
    expect(describeSource(state.tests[0])).toBe('file robyn.csv, row 2 (Robyn rows)');
    expect(sourceCell(state.tests[0])).toEqual({ text: 'file robyn.csv, row 2 (Robyn rows)', title: undefined });
  });

  it('a file in no known shape is one error naming the file; removing it clears it', async () => {
    const host = new Host(workspace, null);
    const state = new CalibrationState(host);
    state.sync();
    await state.addFiles([file('odd.csv', 'a,b\n1,2\n')]);
    expect(state.issues).toHaveLength(1);
    expect(state.issues[0]).toMatchObject({ severity: 'error', file: 'odd.csv' });
    state.removeSource('file:odd.csv');
    expect(state.issues).toEqual([]);
  });

  it('tests already in the spec (a restored session) are adopted and validated like any input', () => {
    const host = new Host(workspace, null);
    const saved: LiftTest[] = [{ channel: 'tv', x: 70000, delta_x: 14000, delta_y: 19000, sigma: 2900, label: 'from last time' }];
    host.spec = { ...host.spec!, lift_tests: saved };
    const state = new CalibrationState(host);
    state.sync();
    expect(host.writes).toBe(0);
    expect(state.tests.map((t) => [t.label, t.sourceKind])).toEqual([['from last time', 'saved']]);
    expect(state.modelTests).toEqual(saved);
  });

  it('new data re-reads the test window: x follows the data', () => {
    const host = new Host(workspace, parsed.passthrough);
    const state = new CalibrationState(host);
    state.sync();
    const x0 = host.spec!.lift_tests[0].x;
    const doubled: Dataset = { ...workspace, fingerprint: workspace.fingerprint + '-x2', channels: workspace.channels.map((c) => ({ ...c, spend: c.spend.map((v) => 2 * v) })) };
    host.dataset = doubled;
    host.spec = defaultModelSpec(doubled, { saturation: 'hill' });
    state.sync();
    expect(host.spec.lift_tests[0].x / x0).toBeCloseTo(2, 12);
  });
});

describe('baseName', () => {
  it('keeps the last part of a path with either separator', () => {
    expect(baseName('dev_workspace_hill/analysis/incrementality_results.json')).toBe('incrementality_results.json');
    expect(baseName('C:\\data\\tests.csv')).toBe('tests.csv');
    expect(baseName('tests.csv')).toBe('tests.csv');
    expect(baseName('folder/')).toBe('folder/');
  });
});

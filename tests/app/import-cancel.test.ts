// Cancel on the Data step: the import in flight stops (the data worker is terminated on
// abort, DataClient), the step is free at once and says "Import cancelled", and the data
// loaded before — dataset, parsed files, roles — is left exactly as it was, also when the
// cancel comes after the new files were parsed (an import takes over only once built). With
// the worker gone, its parsed files are gone too: a role change afterwards keeps the data and
// says to load the files again, instead of failing and dropping the dataset. A scripted data
// client stands in for the worker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataClient } from '../../src/data/client';
import type { BuildResult, ParsedInput, RoleAssignment } from '../../src/data';
import { DataState } from '../../src/app/state/data.svelte';
import { ImportState } from '../../src/app/state/import.svelte';
import { BusyRegistry } from '../../src/pwa/busy.svelte';
import { loadDataset, type RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;

type Step = 'parse' | 'detectRoles' | 'buildDataset' | 'diagnostics';

/** Each call waits for the test (`answer`), and rejects with AbortError on abort as DataClient does. */
class ScriptedClient {
  calls: Array<{ step: Step; resolve: (v: unknown) => void }> = [];
  released: unknown[] = [];
  #call<T>(step: Step, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.calls.push({ step, resolve: resolve as (v: unknown) => void });
      signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
  }
  parse(req: { signal?: AbortSignal }) {
    return this.#call<ParsedInput>('parse', req.signal);
  }
  detectRoles(_p: ParsedInput, signal?: AbortSignal) {
    return this.#call<RoleAssignment>('detectRoles', signal);
  }
  buildDataset(_p: ParsedInput, _r: RoleAssignment, _o: unknown, signal?: AbortSignal) {
    return this.#call<BuildResult>('buildDataset', signal);
  }
  diagnostics(_d: unknown, signal?: AbortSignal) {
    return this.#call<unknown>('diagnostics', signal);
  }
  release(p: ParsedInput) {
    this.released.push(p);
    return Promise.resolve();
  }
  /** Answers the latest call, which must be `step`. */
  async answer(step: Step, value: unknown): Promise<void> {
    for (let i = 0; i < 10 && this.calls.at(-1)?.step !== step; i++) await new Promise((r) => setTimeout(r, 0));
    const call = this.calls.pop();
    expect(call?.step).toBe(step);
    call!.resolve(value);
  }
}

const file = (name: string) => new File(['date,sales\n2024-01-01,1\n'], name);
const oldParsed = { passthrough: [{ kind: 'incrementality_results', file: 'lift.csv', text: 'x' }] } as unknown as ParsedInput;
const oldRoles = { columns: [] } as unknown as RoleAssignment;
const oldDataset = loadDataset(run.dataset);

/** A studio importer with one file imported to the end. */
async function withImported() {
  const client = new ScriptedClient();
  const flag = new BusyRegistry();
  const data = new DataState();
  const imp = new ImportState(data, () => undefined, { client: client as unknown as DataClient, busy: flag });
  const first = imp.loadFiles([file('old.csv')]);
  await client.answer('parse', oldParsed);
  await client.answer('detectRoles', oldRoles);
  await client.answer('buildDataset', { dataset: oldDataset, report: [], details: { note: 'old' } });
  await client.answer('diagnostics', { warnings: [] });
  await first;
  expect(data.dataset).toBe(oldDataset);
  return { client, flag, data, imp };
}

function expectOldKept(imp: ImportState, data: DataState) {
  expect(imp.busy).toBe(false);
  expect(imp.cancelled).toBe(true);
  expect(data.dataset).toBe(oldDataset);
  expect(data.origin).toEqual({ kind: 'files', names: ['old.csv'] });
  expect(data.report).toEqual([]);
  expect(imp.parsed).toBe(oldParsed);
  expect(imp.roles).toBe(oldRoles);
  expect(imp.details).toEqual({ note: 'old' });
}

describe('cancelling an import', () => {
  it('while parsing: the step is free at once, the old data untouched, the busy hold let go', async () => {
    const { client, flag, data, imp } = await withImported();
    const second = imp.loadFiles([file('big.csv')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(client.calls.map((c) => c.step)).toEqual(['parse']);
    expect(imp.busy).toBe(true);
    imp.cancel();
    expectOldKept(imp, data);
    expect(imp.progress).toBeNull();
    await second;
    expect(flag.active).toBe(false);
    expectOldKept(imp, data);
  });

  it('after the new files were parsed, while building: the new parse does not take over', async () => {
    const { client, data, imp } = await withImported();
    const newParsed = { passthrough: [] } as unknown as ParsedInput;
    const second = imp.loadFiles([file('big.csv')]);
    await client.answer('parse', newParsed);
    await client.answer('detectRoles', { columns: [{ column: 'new' }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(client.calls.at(-1)?.step).toBe('buildDataset');
    imp.cancel();
    await second;
    expectOldKept(imp, data);
    expect(client.released).toEqual([]); // the old parse was not let go by the new import
  });

  it('a role change after the cancel keeps the data and says to load the files again; a new import clears it all', async () => {
    const { client, data, imp } = await withImported();
    const second = imp.loadFiles([file('big.csv')]);
    imp.cancel();
    await second;
    await imp.changeRole('sales', { role: 'ignore' } as never);
    expect(data.dataset).toBe(oldDataset);
    expect(imp.roles).toBe(oldRoles);
    expect(data.hasErrors).toBe(false);
    expect(data.report.map((e) => e.severity)).toEqual(['warning']);
    expect(data.report[0].hint).toMatch(/^Load the files again/);
    await imp.setOptions({ trend: true });
    expect(imp.options.trend).toBe(false);
    expect(data.report).toHaveLength(1); // said once
    expect(client.calls).toHaveLength(0); // nothing asked of the stopped worker

    const third = imp.loadFiles([file('new.csv')]);
    expect(imp.cancelled).toBe(false);
    await client.answer('parse', oldParsed);
    await client.answer('detectRoles', oldRoles);
    await client.answer('buildDataset', { dataset: oldDataset, report: [] });
    await client.answer('diagnostics', { warnings: [] });
    await third;
    void imp.setOptions({ trend: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(imp.options.trend).toBe(true);
    expect(client.calls.at(-1)?.step).toBe('buildDataset'); // rebuilding works again
  });

  it('does nothing when nothing is in flight', async () => {
    const { data, imp } = await withImported();
    imp.cancel();
    expect(imp.cancelled).toBe(false);
    expect(data.dataset).toBe(oldDataset);
  });
});

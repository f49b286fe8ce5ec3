// The Data step's import holds the PWA busy flag while it reads files (a 100 MB CSV takes a
// while), so an update never reloads the tab mid-import; the hold ends when the import
// finishes, fails, or is replaced by a newer one. A scripted data client stands in for the
// worker.
import { describe, expect, it } from 'vitest';
import type { DataClient } from '../../src/data/client';
import type { ParsedInput } from '../../src/data';
import { DataState } from '../../src/app/state/data.svelte';
import { IMPORT_BUSY_REASON, ImportState } from '../../src/app/state/import.svelte';
import { BusyRegistry } from '../../src/pwa/busy.svelte';

/** parse() waits for the test; detectRoles/buildDataset fail, which ends the import. */
class ScriptedClient {
  pending: Array<{ resolve: (p: ParsedInput) => void; reject: (e: unknown) => void }> = [];
  parse(req: { signal?: AbortSignal }): Promise<ParsedInput> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      req.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
  }
  detectRoles(): Promise<never> {
    return Promise.reject(new Error('no roles in this test'));
  }
  release(): Promise<void> {
    return Promise.resolve();
  }
}

const file = (name: string) => new File(['date,sales\n2024-01-01,1\n'], name);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('imports hold the busy flag', () => {
  it('from the start of reading until the import ends (here: with an error the Data step shows)', async () => {
    const flag = new BusyRegistry();
    const client = new ScriptedClient();
    const data = new DataState();
    const imp = new ImportState(data, () => undefined, { client: client as unknown as DataClient, busy: flag });
    const done = imp.loadFiles([file('big.csv')]);
    expect(flag.reasons).toEqual([IMPORT_BUSY_REASON]);
    expect(imp.busy).toBe(true);
    // Parsing starts once the files' first lines are read (a holiday calendar is set aside).
    await settle();
    client.pending[0].resolve({} as ParsedInput);
    await done;
    expect(flag.active).toBe(false);
    expect(imp.busy).toBe(false);
    expect(data.report[0].message).toMatch(/Could not read big\.csv: no roles/);
  });

  it('a newer import replaces the older: one hold while it runs, none after', async () => {
    const flag = new BusyRegistry();
    const client = new ScriptedClient();
    const imp = new ImportState(new DataState(), () => undefined, { client: client as unknown as DataClient, busy: flag });
    const first = imp.loadFiles([file('a.csv')]);
    const second = imp.loadFiles([file('b.csv')]);
    await first;
    await settle();
    await settle();
    // The cancelled import let go; the newer one still holds, and the step is still busy.
    expect(flag.reasons).toEqual([IMPORT_BUSY_REASON]);
    expect(imp.busy).toBe(true);
    // The first import was cancelled before it reached the parser: the one parse is the newer's.
    expect(client.pending).toHaveLength(1);
    client.pending[0].reject(new Error('unreadable'));
    await second;
    expect(flag.active).toBe(false);
    expect(imp.busy).toBe(false);
  });

  it('reset while reading lets go of the step at once and of the flag when the read stops', async () => {
    const flag = new BusyRegistry();
    const client = new ScriptedClient();
    const imp = new ImportState(new DataState(), () => undefined, { client: client as unknown as DataClient, busy: flag });
    const running = imp.loadFiles([file('a.csv')]);
    imp.reset();
    expect(imp.busy).toBe(false);
    await running;
    expect(flag.active).toBe(false);
  });
});

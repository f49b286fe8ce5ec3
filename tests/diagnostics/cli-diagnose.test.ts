import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/diagnose';
import { makeIdata } from './fixtures';

const root = mkdtempSync(join(tmpdir(), 'carryover-diagnose-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function capture(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}

describe('carryover diagnose RUN_DIR', () => {
  it('writes mmm_diagnostics.json next to inference_data.json', async () => {
    const dir = join(root, 'good');
    mkdirSync(dir);
    writeFileSync(join(dir, 'inference_data.json'), JSON.stringify(makeIdata({ chains: 4, draws: 200, nObs: 30, seed: 31 })));
    const err = capture();
    const code = await run([dir]);
    err.restore();
    expect(code).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'mmm_diagnostics.json'), 'utf8'));
    expect(out.gates.r_hat.status).toBe('pass');
    expect(out.parameters['adstock_alpha[tv]'].r_hat).toBeLessThan(1.01);
    expect(err.text()).toMatch(/PASS r_hat/);
  });
  it('--strict exits 3 on a failing gate', async () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'inference_data.json'), JSON.stringify(makeIdata({ chains: 4, draws: 200, nObs: 30, seed: 32, lastChainOffset: 3 })));
    const err = capture();
    const code = await run([dir, '--strict']);
    err.restore();
    expect(code).toBe(3);
    expect(err.text()).toMatch(/FAIL r_hat/);
    expect(err.text()).toMatch(/PROVISIONAL/);
  });
  it('missing directory, missing file, invalid JSON, wrong layout: message + hint, non-zero exit', async () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['no dir', () => join(root, 'nope'), /does not exist/],
      ['no file', () => { const d = join(root, 'empty'); mkdirSync(d); return d; }, /inference_data\.json is missing/],
      ['bad json', () => { const d = join(root, 'badjson'); mkdirSync(d); writeFileSync(join(d, 'inference_data.json'), '{"posterior": '); return d; }, /not valid JSON/],
      ['ragged', () => {
        const d = join(root, 'ragged');
        mkdirSync(d);
        writeFileSync(join(d, 'inference_data.json'), JSON.stringify({ posterior: { a: [[1, 2], [3]] } }));
        return d;
      }, /not rectangular/],
    ];
    for (const [label, make, pattern] of cases) {
      const dir = make();
      const err = capture();
      const code = await run([dir]);
      err.restore();
      expect(code, label).toBe(1);
      expect(err.text(), label).toMatch(pattern);
      expect(err.text(), label).toMatch(/\n  \S/); // a hint line follows
    }
    const err = capture();
    expect(await run([])).toBe(2);
    err.restore();
  });
});

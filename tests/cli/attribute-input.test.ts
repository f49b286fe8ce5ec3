// `carryover attribute` on journey files that parse but cannot be attributed as written
// (bad-input sweep, session 4): paths separated by "|" or "," were read with the default ">"
// as one channel per distinct path (44 "channels", exit 0); a file without a conversion
// wrote 0 for every channel and model (exit 0). Both now stop with a message and write nothing.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/attribute';
import { unsplitSeparator } from '../../src/cli/mta-checks';
import { sharedPath } from '../helpers/csv-dataset';

const [HEAD, ...LINES] = readFileSync(sharedPath('data/mta/PathData.csv'), 'utf8').trim().split('\n');
const SAMPLE = LINES.slice(0, 200);
const dir = mkdtempSync(join(tmpdir(), 'carryover-attr-'));
let n = 0;
function file(lines: string[]): string {
  const p = join(dir, `p${n++}.csv`);
  writeFileSync(p, [HEAD, ...lines].join('\n') + '\n');
  return p;
}

async function attribute(argv: string[]): Promise<{ code: number; stderr: string; out: string }> {
  const out = join(dir, `out${n++}`);
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    return { code: await run([...argv, '--out', out]), stderr, out };
  } finally {
    spy.mockRestore();
  }
}

describe('attribute: paths split by another separator', () => {
  for (const sep of [' | ', ','])
    it(`"${sep.trim()}" between touches stops with the --separator to use, and writes nothing`, async () => {
      const p = file(SAMPLE.map((l) => l.replace(/ > /g, sep)));
      const r = await attribute([p]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`the paths look separated by "${sep.trim()}", not ">": each whole path was read as one channel`);
      expect(r.stderr).toContain(`--separator "${sep.trim()}"`);
      expect(existsSync(join(r.out, 'mta_attribution.json'))).toBe(false);
      // With that separator, the same journeys as the '>' file: same channels, same credit.
      const fixed = await attribute([p, '--separator', sep.trim()]);
      const plain = await attribute([file(SAMPLE)]);
      expect(fixed.code).toBe(0);
      const a = JSON.parse(readFileSync(join(fixed.out, 'mta_attribution.json'), 'utf8')).models.linear;
      const b = JSON.parse(readFileSync(join(plain.out, 'mta_attribution.json'), 'utf8')).models.linear;
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      for (const ch of Object.keys(b)) expect(a[ch].conversions).toBeCloseTo(b[ch].conversions, 9);
    });

  it('an explicit --separator is trusted, and names with an occasional "/" are not flagged', () => {
    expect(unsplitSeparator(['facebook/instagram', 'search', 'email', 'tv'])).toBeNull();
    expect(unsplitSeparator(['a | b', 'b | c', 'c'])).toEqual({ separator: '|', example: 'a | b' });
  });
});

describe('attribute: nothing converted', () => {
  it('a file whose paths never converted stops instead of writing zeros', async () => {
    const r = await attribute([file(['a > b;0;0;3', 'b;0;0;1'])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no journey in the file converted \(2 rows, 0 conversions\): there is nothing to attribute\. /);
    expect(r.stderr).toMatch(/total_conversions/);
    expect(existsSync(join(r.out, 'mta_attribution.json'))).toBe(false);
  });
});

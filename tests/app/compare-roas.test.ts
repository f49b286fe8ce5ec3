// The Runs comparison's ROAS per channel: for each run, exactly the ROAS the Results step shows
// (analyseRun on the same InferenceData); channels missing from one run are null there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../src/app/results/analyse';
import { roasPairs } from '../../src/app/runs/compare-roas';
import type { InferenceData } from '../../src/core/types';
import type { RunRecord } from '../../src/store';

const run = JSON.parse(readFileSync(path.resolve(__dirname, '../store/fixtures/run-v1.json'), 'utf8')) as RunRecord;
const idata = run.inference_data;

describe('ROAS of two runs side by side', () => {
  it("each side is the Results step's ROAS of that run", () => {
    const a = analyseRun(idata);
    if (!a.ok) throw new Error(a.errors[0].message);
    const pairs = roasPairs(idata, idata);
    expect(pairs.map((p) => p.channel)).toEqual(a.value.roas.map((r) => r.channel));
    pairs.forEach((p, i) => {
      expect(p.a).toEqual(a.value.roas[i].roas);
      expect(p.b).toEqual(a.value.roas[i].roas);
    });
  });

  it('a run that cannot be read gives null on its side, the other side stays', () => {
    const broken = { ...idata, posterior: {} } as InferenceData;
    const pairs = roasPairs(idata, broken);
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(p.a).not.toBeNull();
      expect(p.b).toBeNull();
    }
  });
});

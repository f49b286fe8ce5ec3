// Issue 4 acceptance 2 for the demo as the studio fits it: "Try the demo" fits the bundled
// data with the seed public/demo/demo.json fixes and the default sampler settings
// (fit/demo-settings.ts). That fit — data read through src/data with demo.json's roles and
// the Data step's default options, the PyMC-Marketing preset, 4 chains × (1000 + 1000) —
// passes every readiness gate that affects the estimates, so the demo is never provisional.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSeed, demoSettings } from '../../src/app/fit/demo-settings';
import { presetSpec } from '../../src/app/model/spec-edit';
import { buildDataset, demoRoles, loadDemo, parseFiles } from '../../src/data';
import { buildDiagnostics } from '../../src/diagnostics/report';
import { DEFAULT_SAMPLER } from '../../src/core/types';
import { cachedFit } from '../helpers/fit-cache';
import { devData } from '../helpers/dev-fits';

const PUBLIC = path.resolve(__dirname, '../../public/');

/** The demo as the studio fetches it, served from public/. */
const fromPublic = (async (url: string) => {
  const body = readFileSync(path.join(PUBLIC, url.replace(/^\//, '')), 'utf8');
  return new Response(body, { status: 200 });
}) as unknown as typeof fetch;

async function studioDemo() {
  const { desc, files } = await loadDemo('/', fromPublic);
  const parsed = parseFiles(files);
  const { roles, report } = demoRoles(desc, parsed);
  expect(report).toEqual([]);
  // ImportState's defaults with the demo's grain.
  const built = buildDataset(parsed, roles, { grain: desc.options?.grain ?? 'week', trend: false, quarterlyOrder: 0 });
  expect(built.report.filter((e) => e.severity === 'error')).toEqual([]);
  const seed = demoSeed(desc);
  if (!seed.ok) throw new Error(seed.error.message);
  return { dataset: built.dataset!, seed: seed.seed };
}

describe("the demo's fixed-seed default fit", () => {
  it('is the data and model the Node reference fits use (same columns, same numbers)', async () => {
    const { dataset } = await studioDemo();
    const ref = devData('mmm_example');
    expect(dataset.dates).toEqual(ref.data.dates);
    expect(Array.from(dataset.target.values)).toEqual(Array.from(ref.data.target.values));
    expect(dataset.channels.map((c) => [c.name, Array.from(c.spend)])).toEqual(ref.data.channels.map((c) => [c.name, Array.from(c.spend)]));
    expect(dataset.controls.map((c) => [c.name, Array.from(c.values)])).toEqual(ref.data.controls.map((c) => [c.name, Array.from(c.values)]));
    expect(presetSpec(dataset, 'pymc')).toEqual(ref.spec);
  });

  it('passes every readiness gate that affects the estimates', async () => {
    const { dataset, seed } = await studioDemo();
    const settings = demoSettings({ ...DEFAULT_SAMPLER, seed: 1 }, new Set(), seed);
    expect(settings).toEqual({ ...DEFAULT_SAMPLER, seed });
    const { idata } = await cachedFit('demo-seed', dataset, presetSpec(dataset, 'pymc'), settings);
    expect(idata.attrs.seed).toBe(seed);
    const d = buildDiagnostics(idata);
    for (const [name, g] of Object.entries(d.gates)) if (g.affects_estimates) expect(g.status, `${name}: ${g.detail}`).toBe('pass');
    expect(d.estimates_provisional).toBe(false);
  }, 3_600_000);
});

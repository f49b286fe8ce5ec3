// MTA benchmark (issue 7, acceptance 2): one million generated journeys in the path format,
// parsed and attributed by every model (heuristics, both Shapley forms, Markov orders 1-3).
// Target: under 1.5 s on the project machine in Node (ChannelAttribution in R: ~4.5 s).
// The same code runs in the studio's worker; here it runs in-process.
import { attribute } from '../src/mta/attribute';
import { generateJourneys, journeysToPathCsv } from '../src/mta/generator';
import { jsKernels, wasmKernels } from '../src/mta/kernels';
import { PathParser } from '../src/mta/parse-paths';
import { WasmPathParser } from '../src/mta/parse-paths-wasm';
import type { PathTable } from '../src/mta/types';
import { MtaWasm } from '../src/mta/wasm-mta';
import { wasmModule } from '../src/node/wasm-bytes';

const JOURNEYS = 1_000_000;
const SEED = 20240601;
const CHUNK = 1 << 20; // feed the parser 1 MiB at a time, as a File stream would
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchMta(): Promise<void> {
  const t0 = performance.now();
  const g = generateJourneys(JOURNEYS, SEED);
  const csv = journeysToPathCsv(g);
  const genMs = performance.now() - t0;
  const touches = g.touches.length / JOURNEYS;
  let converting = 0;
  for (const c of g.converted) converting += c;
  console.log(
    `mta: ${JOURNEYS.toLocaleString('en')} journeys, ${g.channels.length} channels, ${touches.toFixed(2)} touches/path, ` +
      `${((100 * converting) / JOURNEYS).toFixed(1)}% converting, ${(csv.length / 1e6).toFixed(1)} MB (generated in ${(genMs / 1000).toFixed(2)} s)`,
  );
  const module = wasmModule('mta');
  const wasm = await run('wasm', RUNS, csv, () => {
    const instance = MtaWasm.create(module);
    return { parser: new WasmPathParser(instance, { file: 'bench.csv' }), kernels: (t: PathTable) => wasmKernels(t, instance) };
  });
  const js = await run('js', 1, csv, () => ({ parser: new PathParser({ file: 'bench.csv', expectedBytes: csv.length }), kernels: jsKernels }));
  console.log(`mta: parse + all models, median of ${RUNS}: WASM ${(wasm / 1000).toFixed(3)} s (target < 1.5 s); TypeScript reference ${(js / 1000).toFixed(3)} s`);
}

interface Setup {
  parser: { push(b: Uint8Array): void; finish(): { table: PathTable | null; errors: Array<{ message: string }> } };
  kernels: (t: PathTable) => ReturnType<typeof jsKernels>;
}

/** Median wall time of `runs` parses + attributions; prints each run with its CPU time and phases. */
async function run(label: string, runs: number, csv: Uint8Array, setup: () => Setup): Promise<number> {
  const totals: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const a = performance.now();
    const { parser, kernels } = setup();
    for (let p = 0; p < csv.length; p += CHUNK) parser.push(csv.subarray(p, Math.min(csv.length, p + CHUNK)));
    const parsed = parser.finish();
    if (!parsed.table) throw new Error(`bench: parse failed: ${parsed.errors[0]?.message}`);
    const b = performance.now();
    const k = kernels(parsed.table);
    const result = attribute(parsed.table, {}, k);
    const c = performance.now();
    const cpu = process.cpuUsage(cpu0);
    totals.push(c - a);
    const phases = Object.entries(result.timings)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
      .join(', ');
    console.log(
      `mta ${label}: run ${r + 1}: parse ${((b - a) / 1000).toFixed(3)} s + models ${((c - b) / 1000).toFixed(3)} s = ${((c - a) / 1000).toFixed(3)} s ` +
        `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s; ms: ${phases})`,
    );
  }
  return median(totals);
}

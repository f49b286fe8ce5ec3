// The timed part of the MTA benchmark: parse + every model, repeated; shared by the
// in-process reference run and the worker_threads run (bench/mta-worker.ts).
import { attribute } from '../src/mta/attribute';
import { jsKernels, wasmKernels } from '../src/mta/kernels';
import { PathParser } from '../src/mta/parse-paths';
import { WasmPathParser } from '../src/mta/parse-paths-wasm';
import type { PathTable } from '../src/mta/types';
import { MtaWasm } from '../src/mta/wasm-mta';
import { wasmModule } from '../src/node/wasm-bytes';

const CHUNK = 1 << 20; // feed the parser 1 MiB at a time, as a File stream would

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function wasmSetup(): Setup {
  const instance = MtaWasm.create(wasmModule('mta'));
  return { parser: new WasmPathParser(instance, { file: 'bench.csv' }), kernels: (t: PathTable) => wasmKernels(t, instance) };
}

export function jsSetup(bytes: number): Setup {
  return { parser: new PathParser({ file: 'bench.csv', expectedBytes: bytes }), kernels: jsKernels };
}

export interface Setup {
  parser: { push(b: Uint8Array): void; finish(): { table: PathTable | null; errors: Array<{ message: string }> } };
  kernels: (t: PathTable) => ReturnType<typeof jsKernels>;
}

/** Median wall time of `runs` parses + attributions; prints each run with its CPU time and phases. */
export async function run(label: string, runs: number, csv: Uint8Array, setup: () => Setup): Promise<number> {
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

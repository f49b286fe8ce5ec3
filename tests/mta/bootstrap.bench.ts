// Timing of the attribution bootstrap on ChannelAttribution's PathData (10,000 paths, all
// models, Markov orders 1-3), WASM and TypeScript kernels. Not part of the test run:
// `cp tests/mta/bootstrap.bench.ts tests/mta/tmp-bench.test.ts && npx vitest run tests/mta/tmp-bench.test.ts`.
// Measured (2-core shared machine, Node): WASM B = 100 1.37 s, B = 200 3.2 s (14-16 ms a
// replicate, Markov order 3 the largest part); TypeScript B = 20 1.2 s (59 ms a replicate).
import { it } from 'vitest';
import { attribute } from '../../src/mta/attribute';
import { bootstrapAttribution } from '../../src/mta/bootstrap';
import { wasmKernels } from '../../src/mta/kernels';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { wasmModule } from '../../src/node/wasm-bytes';
import { pathData } from './helpers';

it('bootstrap timing on PathData', () => {
  const t = pathData();
  const mod = wasmModule('mta');
  const point = attribute(t, {}, wasmKernels(t, MtaWasm.create(mod)));
  for (const [engine, B] of [['wasm', 100], ['wasm', 200], ['js', 20]] as const) {
    const r = bootstrapAttribution(t, point, engine === 'wasm' ? mod : null, { replicates: B, seed: 1 });
    console.log(`${engine} B=${B}: ${r.ms.toFixed(0)} ms (${(r.ms / B).toFixed(1)} ms per replicate)`);
  }
}, 300_000);

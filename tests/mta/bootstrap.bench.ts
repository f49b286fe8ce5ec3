import { it } from 'vitest';
import { wasmModule } from '../../src/node/wasm-bytes';
import { attribute } from '../../src/mta/attribute';
import { wasmKernels, jsKernels } from '../../src/mta/kernels';
import { MtaWasm } from '../../src/mta/wasm-mta';
import { bootstrapAttribution } from '../../src/mta/bootstrap';
import { pathData } from './helpers';

it('timing', () => {
  const t = pathData();
  const mod = wasmModule('mta');
  const point = attribute(t, {}, wasmKernels(t, MtaWasm.create(mod)));
  console.log(point.timings);
  for (const B of [20, 100]) {
    const r = bootstrapAttribution(t, point, mod, { replicates: B, seed: 1 });
    console.log('wasm', B, r.ms.toFixed(0), 'ms');
  }
  const r = bootstrapAttribution(t, point, null, { replicates: 20, seed: 1 });
  console.log('js 20', r.ms.toFixed(0));
  const c = point.channels.indexOf('alpha');
  console.log(point.channels, point.heuristics.linear.conversions[0], r.models.linear.conversions.lo[0], r.models.linear.conversions.hi[0], point.markov[2].credit.conversions[0], r.models.markov_3.conversions.lo[0], r.models.markov_3.conversions.hi[0]);
}, 120000);

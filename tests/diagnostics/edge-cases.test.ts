import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  essBasic, essBulk, essTail, mcseMean, mcseQuantile, mcseSd, quantile, rhat, rhatBasic,
} from '../../src/diagnostics/index';

// Edge cases draws.csv lacks, compared with posterior 1.4.0 itself
// (golden/make-posterior-extra-golden.R builds the same draws with integer arithmetic).
const golden = JSON.parse(readFileSync(new URL('./golden/posterior-1.4.0-extra.json', import.meta.url), 'utf8')) as {
  variables: Record<string, Record<string, number | null>>;
};

function build(f: (i: number, chain: number, k: number) => number): Float64Array[] {
  const chains = Array.from({ length: 4 }, () => new Float64Array(999));
  for (let i = 0; i < 3996; i++) {
    const chain = Math.floor(i / 999);
    chains[chain][i % 999] = f(i, chain, (i * 7919) % 1000);
  }
  return chains;
}

const variables: Record<string, Float64Array[]> = {
  ties13: build((i) => ((i * 7919) % 13) * 0.5),
  tiny: build((i) => ((i * 7919) % 13) * 1e-18),
  drifting: build((i, chain, k) => k / 1000 - 0.5 + chain * 0.05 + (i % 999) / 9990),
  with_inf: build((i, _c, k) => (i === 5 ? Infinity : k / 1000)),
};

describe('edge cases match posterior 1.4.0: odd draws, ties, range < epsilon, Inf', () => {
  for (const [name, chains] of Object.entries(variables)) {
    it(name, () => {
      const all = chains.flatMap((c) => Array.from(c));
      const got: Record<string, number> = {
        rhat: rhat(chains), rhat_basic: rhatBasic(chains), ess_bulk: essBulk(chains), ess_tail: essTail(chains),
        ess_basic: essBasic(chains), mcse_mean: mcseMean(chains), mcse_sd: mcseSd(chains),
        q5: quantile(all, 0.05), q95: quantile(all, 0.95), mcse_q5: mcseQuantile(chains, 0.05), mcse_q95: mcseQuantile(chains, 0.95),
      };
      for (const [stat, expected] of Object.entries(golden.variables[name])) {
        const label = `${name}.${stat}: ${got[stat]} vs R ${expected}`;
        if (expected === null) expect(Number.isNaN(got[stat]), label).toBe(true);
        else if (expected === 0) expect(got[stat], label).toBe(0);
        else expect(Math.abs(got[stat] - expected) / Math.abs(expected), label).toBeLessThan(1e-9);
      }
    });
  }
});

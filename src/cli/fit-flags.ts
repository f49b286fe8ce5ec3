// Options shared by the commands that fit (fit, run): sampler settings and model choices
// (the model choices also for ridge), parsed with the same bounds everywhere, and the stderr
// progress line.
import { randomInt } from 'node:crypto';
import type { AdstockKind, ChainProgress, SamplerSettings, SaturationKind } from '../core/types';
import { DEFAULT_SAMPLER } from '../core/types';
import type { SpecOptions } from '../model/spec';
import { choiceFlag, numberFlag, type FlagSpec, type ParsedArgs } from './args';

export const SAMPLER_FLAGS: Record<string, FlagSpec> = {
  chains: { type: 'string', help: 'number of chains (default 4)' },
  warmup: { type: 'string', help: 'warmup iterations per chain (default 1000)' },
  draws: { type: 'string', help: 'draws per chain (default 1000)' },
  seed: { type: 'string', help: 'random seed (default: drawn and recorded)' },
  'adapt-delta': { type: 'string', help: 'target acceptance rate (default 0.8)' },
  'max-treedepth': { type: 'string', help: 'maximum tree depth (default 10)' },
  workers: { type: 'string', help: 'worker threads (default min(chains, cores))' },
  quiet: { type: 'boolean', help: 'no progress output' },
};

export const MODEL_FLAGS: Record<string, FlagSpec> = {
  adstock: { type: 'string', help: 'geometric (default) | delayed | weibull_pdf | weibull_cdf' },
  saturation: { type: 'string', help: 'logistic (default) | hill' },
  'l-max': { type: 'string', help: 'adstock window in periods (default 8)' },
  fourier: { type: 'string', help: 'yearly Fourier order (default 2; 0 = none)' },
};

const ADSTOCKS: AdstockKind[] = ['geometric', 'delayed', 'weibull_pdf', 'weibull_cdf'];
const SATURATIONS: SaturationKind[] = ['logistic', 'hill'];

/** Sampler settings from the flags; the seed is drawn (and later recorded) when not given. */
export function samplerSettings(f: ParsedArgs['flags']): SamplerSettings {
  return {
    ...DEFAULT_SAMPLER,
    chains: numberFlag(f, 'chains', { min: 1, max: 64, integer: true }) ?? DEFAULT_SAMPLER.chains,
    warmup: numberFlag(f, 'warmup', { min: 0, integer: true }) ?? DEFAULT_SAMPLER.warmup,
    draws: numberFlag(f, 'draws', { min: 1, integer: true }) ?? DEFAULT_SAMPLER.draws,
    adapt_delta: numberFlag(f, 'adapt-delta', { min: 0.5, max: 0.999 }) ?? DEFAULT_SAMPLER.adapt_delta,
    max_treedepth: numberFlag(f, 'max-treedepth', { min: 1, max: 15, integer: true }) ?? DEFAULT_SAMPLER.max_treedepth,
    seed: numberFlag(f, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? randomInt(0, 2 ** 31),
  };
}

export function workerCount(f: ParsedArgs['flags']): number | undefined {
  return numberFlag(f, 'workers', { min: 1, max: 64, integer: true });
}

export function specOptions(f: ParsedArgs['flags']): SpecOptions {
  return {
    adstock: choiceFlag(f, 'adstock', ADSTOCKS),
    saturation: choiceFlag(f, 'saturation', SATURATIONS),
    l_max: numberFlag(f, 'l-max', { min: 1, max: 104, integer: true }),
    fourier_order: numberFlag(f, 'fourier', { min: 0, max: 10, integer: true }),
  };
}

/** One stderr line per second at most (and on completion) with every chain's phase and count. */
export function progressPrinter(chains: number, quiet: boolean): (p: ChainProgress) => void {
  const latest = new Map<number, ChainProgress>();
  let last = 0;
  return (p) => {
    latest.set(p.chain, p);
    const now = Date.now();
    if (quiet || (now - last < 1000 && p.phase !== 'done')) return;
    last = now;
    const parts = [...latest.values()]
      .sort((a, b) => a.chain - b.chain)
      .map((q) => `chain ${q.chain + 1}: ${q.phase} ${q.iteration}/${q.total}${q.divergences ? ` (${q.divergences} divergent)` : ''}`);
    process.stderr.write(`[${latest.size}/${chains}] ${parts.join(' | ')}\n`);
  };
}

// `npm run bench`: prints numbers and ratios; nothing here passes or fails on time.
// `npm run bench -- gradient fit` runs a subset (gradient, posteriordb, fit, mta, unseen, unseen-default);
// numbers among the arguments go to the suites (`npm run bench -- unseen 40`).
import { benchMmmGradient } from './mmm-gradient';
import { benchPosteriordb } from './posteriordb';
import { benchFit } from './fit';
import { benchMta } from './mta';
import { benchUnseen } from './unseen';

const suites: Record<string, (args: string[]) => Promise<unknown>> = {
  gradient: () => benchMmmGradient(),
  posteriordb: () => benchPosteriordb(),
  fit: () => benchFit(),
  mta: () => benchMta(),
  unseen: (n) => benchUnseen(n, 'matched'),
  'unseen-default': (n) => benchUnseen(n, 'default'),
};
/** Suites that run only when named (a long study, not a benchmark). */
const ON_REQUEST = new Set(['unseen', 'unseen-default']);

const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = args.filter((a) => !/^\d+$/.test(a));
const numbers = args.filter((a) => /^\d+$/.test(a));
for (const name of wanted.length ? wanted : Object.keys(suites).filter((s) => !ON_REQUEST.has(s))) {
  const suite = suites[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}" (have ${Object.keys(suites).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n== ${name} ==`);
  await suite(numbers);
}

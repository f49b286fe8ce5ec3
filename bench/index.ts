// `npm run bench`: prints numbers and ratios; nothing here passes or fails on time.
// `npm run bench -- gradient fit` runs a subset (gradient, posteriordb, fit, mta).
import { benchMmmGradient } from './mmm-gradient';
import { benchPosteriordb } from './posteriordb';
import { benchFit } from './fit';
import { benchMta } from './mta';

const suites: Record<string, () => Promise<unknown>> = {
  gradient: benchMmmGradient,
  posteriordb: benchPosteriordb,
  fit: () => benchFit(),
  mta: benchMta,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  const suite = suites[name];
  if (!suite) {
    console.error(`bench: unknown suite "${name}" (have ${Object.keys(suites).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n== ${name} ==`);
  await suite();
}

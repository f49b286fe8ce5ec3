// `npx carryover <command>`: the headless runner. Each command lives in its own file
// under commands/; this file only dispatches. Progress goes to stderr, results to files.
import { describeFatal } from './fatal';
import { guardStream } from './terminal';

const commands: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  fit: { summary: 'fit the MMM to a CSV (optionally calibrated by lift tests) and write a run directory', load: () => import('./commands/fit') },
  diagnose: { summary: 'write mmm_diagnostics.json for a run directory', load: () => import('./commands/diagnose') },
  optimize: { summary: 'optimise the budget on a fitted run', load: () => import('./commands/optimize') },
  report: { summary: 'write the contributions, budget and diagnostics JSON and the executive report of a run directory', load: () => import('./commands/report') },
  run: { summary: 'run the whole pipeline on a measurement workspace', load: () => import('./commands/run') },
  attribute: { summary: 'multi-touch attribution on a path file', load: () => import('./commands/attribute') },
  check: { summary: 'hold-out and prior-sensitivity checks of a run: writes mmm_checks.json', load: () => import('./commands/check') },
  ridge: { summary: 'Robyn-style ridge fallback on a CSV: writes ridge_result.json', load: () => import('./commands/ridge') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return `usage: carryover <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`carryover <command> --help\` for its options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`carryover: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

guardStream(process.stdout);
guardStream(process.stderr);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(describeFatal(err) + '\n');
    process.exit(1);
  },
);

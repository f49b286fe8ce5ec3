// `carryover diagnose RUN_DIR`: reads RUN_DIR/inference_data.json, writes
// RUN_DIR/mmm_diagnostics.json (MODEL.md §8) and prints the readiness gates to stderr.
import { join } from 'node:path';
import type { UserError } from '../../core/types';
import { buildDiagnostics } from '../../diagnostics/report';
import { readRunDir } from '../run-dir';
import { writeFileAtomic } from '../out-dir';

const USAGE = `usage: carryover diagnose RUN_DIR [--strict]

Reads RUN_DIR/inference_data.json and writes RUN_DIR/mmm_diagnostics.json:
R-hat, bulk/tail ESS and MCSE per parameter, sampler health per chain, posterior
predictive coverage, PSIS-LOO and WAIC, and the readiness gates.

  --strict   exit with status 3 when a gate that affects the estimates fails
`;

function report(e: UserError): void {
  const where = [e.file, e.row !== undefined ? `row ${e.row}` : '', e.column ?? ''].filter(Boolean).join(', ');
  process.stderr.write(`carryover diagnose: ${e.message}${where ? ` (${where})` : ''}\n`);
  if (e.hint) process.stderr.write(`  ${e.hint}\n`);
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const strict = argv.includes('--strict');
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--strict');
  if (positional.length !== 1 || unknown.length > 0) {
    process.stderr.write(unknown.length ? `carryover diagnose: unknown option ${unknown[0]}\n\n${USAGE}` : USAGE);
    return 2;
  }
  const run = readRunDir(positional[0], { needModel: false });
  if ('errors' in run) {
    run.errors.forEach(report);
    return 1;
  }
  const dir = positional[0];
  const diagnostics = buildDiagnostics(run.idata);
  const out = join(dir, 'mmm_diagnostics.json');
  writeFileAtomic(out, JSON.stringify(diagnostics, null, 2) + '\n');
  for (const [name, g] of Object.entries(diagnostics.gates)) {
    process.stderr.write(`${g.status.toUpperCase().padEnd(4)} ${name.padEnd(16)} ${g.detail}${g.action ? `\n     → ${g.action}` : ''}\n`);
  }
  process.stderr.write(`wrote ${out}\n`);
  if (diagnostics.estimates_provisional) {
    process.stderr.write('Estimates are PROVISIONAL: a gate that affects them failed.\n');
    if (strict) return 3;
  }
  return 0;
}

// Placeholder until its issue lands: says so plainly and exits non-zero.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('carryover fit: not implemented yet\n');
  return 2;
}

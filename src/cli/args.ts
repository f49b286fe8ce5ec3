// A small strict argument parser for the CLI commands: `--name value`, `--name=value`,
// repeated flags, boolean switches, positionals. Unknown flags are errors (a typo must not
// silently fall back to a default).

export interface FlagSpec {
  /** 'string' takes a value; 'boolean' does not; 'list' takes a value and may repeat. */
  type: 'string' | 'boolean' | 'list';
  help: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

export class ArgError extends Error {}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new ArgError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      if (eq >= 0) throw new ArgError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new ArgError(`--${name} needs a value`);
    if (s.type === 'list') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else if (flags[name] !== undefined) throw new ArgError(`--${name} given twice`);
    else flags[name] = value;
  }
  return { positionals, flags };
}

export function helpText(usage: string, spec: Record<string, FlagSpec>): string {
  const rows = Object.entries(spec).map(([n, s]) => `  --${(n + (s.type === 'boolean' ? '' : ' V')).padEnd(22)} ${s.help}`);
  return `${usage}\n\noptions:\n${rows.join('\n')}\n`;
}

/** A number flag with bounds; undefined when absent. */
export function numberFlag(flags: ParsedArgs['flags'], name: string, o: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v)) throw new ArgError(`--${name} must be a number, got "${raw}"`);
  if (o.integer && !Number.isInteger(v)) throw new ArgError(`--${name} must be a whole number, got ${raw}`);
  if (o.min !== undefined && v < o.min) throw new ArgError(`--${name} must be at least ${o.min}, got ${raw}`);
  if (o.max !== undefined && v > o.max) throw new ArgError(`--${name} must be at most ${o.max}, got ${raw}`);
  return v;
}

/** A flag that must be one of `allowed`; undefined when absent. */
export function choiceFlag<T extends string>(flags: ParsedArgs['flags'], name: string, allowed: readonly T[]): T | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw new ArgError(`--${name} must be one of ${allowed.join(', ')}; got "${String(v)}"`);
  return v as T;
}

/** Comma-separated list flag (`--channels a,b,c`). */
export function csvFlag(flags: ParsedArgs['flags'], name: string): string[] | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new ArgError(`--${name} needs a comma-separated list`);
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new ArgError(`--${name} is empty`);
  return items;
}

// The bundled demo (public/demo/): PyMC-Marketing's mmm_example.csv and demo.json, which
// fixes its roles so the demo loads without detection and without network.
import type { UserError } from '../core/types';
import { error } from './errors';
import type { BuildOptions, ColumnRole, InputFile, Measure, ParsedInput, RoleAssignment } from './types';

/** Path of the description under the app's base URL. */
export const DEMO_PATH = 'demo/demo.json';

export interface DemoDescription {
  format: 'carryover-demo-1';
  name: string;
  files: string[];
  date: string;
  target: string;
  channels: Array<{ column: string; channel: string; measure: Measure }>;
  controls: string[];
  ignored: string[];
  options?: Pick<BuildOptions, 'grain' | 'trend' | 'quarterlyOrder'>;
  /** The sampler seed "Try the demo" fits with (fixed, so the demo's numbers repeat). */
  seed?: number;
  seed_note?: string;
}

/** The demo's roles over the parsed columns; a column the description does not name is an error. */
export function demoRoles(desc: DemoDescription, parsed: ParsedInput): { roles: RoleAssignment; report: UserError[] } {
  const report: UserError[] = [];
  const reason = 'set by the demo description';
  const columns = parsed.frame.columns.map((c): ColumnRole => {
    const ch = desc.channels.find((x) => x.column === c.name);
    if (c.name === desc.date) return { column: c.name, role: 'date', reason };
    if (c.name === desc.target) return { column: c.name, role: 'target', reason };
    if (ch) return { column: c.name, role: 'channel', channel: ch.channel, measure: ch.measure, reason };
    if (desc.controls.includes(c.name)) return { column: c.name, role: 'control', reason };
    if (!desc.ignored.includes(c.name)) report.push(error(`demo.json does not give a role to column ${c.name}`, { file: DEMO_PATH, column: c.name }));
    return { column: c.name, role: 'ignored', reason };
  });
  return { roles: { columns }, report };
}

/** Fetch the description and its files (browser: base = import.meta.env.BASE_URL). */
export async function loadDemo(base: string, fetchImpl: typeof fetch = fetch): Promise<{ desc: DemoDescription; files: InputFile[] }> {
  const dir = DEMO_PATH.slice(0, DEMO_PATH.lastIndexOf('/') + 1);
  const get = async (path: string) => {
    const res = await fetchImpl(base + path);
    if (!res.ok) throw new Error(`demo: ${base + path} answered ${res.status}`);
    return res;
  };
  const desc = (await (await get(DEMO_PATH)).json()) as DemoDescription;
  const files = await Promise.all(desc.files.map(async (name) => ({ name, text: await (await get(dir + name)).text() })));
  return { desc, files };
}

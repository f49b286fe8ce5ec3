// A new run's name, unique in the library: two fits of the same data within a minute (a
// changed prior, l_max or seed, the usual way to compare models) got the same default name
// (src/store/run-name.ts) in the Runs library and the model comparison. The second gets
// " (2)", the next " (3)", like a file manager.
export { defaultRunName } from '../../store/run-name';

export function uniqueRunName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  let k = 2;
  while (names.has(`${name} (${k})`)) k++;
  return `${name} (${k})`;
}

/**
 * A run name split so that its date and time stay together on a line: a phone broke the
 * headings after the date's hyphen ("dev_workspace_hill · 2026-11-" / "23 05:07").
 */
export function nameParts(name: string): Array<{ text: string; stamp: boolean }> {
  const parts: Array<{ text: string; stamp: boolean }> = [];
  const re = /\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?/g;
  let last = 0;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    if (m.index > last) parts.push({ text: name.slice(last, m.index), stamp: false });
    parts.push({ text: m[0], stamp: true });
    last = m.index + m[0].length;
  }
  if (last < name.length) parts.push({ text: name.slice(last), stamp: false });
  return parts;
}

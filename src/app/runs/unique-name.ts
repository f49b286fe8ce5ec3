// A new run's name: "<data> · <yyyy-mm-dd hh:mm>" in the analyst's local time, unique in the
// library.
// - Local time: src/store's default (newRunRecord) writes the minute in UTC, while the Runs
//   library lists each run's time in local time (RunRow), so outside UTC a run named "05:24"
//   was listed as made at 06:24:11.
// - Unique: two fits of the same data within a minute (a changed prior, l_max or seed, the
//   usual way to compare models) got the same name in the Runs library and the model
//   comparison. The second gets " (2)", the next " (3)", like a file manager.

/** "<data> · yyyy-mm-dd hh:mm", the minute of `createdAt` (ISO) in local time. */
export function defaultRunName(datasetName: string, createdAt: string): string {
  const d = new Date(createdAt);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${datasetName} · ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

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

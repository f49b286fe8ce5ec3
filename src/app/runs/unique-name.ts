// A new run's name is "<data> · <yyyy-mm-dd hh:mm>" (src/store/schema.ts newRunRecord): two fits
// of the same data within a minute — a changed prior, l_max or seed, the usual way to compare
// models — got the same name, and the Runs library and the model comparison listed two
// identical names. The second gets " (2)", the next " (3)", like a file manager.
export function uniqueRunName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  let k = 2;
  while (names.has(`${name} (${k})`)) k++;
  return `${name} (${k})`;
}

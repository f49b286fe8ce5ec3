// A new run's default name: "<data> · <yyyy-mm-dd hh:mm>", the minute in the analyst's local
// time, as the Runs library lists each run's time (a UTC minute in the name disagreed with the
// listed time outside UTC). Uniqueness within the library is the studio's (app/runs/unique-name.ts).

/** "<data> · yyyy-mm-dd hh:mm", the minute of `createdAt` (ISO) in local time. */
export function defaultRunName(datasetName: string, createdAt: string): string {
  const d = new Date(createdAt);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${datasetName} · ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// One line per UserError for the terminal: "error: file, row R, column "C": message (hint)".
import type { UserError } from '../core/types';

export function formatUserError(e: UserError): string {
  // A place the message already names (`channel "tv" has ...`) is not said twice.
  const unsaid = (label: string) => (e.message.includes(label) ? undefined : label);
  // The same for a file the message starts from ("runs/a/inference_data.json is missing").
  const place = e.file ?? e.source;
  const where = [
    place !== undefined && e.message.startsWith(place) ? undefined : place,
    e.row !== undefined ? `row ${e.row}` : undefined,
    e.column !== undefined ? unsaid(`column "${e.column}"`) : undefined,
    e.channel !== undefined ? unsaid(`channel "${e.channel}"`) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${e.severity}: ${where ? where + ': ' : ''}${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

export function printReport(report: readonly UserError[], stream: NodeJS.WritableStream = process.stderr): boolean {
  for (const e of report) stream.write(formatUserError(e) + '\n');
  return report.some((e) => e.severity === 'error');
}

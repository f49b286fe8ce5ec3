// Trace export and import: ArviZ from_dict-layout JSON and CmdStan-style CSV.
export { toArvizJson, fromArvizJson } from './arviz-json';
export { toCmdStanCsv } from './cmdstan-write';
export type { CmdStanExportOptions, DrawGroup } from './cmdstan-write';
export { fromCmdStanCsv } from './cmdstan-read';
export type { CsvFile } from './cmdstan-read';
export { formatNumber, parseNumber } from './numbers';

// CSV text → a table of trimmed cells with the spreadsheet row of every record.
// papaparse does the quoting (quoted delimiters and newlines); we choose the delimiter,
// number rows as a spreadsheet shows them (header = row 1, blank lines count, a quoted
// newline does not start a new row) and turn every irregularity into a report line.
import Papa from 'papaparse';
import type { UserError } from '../core/types';
import { CellProblems, error, plural, uniqueName, warning } from './errors';

export interface RawTable {
  file: string;
  delimiter: string;
  header: string[];
  /** Data records, each exactly header.length trimmed cells. */
  records: string[][];
  /** Spreadsheet row number (1-based) of each record. */
  rowNumbers: Int32Array;
  issues: UserError[];
}

const DELIMITERS = [',', ';', '\t', '|'];
/** Share of readCsv's progress for splitting the text (papaparse); trimming the records is the rest. */
const SPLIT_SHARE = 0.6;
/** Records trimmed between progress reports. */
const ROWS_PER_REPORT = 4096;
const PREVIEW_ROWS = 30;

/** Name a delimiter for messages. */
export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : 'comma';
}

/**
 * The delimiter whose first rows split most consistently into the header's width
 * (more columns wins a tie). papaparse's own guess prefers ',' in ways that misread
 * decimal-comma files, so we score the candidates ourselves on a short preview.
 */
export function detectDelimiter(text: string): string {
  let best = { d: ',', score: -1, width: 0 };
  const head = text.length > 1 << 16 ? text.slice(0, 1 << 16) : text;
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(head, { delimiter: d, newline: '\n', preview: PREVIEW_ROWS, skipEmptyLines: 'greedy' }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const same = rows.slice(1).filter((r) => r.length === width).length;
    const score = rows.length > 1 ? same / (rows.length - 1) : 1;
    if (score > best.score || (score === best.score && width > best.width)) best = { d, score, width };
  }
  return best.d;
}

export function readCsv(file: string, text: string, onProgress?: (fraction: number) => void): RawTable {
  // One line ending for the whole file: papaparse guesses a single newline style, and a
  // file edited on two systems mixes \r\n with \n (rows would silently merge).
  let body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const issues: UserError[] = [];
  if (body.trim() === '') {
    issues.push(error('The file is empty', { file }, 'pick the CSV export that holds the data'));
    return { file, delimiter: ',', header: [], records: [], rowNumbers: new Int32Array(0), issues };
  }
  const binary = notText(body);
  if (binary) {
    issues.push(error(binary.message, { file }, binary.hint));
    return { file, delimiter: ',', header: [], records: [], rowNumbers: new Int32Array(0), issues };
  }
  // Excel's "sep=;" first line names the delimiter; Excel hides it, so the header is row 1.
  const sep = /^sep=(.)[ \t]*\n/i.exec(body);
  if (sep) body = body.slice(sep[0].length);
  const delimiter = sep ? sep[1] : detectDelimiter(body);
  const all: string[][] = [];
  const parseErrors: Papa.ParseError[] = [];
  // On a string, papaparse runs `chunk` synchronously (StringStreamer), which gives progress
  // without going async; its typings only admit `chunk` for files and workers, hence the type.
  const config: Papa.ParseConfig<string[]> & { chunkSize?: number; chunk: (res: Papa.ParseResult<string[]>) => void } = {
    delimiter,
    newline: '\n',
    skipEmptyLines: false,
    chunkSize: onProgress ? 1 << 19 : undefined,
    chunk: (res) => {
      for (const e of res.errors) parseErrors.push({ ...e, row: e.row === undefined ? undefined : e.row + all.length });
      for (const r of res.data) all.push(r);
      onProgress?.(SPLIT_SHARE * Math.min(1, res.meta.cursor / body.length));
    },
  };
  Papa.parse<string[]>(body, config);
  const table = shapeRecords(file, delimiter, all, issues, onProgress && ((f) => onProgress(SPLIT_SHARE + (1 - SPLIT_SHARE) * f)));
  for (const e of parseErrors) {
    const row = e.row === undefined ? undefined : e.row + 1;
    issues.push(error(`Malformed CSV: ${e.message}`, { file, row }, 'check the quotes on this row: a quoted cell must end with a quote'));
  }
  return table;
}

/**
 * A file that is not text a CSV reader can use, said for what it is: a zip (an .xlsx
 * workbook is one: "PK\x03\x04", ECMA-376 Part 2), or a file with NUL characters: UTF-16
 * text read as UTF-8 (a NUL beside every ASCII character) or a binary file such as an old
 * .xls. Looked for in the first 4 KB.
 */
function notText(body: string): { message: string; hint: string } | null {
  const head = body.slice(0, 4096);
  const save = 'save the sheet as CSV UTF-8 (Excel: File > Save As > CSV UTF-8) and pick that file';
  if (head.startsWith('PK\u0003\u0004')) return { message: 'This is an Excel workbook (.xlsx) or another zip file, not a CSV file', hint: save };
  if (head.includes('\u0000')) return { message: 'The file holds NUL characters: it is UTF-16 text or a binary file, not a UTF-8 CSV file', hint: save };
  return null;
}

function isBlank(r: string[]): boolean {
  return r.every((c) => c.trim() === '');
}

function shapeRecords(file: string, delimiter: string, all: string[][], issues: UserError[], onProgress?: (fraction: number) => void): RawTable {
  const headerIndex = all.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) {
    issues.push(error('The file has no header row', { file }, 'the first row should name the columns'));
    return { file, delimiter, header: [], records: [], rowNumbers: new Int32Array(0), issues };
  }
  const header = headerNames(file, all[headerIndex], headerIndex + 1, issues);
  if (header.length < 2) {
    issues.push(error('Only one column found', { file, row: headerIndex + 1 }, 'separate columns with commas, semicolons or tabs'));
  }
  const records: string[][] = [];
  const rows: number[] = [];
  let shortRows = 0;
  const wide = new CellProblems(['row with more values than the header', 'rows with more values than the header'], { file }, 'error', 'a value may contain an unquoted delimiter; quote it or remove the extra cells');
  for (let i = headerIndex + 1; i < all.length; i++) {
    if (onProgress && i % ROWS_PER_REPORT === 0) onProgress(i / all.length);
    const r = all[i];
    if (isBlank(r)) continue;
    const row = i + 1;
    const width = r.length;
    if (width > header.length && !isBlank(r.slice(header.length))) {
      wide.add(row, `Row has ${plural(width, 'value')} but the header names ${plural(header.length, 'column')}`);
    }
    // The row papaparse made becomes the record in place: a big file has millions of cells,
    // and a copy of every row is garbage the worker would have to collect.
    const cells = r;
    if (width > header.length) cells.length = header.length;
    for (let j = 0; j < cells.length; j++) cells[j] = cells[j].trim();
    if (cells.length < header.length) {
      if (shortRows++ < 5) {
        issues.push(warning(`Row has ${plural(width, 'value')} but the header names ${plural(header.length, 'column')}; the missing cells are read as empty`, { file, row, column: header[cells.length] }));
      }
      while (cells.length < header.length) cells.push('');
    }
    records.push(cells);
    rows.push(row);
  }
  onProgress?.(1);
  wide.flush(issues);
  if (shortRows > 5) issues.push(warning(`${plural(shortRows - 5, 'more short row')} read with empty cells`, { file }));
  if (records.length === 0) issues.push(error('The file has a header but no data rows', { file, row: headerIndex + 1 }));
  return { file, delimiter, header, records, rowNumbers: Int32Array.from(rows), issues };
}

function headerNames(file: string, raw: string[], headerRow: number, issues: UserError[]): string[] {
  const taken = new Set<string>();
  return raw.map((cell, i) => {
    let name = cell.trim();
    if (name === '') {
      name = `column_${i + 1}`;
      issues.push(warning(`Column ${i + 1} has no name; called it ${name}`, { file, row: headerRow, column: name }));
    }
    const unique = uniqueName(name, taken);
    if (unique !== name) {
      issues.push(warning(`Two columns are named "${name}"; the later one is called "${unique}"`, { file, row: headerRow, column: unique }, 'rename one of them in the file if both are needed'));
    }
    taken.add(unique);
    return unique;
  });
}

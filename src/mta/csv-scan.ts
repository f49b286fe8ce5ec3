// A streaming CSV scanner over bytes (RFC 4180: quoted fields, "" escapes, CRLF or LF).
// Fed chunk by chunk (a File stream in the worker, a Buffer in Node), it hands each complete
// record to a callback as field byte ranges, so the hot path never builds a string for a
// field it can read as a number or intern as a channel. Papaparse would decode every field
// into a JS string first; at a million journeys that alone costs more than all the models.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Field delimiters we detect, most specific first (ChannelAttribution's PathData uses ';'). */
export const DELIMITER_CANDIDATES = [';', '\t', '|', ','] as const;

export interface CsvRecord {
  buf: Uint8Array;
  /** Byte ranges of the fields; a quoted field's range excludes its outer quotes. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the field was quoted (its text may hold "" escapes). */
  quoted: Uint8Array;
  count: number;
  /** Spreadsheet row number of this record (header = 1). */
  row: number;
  /** The last field opened a quote that the file never closed. */
  unterminatedQuote: boolean;
}

export type RecordHandler = (rec: CsvRecord) => void;

/**
 * Picks the field delimiter from the header line: the candidate that occurs most often
 * outside quotes. Ties keep the earlier candidate; no candidate at all means ','.
 */
export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITER_CANDIDATES) {
    let n = 0;
    let inQuotes = false;
    for (const ch of headerLine) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === d) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

const decoder = new TextDecoder('utf-8');

/** Text of a field, with "" unescaped when it was quoted. */
export function fieldText(rec: CsvRecord, i: number): string {
  const s = decoder.decode(rec.buf.subarray(rec.starts[i], rec.ends[i]));
  return rec.quoted[i] ? s.replaceAll('""', '"') : s;
}

export class CsvScanner {
  private carry: Uint8Array | null = null;
  private delim = -1;
  private firstChunk = true;
  private nextRow = 1;
  private capacity = 16;
  private rec: CsvRecord;
  bytesSeen = 0;

  constructor(delimiter?: string) {
    if (delimiter !== undefined) this.delim = delimiter.charCodeAt(0);
    this.rec = { buf: new Uint8Array(0), starts: new Int32Array(16), ends: new Int32Array(16), quoted: new Uint8Array(16), count: 0, row: 0, unterminatedQuote: false };
  }

  /** The delimiter in use ('' until the first line has been seen). */
  get delimiter(): string {
    return this.delim < 0 ? '' : String.fromCharCode(this.delim);
  }

  push(chunk: Uint8Array, onRecord: RecordHandler): void {
    this.bytesSeen += chunk.length;
    let buf = chunk;
    if (this.carry && this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry, 0);
      buf.set(chunk, this.carry.length);
    }
    this.carry = null;
    this.scan(buf, false, onRecord);
  }

  finish(onRecord: RecordHandler): void {
    const buf = this.carry ?? new Uint8Array(0);
    this.carry = null;
    this.scan(buf, true, onRecord);
  }

  private scan(buf: Uint8Array, final: boolean, onRecord: RecordHandler): void {
    let pos = 0;
    if (this.firstChunk) {
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      else if (buf.length < 3 && !final) {
        this.carry = buf;
        return;
      }
      if (this.delim < 0) {
        const eol = buf.indexOf(LF, pos);
        if (eol < 0 && !final) {
          this.carry = buf;
          return;
        }
        this.delim = detectDelimiter(decoder.decode(buf.subarray(pos, eol < 0 ? buf.length : eol))).charCodeAt(0);
      }
      this.firstChunk = false;
    }
    this.rec.buf = buf;
    while (pos < buf.length) {
      const next = this.record(buf, pos, final);
      if (next < 0) {
        this.carry = buf.slice(pos);
        return;
      }
      this.rec.row = this.nextRow++;
      // A blank line is one empty unquoted field: skipped, but it still takes a row number.
      if (!(this.rec.count === 1 && this.rec.ends[0] === this.rec.starts[0] && !this.rec.quoted[0])) onRecord(this.rec);
      pos = next;
    }
  }

  /** Reads one record starting at pos into this.rec; returns the position after it, or -1 if incomplete. */
  private record(buf: Uint8Array, pos: number, final: boolean): number {
    const n = buf.length;
    const d = this.delim;
    let count = 0;
    this.rec.unterminatedQuote = false;
    for (;;) {
      if (count === this.capacity) this.grow();
      let start = pos;
      let end: number;
      let quoted = 0;
      if (pos < n && buf[pos] === QUOTE) {
        quoted = 1;
        start = ++pos;
        for (;;) {
          if (pos >= n) return final ? this.unterminated(buf, start, count) : -1;
          if (buf[pos] === QUOTE) {
            if (pos + 1 < n && buf[pos + 1] === QUOTE) pos += 2;
            else if (pos + 1 >= n && !final) return -1;
            else break;
          } else pos++;
        }
        end = pos++;
        // Anything between the closing quote and the delimiter is kept out of the field.
        while (pos < n && buf[pos] !== d && buf[pos] !== LF && buf[pos] !== CR) pos++;
      } else {
        while (pos < n) {
          const b = buf[pos];
          if (b === d || b === LF || b === CR) break;
          pos++;
        }
        end = pos;
      }
      this.rec.starts[count] = start;
      this.rec.ends[count] = end;
      this.rec.quoted[count] = quoted;
      count++;
      if (pos >= n) {
        if (!final) return -1;
        this.rec.count = count;
        return n;
      }
      const b = buf[pos];
      if (b === d) {
        pos++;
        continue;
      }
      // End of line: CRLF, LF or a lone CR.
      pos++;
      if (b === CR) {
        if (pos >= n && !final) return -1;
        if (pos < n && buf[pos] === LF) pos++;
      }
      this.rec.count = count;
      return pos;
    }
  }

  /** An opening quote never closed: keep the rest of the file as that field (the caller reports it). */
  private unterminated(buf: Uint8Array, start: number, count: number): number {
    this.rec.starts[count] = start;
    this.rec.ends[count] = buf.length;
    this.rec.quoted[count] = 1;
    this.rec.count = count + 1;
    this.rec.unterminatedQuote = true;
    return buf.length;
  }

  private grow(): void {
    const c = this.capacity * 2;
    const s = new Int32Array(c);
    s.set(this.rec.starts);
    const e = new Int32Array(c);
    e.set(this.rec.ends);
    const q = new Uint8Array(c);
    q.set(this.rec.quoted);
    this.rec.starts = s;
    this.rec.ends = e;
    this.rec.quoted = q;
    this.capacity = c;
  }
}

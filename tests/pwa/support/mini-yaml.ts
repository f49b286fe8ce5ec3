// A reader for the block-style YAML subset GitHub Actions workflows are written in, so the
// workflow test needs no YAML dependency: block mappings and sequences (including
// "- key: value" items), plain / single- / double-quoted scalars, literal and folded block
// scalars (| |- > >-), simple flow sequences ([a, b]) and comments. Scalars follow the
// YAML 1.2 core schema for true/false/null/integers (YAML 1.2.2, §10.3.2); everything
// else stays a string. Anything outside the subset (anchors, tags, flow mappings, multi-
// document streams) is an error naming the line, never a silent misreading.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

export class YamlError extends Error {
  constructor(line: number, what: string) {
    super(`YAML line ${line}: ${what}`);
  }
}

/** Removes a trailing comment: '#' at the start or after whitespace, outside quotes. */
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

export function scalar(raw: string, no: number): YamlValue {
  const s = raw.trim();
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new YamlError(no, `unterminated double-quoted string ${s}`);
    return JSON.parse(s) as string;
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new YamlError(no, `unterminated single-quoted string ${s}`);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new YamlError(no, `flow sequence spanning lines is not supported: ${s}`);
    const inner = s.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((p) => scalar(p, no));
  }
  if (/^[{&*!|>%@]/.test(s)) throw new YamlError(no, `unsupported YAML construct: ${s}`);
  if (s === '' || s === '~' || s === 'null') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^[-+]?\d+$/.test(s)) return Number(s);
  return s;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:#]*?)\s*:(?:\s+(.*))?$/;

class Reader {
  i = 0;
  constructor(
    readonly lines: Line[],
    readonly raw: string[],
  ) {}

  peek(): Line | undefined {
    return this.lines[this.i];
  }

  block(indent: number): YamlValue {
    const l = this.peek();
    if (!l || l.indent < indent) return null;
    return l.text === '-' || l.text.startsWith('- ') ? this.sequence(l.indent) : this.mapping(l.indent);
  }

  mapping(indent: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    for (let l = this.peek(); l && l.indent === indent; l = this.peek()) {
      if (l.text.startsWith('- ')) break;
      const m = KEY.exec(l.text);
      if (!m) throw new YamlError(l.no, `expected "key: value", found ${l.text}`);
      const key = String(scalar(m[1], l.no));
      if (key in out) throw new YamlError(l.no, `duplicate key ${key}`);
      this.i++;
      out[key] = this.value(m[2] ?? '', indent, l.no);
    }
    const next = this.peek();
    if (next && next.indent > indent) throw new YamlError(next.no, 'unexpected indentation');
    return out;
  }

  sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    for (let l = this.peek(); l && l.indent === indent && (l.text === '-' || l.text.startsWith('- ')); l = this.peek()) {
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        out.push(this.block(indent + 1));
      } else if (KEY.test(rest) && !/^["']/.test(rest)) {
        // "- key: value": a mapping whose lines sit at the column after "- ".
        const column = indent + (l.text.length - rest.length);
        this.lines[this.i] = { no: l.no, indent: column, text: rest };
        out.push(this.mapping(column));
      } else {
        this.i++;
        out.push(this.value(rest, indent, l.no));
      }
    }
    return out;
  }

  /** The value after "key:" or "- " on line `no`, whose parent sits at `indent`. */
  value(rest: string, indent: number, no: number): YamlValue {
    if (/^[|>][-+]?$/.test(rest)) return this.blockScalar(rest, indent);
    if (rest !== '') return scalar(rest, no);
    const next = this.peek();
    if (!next) return null;
    // GitHub style allows a sequence at the same indentation as its key.
    if (next.indent > indent || (next.indent === indent && next.text.startsWith('- '))) return this.block(next.indent);
    return null;
  }

  /** Literal (|) or folded (>) block scalar, with strip (-) or clip chomping (YAML 1.2.2 §8.1). */
  blockScalar(header: string, indent: number): string {
    const start = this.peek();
    if (!start || start.indent <= indent) return '';
    const body: string[] = [];
    // Read from the raw text: comments and blank lines inside a block scalar are content.
    let rawNo = start.no - 1;
    while (rawNo < this.raw.length) {
      const text = this.raw[rawNo];
      const ind = text.length - text.trimStart().length;
      if (text.trim() !== '' && ind < start.indent) break;
      body.push(text.slice(start.indent));
      rawNo++;
    }
    while (this.peek() && this.peek()!.no <= rawNo) this.i++;
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    const text = header.startsWith('|') ? body.join('\n') : body.join('\n').replace(/([^\n])\n(?=[^\n\s])/g, '$1 ');
    return header.endsWith('-') ? text : `${text}\n`;
  }
}

export function parseYaml(source: string): YamlValue {
  const raw = source.replace(/\r\n?/g, '\n').split('\n');
  const lines: Line[] = [];
  raw.forEach((text, k) => {
    if (/^\s*\t/.test(text)) throw new YamlError(k + 1, 'tabs are not allowed for indentation');
    const body = stripComment(text);
    if (body.trim() === '' || body.trim() === '---') return;
    lines.push({ no: k + 1, indent: body.length - body.trimStart().length, text: body.trim() });
  });
  const reader = new Reader(lines, raw);
  const value = reader.block(0);
  const left = reader.peek();
  if (left) throw new YamlError(left.no, `unexpected content: ${left.text}`);
  return value;
}

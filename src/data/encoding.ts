// A file's bytes as text: UTF-8, unless a byte-order mark says UTF-16 (Excel's "Unicode Text"
// export is UTF-16 LE with a BOM). Read as UTF-8, such a file puts a NUL beside every
// character and its header reads "D A T E". The Encoding Standard's TextDecoder consumes
// the BOM for all three (https://encoding.spec.whatwg.org/#dom-textdecoder).

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding the first bytes announce (UTF-8 without a UTF-16 byte-order mark). */
export function encodingOf(head: Uint8Array): TextEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export function decodeBytes(bytes: Uint8Array): string {
  return new TextDecoder(encodingOf(bytes)).decode(bytes);
}

// Read-only accessors of the WASM parser's chunk buffers and counters (parse.ts, scan-path.ts),
// exported through index.ts for src/mta/wasm-mta.ts.
import { MAX_CHANNELS, MAX_NAME } from './interner';
import { TEXT, conv, errTotal, errText, errors, fixText, fixups, nErr, nFix, nRows, nulls, offsets, value } from './parse';
import * as P from './scan-path';

export function chunkRows(): i32 {
  return nRows;
}
export function chunkTouchCount(): i32 {
  return P.nTouches;
}
export function chunkTouches(): usize {
  return P.touches;
}
export function chunkOffsets(): usize {
  return offsets;
}
export function chunkConversions(): usize {
  return conv;
}
export function chunkValue(): usize {
  return value;
}
export function chunkNulls(): usize {
  return nulls;
}
export function chunkFixupCount(): i32 {
  return nFix;
}
export function chunkFixups(): usize {
  return fixups;
}
export function chunkFixupText(): usize {
  return fixText;
}
export function chunkErrorCount(): i32 {
  return nErr;
}
export function chunkErrors(): usize {
  return errors;
}
export function chunkErrorText(): usize {
  return errText;
}
export function parseErrorTotal(): i32 {
  return errTotal;
}
export function parseFatalRow(): i32 {
  return P.fatalRow;
}
export function parseEmptyTokens(): i32 {
  return P.emptyTokens;
}
export function parseFirstEmptyRow(): i32 {
  return P.firstEmptyRow;
}
export function textCap(): i32 {
  return TEXT;
}
export function maxChannelName(): i32 {
  return MAX_NAME;
}
export function maxChannels(): i32 {
  return MAX_CHANNELS;
}

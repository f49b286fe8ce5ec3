// The MTA WASM module: the path-format parser and the per-touch kernels of every model.
// Every export is reachable from here so the ABI is visible in one place; it is driven from
// src/mta/wasm-mta.ts, the only TypeScript module that does pointer arithmetic on it.
import { channelCount, channelNameLen as nameLen, channelNamePtr as namePtr } from './interner';

export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function channelTotal(): i32 {
  return channelCount;
}

export function channelNamePtr(id: i32): usize {
  return namePtr(id);
}

export function channelNameLen(id: i32): i32 {
  return nameLen(id);
}

export { parseBegin, parseInput, parseChunk } from './parse';
export {
  chunkRows,
  chunkTouchCount,
  chunkTouches,
  chunkOffsets,
  chunkConversions,
  chunkValue,
  chunkNulls,
  chunkFixupCount,
  chunkFixups,
  chunkFixupText,
  chunkErrorCount,
  chunkErrors,
  chunkErrorText,
  parseErrorTotal,
  parseFatalRow,
  parseEmptyTokens,
  parseFirstEmptyRow,
  textCap,
} from './parse-exports';
export { tableAlloc, tableTouches, tableOffsets, tableConversions, tableValue, tableNulls, tableTime } from './table';
export { heuristicsRun } from './heuristics';
export { shapleySimplifiedRun, shapleyFullRun, shapleyFullObserved } from './shapley';
export { chainBuild, chainCodes, chainStart, chainEdges, chainConversions, chainNulls, chainValue } from './chain';
export { markovSolve, markovPConversion, markovExpectedValue, markovSweeps, markovResidual } from './solve';
export { summaryRun, summaryLengths, summaryMeanTouches, summaryTopRows, summaryTopJourneys, summaryTopConversions, summaryTopValue } from './summary';

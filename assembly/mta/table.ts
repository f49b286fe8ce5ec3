// The journey table every kernel reads (the PathTable of src/mta/types.ts, copied in once).
import { zalloc } from './mem';

export let rows: i32 = 0;
export let touchCount: i32 = 0;
export let channels: i32 = 0;
export let tTouches: usize = 0; // u16 per touch
export let tOffsets: usize = 0; // u32, rows + 1
export let tConv: usize = 0; // f64 per row
export let tValue: usize = 0;
export let tNulls: usize = 0;
export let tTime: usize = 0; // f64 per touch, or 0 when the journeys have no timestamps

export function tableAlloc(nRows: i32, nTouches: i32, nChannels: i32, timed: i32): void {
  rows = nRows;
  touchCount = nTouches;
  channels = nChannels;
  tTouches = zalloc(<usize>max(nTouches, 1) << 1);
  tOffsets = zalloc(<usize>(nRows + 1) << 2);
  tConv = zalloc(<usize>max(nRows, 1) << 3);
  tValue = zalloc(<usize>max(nRows, 1) << 3);
  tNulls = zalloc(<usize>max(nRows, 1) << 3);
  tTime = timed != 0 ? zalloc(<usize>max(nTouches, 1) << 3) : 0;
}

export function tableTouches(): usize {
  return tTouches;
}
export function tableOffsets(): usize {
  return tOffsets;
}
export function tableConversions(): usize {
  return tConv;
}
export function tableValue(): usize {
  return tValue;
}
export function tableNulls(): usize {
  return tNulls;
}
export function tableTime(): usize {
  return tTime;
}

// Grows the packed journey table (types.ts PathTable) row by row. Capacities double, so a
// million rows cost a handful of copies; `build` trims the arrays to their used length.
import type { PathTable } from './types';
import { grown } from './grow';

/** Channel ids are stored as Uint16. */
export const MAX_CHANNELS = 65535;

export class TableBuilder {
  private touches: Uint16Array;
  private touchTime: Float64Array | null;
  private offsets: Uint32Array;
  private conversions: Float64Array;
  private value: Float64Array;
  private nulls: Float64Array;
  private conversionTime: Float64Array | null;
  private nTouches = 0;
  private nRows = 0;

  constructor(expectedRows = 1024, expectedTouches = 8192, timed = false) {
    expectedRows = Math.ceil(expectedRows);
    expectedTouches = Math.ceil(expectedTouches);
    this.touches = new Uint16Array(Math.max(16, expectedTouches));
    this.touchTime = timed ? new Float64Array(this.touches.length) : null;
    this.offsets = new Uint32Array(Math.max(16, expectedRows) + 1);
    this.conversions = new Float64Array(Math.max(16, expectedRows));
    this.value = new Float64Array(this.conversions.length);
    this.nulls = new Float64Array(this.conversions.length);
    this.conversionTime = timed ? new Float64Array(this.conversions.length) : null;
  }

  get rows(): number {
    return this.nRows;
  }

  get touchCount(): number {
    return this.nTouches;
  }

  /** Touches added since the last endRow (the row being built). */
  get openTouches(): number {
    return this.nTouches - this.offsets[this.nRows];
  }

  addTouch(channel: number, time = 0): void {
    if (this.nTouches === this.touches.length) this.growTouches();
    this.touches[this.nTouches] = channel;
    if (this.touchTime) this.touchTime[this.nTouches] = time;
    this.nTouches++;
  }

  /** Drops the touches of the open row (a row found invalid after its path was read). */
  discardOpenRow(): void {
    this.nTouches = this.offsets[this.nRows];
  }

  /** Drops the first k touches of the open row (touches before a lookback window). */
  dropOpenTouches(k: number): void {
    const start = this.offsets[this.nRows];
    this.touches.copyWithin(start, start + k, this.nTouches);
    if (this.touchTime) this.touchTime.copyWithin(start, start + k, this.nTouches);
    this.nTouches -= k;
  }

  /** Time of the i-th touch of the open row. */
  openTouchTime(i: number): number {
    return this.touchTime ? this.touchTime[this.offsets[this.nRows] + i] : NaN;
  }

  endRow(conversions: number, value: number, nulls: number, conversionTime = NaN): void {
    if (this.nRows + 1 === this.conversions.length) this.growRows();
    this.conversions[this.nRows] = conversions;
    this.value[this.nRows] = value;
    this.nulls[this.nRows] = nulls;
    if (this.conversionTime) this.conversionTime[this.nRows] = conversionTime;
    this.nRows++;
    this.offsets[this.nRows] = this.nTouches;
  }

  build(channels: string[], hasValue: boolean, hasNulls: boolean): PathTable {
    const table: PathTable = {
      channels,
      touches: this.touches.slice(0, this.nTouches),
      offsets: this.offsets.slice(0, this.nRows + 1),
      conversions: this.conversions.slice(0, this.nRows),
      value: this.value.slice(0, this.nRows),
      nulls: this.nulls.slice(0, this.nRows),
      hasValue,
      hasNulls,
    };
    if (this.touchTime && this.conversionTime) {
      table.touchTime = this.touchTime.slice(0, this.nTouches);
      table.conversionTime = this.conversionTime.slice(0, this.nRows);
    }
    return table;
  }

  private growTouches(): void {
    this.touches = grown(this.touches, this.touches.length * 2);
    if (this.touchTime) this.touchTime = grown(this.touchTime, this.touches.length);
  }

  private growRows(): void {
    const n = this.conversions.length * 2;
    this.conversions = grown(this.conversions, n);
    this.value = grown(this.value, n);
    this.nulls = grown(this.nulls, n);
    if (this.conversionTime) this.conversionTime = grown(this.conversionTime, n);
    this.offsets = grown(this.offsets, n + 1);
  }
}

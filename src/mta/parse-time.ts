// Timestamps of the event format, read from bytes into epoch milliseconds (UTC).
// Accepted: ISO 8601 dates and date-times (`2024-03-01`, `2024-03-01T09:30`, `2024-03-01
// 09:30:15.250Z`, `...+02:00`), and Unix epoch numbers: seconds below 1e11 (before the year
// 5138), milliseconds from 1e11 on (after March 1973). A date-time without an offset is read
// as UTC: journeys only use differences between times, so the zone matters only across a
// daylight-saving change, by an hour.

const decoder = new TextDecoder('utf-8');

/** Epoch seconds below this are seconds; at or above, milliseconds. */
export const EPOCH_MS_THRESHOLD = 1e11;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

function digits(buf: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = buf[i + k] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Epoch milliseconds, or NaN when the text is not a supported timestamp. */
export function parseTime(buf: Uint8Array, start: number, end: number): number {
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  if (end - start >= 10 && buf[start + 4] === 0x2d && buf[start + 7] === 0x2d) return parseIso(buf, start, end);
  return parseEpoch(buf, start, end);
}

function parseEpoch(buf: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(buf.subarray(start, end));
  if (!/^\d+(\.\d+)?$/.test(text)) return NaN;
  const v = Number(text);
  return v < EPOCH_MS_THRESHOLD ? v * 1000 : v;
}

function parseIso(buf: Uint8Array, s: number, e: number): number {
  const year = digits(buf, s, 4);
  const month = digits(buf, s + 5, 2);
  const day = digits(buf, s + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  let i = s + 10;
  let h = 0;
  let m = 0;
  let sec = 0;
  let ms = 0;
  if (i < e && (buf[i] === 0x54 || buf[i] === 0x20)) {
    i++;
    h = digits(buf, i, 2);
    if (h < 0 || h > 24 || i + 5 > e || buf[i + 2] !== 0x3a) return NaN;
    m = digits(buf, i + 3, 2);
    if (m < 0 || m > 59) return NaN;
    i += 5;
    if (i < e && buf[i] === 0x3a) {
      sec = digits(buf, i + 1, 2);
      if (sec < 0 || sec > 60 || i + 3 > e) return NaN;
      i += 3;
      if (i < e && (buf[i] === 0x2e || buf[i] === 0x2c)) {
        i++;
        let scale = 100;
        while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
          ms += (buf[i] - 0x30) * scale;
          scale /= 10;
          i++;
        }
      }
    }
  }
  let offsetMin = 0;
  if (i < e) {
    const b = buf[i];
    if (b === 0x5a && i + 1 === e) i++;
    else if (b === 0x2b || b === 0x2d) {
      const oh = digits(buf, i + 1, 2);
      const colon = buf[i + 3] === 0x3a ? 1 : 0;
      const om = digits(buf, i + 3 + colon, 2);
      if (oh < 0 || om < 0 || i + 5 + colon !== e) return NaN;
      offsetMin = (b === 0x2d ? -1 : 1) * (oh * 60 + om);
      i = e;
    } else return NaN;
  }
  // Date.UTC would roll 2024-02-31 over to March 2.
  if (day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day, h, m, sec, ms) - offsetMin * 60_000;
}
